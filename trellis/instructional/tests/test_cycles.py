from datetime import date
from uuid import uuid4

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trellis.accounts import policy
from trellis.instructional import selectors, services
from trellis.instructional.models import Cycle, ObservationNote, Tally, Visit
from trellis.instructional.tests.helpers import cycle_for, instructional_for, observation_for
from trellis.schools.models import LearningActivity


def test_it_runs_a_cycle_from_identify_to_done(world):
    cycle = cycle_for(world)
    with pytest.raises(ValidationError, match="strategy"):
        services.cycle_advance(actor=world.alice, cycle=cycle, stage="improve")
    services.cycle_advance(actor=world.alice, cycle=cycle, stage="learn")
    services.cycle_save(
        actor=world.alice,
        cycle=cycle,
        strategy="Partner reading",
        checklist=["Pairs read in turns", "The listener tracks with a finger"],
    )
    services.cycle_advance(actor=world.alice, cycle=cycle, stage="improve")
    services.check_add(
        actor=world.bob, cycle=cycle, students=24, reached=20, taken_on=date(2026, 10, 20)
    )
    done = services.cycle_advance(actor=world.alice, cycle=cycle, stage="done")
    assert done.stage == Cycle.Stage.DONE
    assert done.goal_met_on == date(2026, 10, 20)
    assert [c["text"] for c in done.checklist] == [
        "Pairs read in turns",
        "The listener tracks with a finger",
    ]


def test_it_refuses_learn_before_a_goal(world):
    cycle = services.cycle_start(actor=world.alice, engagement=instructional_for(world))
    with pytest.raises(ValidationError, match=str(services.NEEDS_GOAL)):
        services.cycle_advance(actor=world.alice, cycle=cycle, stage="learn")


def test_it_starts_cycles_only_in_instructional_engagements(world):
    with pytest.raises(ValidationError, match="instructional"):
        services.cycle_start(actor=world.alice, engagement=world.engagement)


def test_it_refuses_names_in_the_goal_and_fractional_counts(world):
    cycle = cycle_for(world)
    with pytest.raises(ValidationError, match="names"):
        services.cycle_save(
            actor=world.alice, cycle=cycle, goal_text="Maya, Leo and Sam read at pace"
        )
    with pytest.raises(ValidationError, match="whole numbers"):
        services.check_add(actor=world.alice, cycle=cycle, students=24, reached=11.5)
    with pytest.raises(ValidationError, match="More students"):
        services.check_add(actor=world.alice, cycle=cycle, students=10, reached=11)


def test_each_visit_counts_as_the_teachers_professional_learning(world):
    cycle = cycle_for(world)
    visit = observation_for(world, cycle)
    activity = LearningActivity.objects.get(source_uuid=visit.uuid)
    assert activity.teacher == world.bob
    assert activity.minutes == 40
    assert set(activity.features) == {"content", "active", "sustained"}
    assert activity.subject == "Reading"
    assert "Partners" not in activity.title  # a label only, never observation content


def test_a_saved_note_is_saved_once_however_often_it_is_sent(world):
    visit = observation_for(world, cycle_for(world))
    client_id = uuid4()
    for text in ("The teacher", "The teacher models", "The teacher models the pace"):
        services.note_save(
            actor=world.alice, visit=visit, client_id=client_id, at_seconds=120, text=text
        )
    services.note_save(
        actor=world.alice,
        visit=visit,
        client_id=client_id,
        at_seconds=500,
        text="The teacher models the pace",
    )
    notes = ObservationNote.objects.filter(visit=visit, client_id=client_id)
    assert [(n.at_seconds, n.text) for n in notes] == [(120, "The teacher models the pace")]


def test_a_tally_sent_twice_counts_once(world):
    visit = observation_for(world, cycle_for(world))
    client_id = uuid4()
    for _ in range(2):
        services.tally_add(
            actor=world.alice,
            visit=visit,
            client_id=client_id,
            at_seconds=300,
            engaged=18,
            present=24,
        )
    assert Tally.objects.filter(visit=visit).count() == 1
    assert selectors.observation_view(visit)["engaged_share"] == 75


def test_ratings_use_the_rubrics_levels(world):
    visit = observation_for(world, cycle_for(world))
    with pytest.raises(ValidationError, match="levels"):
        services.rating_save(actor=world.alice, visit=visit, indicator="talk", level=9)
    with pytest.raises(ValidationError, match="no indicator"):
        services.rating_save(actor=world.alice, visit=visit, indicator="charisma", level=2)
    services.rating_save(actor=world.alice, visit=visit, indicator="talk", level=4)
    indicators: list = selectors.observation_view(visit)["indicators"]  # type: ignore[assignment]
    rows = {r["key"]: r["label"] for r in indicators}
    assert rows["talk"] == "Strong"


def test_a_principal_reads_the_cycle_only_once_the_teacher_shares_it(world):
    cycle = cycle_for(world)
    visit = observation_for(world, cycle)
    for who in (world.dana, world.olga):
        assert not policy.allows(who, "cycle.content.read", cycle)
        assert not policy.allows(who, "cycle.content.read", visit)
    with pytest.raises(PermissionDenied):
        services.cycle_share(actor=world.alice, cycle=cycle, person=world.dana)
    services.cycle_share(actor=world.bob, cycle=cycle, person=world.dana)
    cycle.refresh_from_db()
    assert policy.allows(world.dana, "cycle.content.read", cycle)
    assert not policy.allows(world.dana, "cycle.write", cycle)
    assert not policy.allows(world.olga, "cycle.content.read", cycle)
    services.cycle_share(actor=world.bob, cycle=cycle, person=None)
    cycle.refresh_from_db()
    assert not policy.allows(world.dana, "cycle.content.read", cycle)


def test_the_goal_chart_draws_each_check_against_the_target(world):
    cycle = cycle_for(world)
    services.check_add(
        actor=world.alice, cycle=cycle, students=24, reached=16, taken_on=date(2026, 10, 1)
    )
    svg = selectors.evidence_chart(cycle)
    assert svg.startswith("<svg")
    assert "46" in svg and "67" in svg  # 11 of 24 and 16 of 24
    assert "Target 80%" in svg


def test_visits_are_tied_to_the_cycles_stage(world):
    cycle = cycle_for(world)
    visit = services.visit_add(actor=world.alice, cycle=cycle, kind="planning", minutes=30)
    assert visit.stage == "identify"
    services.cycle_advance(actor=world.alice, cycle=cycle, stage="learn")
    cycle.refresh_from_db()
    modelling = services.visit_add(
        actor=world.alice, cycle=cycle, kind=Visit.Kind.MODELLING, minutes=45
    )
    assert modelling.stage == "learn"
