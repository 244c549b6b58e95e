"""The Leadership 360 at the start and end of a track: sent through the instruments'
administration to the coachee (self) and their stakeholders; figures per audience only at the
threshold once closed; self only to the coachee; the change per competency from start to end."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trellis.instruments import services as instruments
from trellis.instruments.selectors import instrument_of
from trellis.stakeholders import selectors, services
from trellis.stakeholders.models import ThreeSixty
from trellis.stakeholders.tests.helpers import plan_with_stakeholders

ITEMS = ("t1", "t2", "t3", "m1", "m2", "m3", "i1", "i2", "i3", "c1", "c2", "c3")


def _answer_all(threesixty, value):
    for respondent in threesixty.administration.respondents.all():
        instruments.answers_submit(respondent=respondent, answers=dict.fromkeys(ITEMS, value))
    instruments.administration_close(
        actor=threesixty.administration.created_by, administration=threesixty.administration
    )


def test_the_coach_sends_it_to_the_coachee_and_the_stakeholders_by_audience(world):
    plan = plan_with_stakeholders(world)
    with pytest.raises(PermissionDenied):
        services.threesixty_start(actor=world.bob, plan=plan, phase="start")
    with pytest.raises(ValidationError):
        services.threesixty_start(actor=world.alice, plan=plan, phase="end")  # start first
    start = services.threesixty_start(actor=world.alice, plan=plan, phase="start")
    roles = start.administration.respondents.values_list("role", flat=True)
    audiences = sorted(ThreeSixty.AUDIENCE_OF_ROLE[role] for role in roles)
    assert audiences == ["direct_report", "direct_report", "manager", "peer", "self"]
    with pytest.raises(ValidationError):
        services.threesixty_start(actor=world.alice, plan=plan, phase="start")


def test_figures_per_audience_only_at_the_threshold_and_self_only_to_the_coachee(world):
    plan = plan_with_stakeholders(world)
    start = services.threesixty_start(actor=world.alice, plan=plan, phase="start")
    view = selectors.threesixty_view(start, member=world.alice, threshold=3)
    assert view.withheld and all(a.competencies is None for a in view.audiences)
    _answer_all(start, 2)
    for member, sees_self in ((world.bob, True), (world.alice, False)):
        view = selectors.threesixty_view(start, member=member, threshold=3)
        shown = {a.audience: a.competencies for a in view.audiences}
        assert (shown[ThreeSixty.Audience.SELF] is not None) is sees_self
        # one manager, one peer, two direct reports: each below three
        assert shown["manager"] is None and shown["peer"] is None
        assert shown["direct_report"] is None
        assert shown["others"] == {
            "task": 2.0,
            "team": 2.0,
            "individual": 2.0,
            "communication": 2.0,
        }


def test_the_end_360_shows_the_change_per_competency(world):
    plan = plan_with_stakeholders(world)
    _answer_all(services.threesixty_start(actor=world.alice, plan=plan, phase="start"), 2)
    end = services.threesixty_start(actor=world.alice, plan=plan, phase="end")
    assert end.administration.baseline is not None
    _answer_all(end, 4)
    _views, changes = selectors.threesixties_of(plan, member=world.bob)
    assert {c.key: c.change for c in changes} == {
        "task": 2.0,
        "team": 2.0,
        "individual": 2.0,
        "communication": 2.0,
    }


def test_its_audiences_are_the_instruments_own_and_each_respondent_carries_one(world):
    plan = plan_with_stakeholders(world)
    start = services.threesixty_start(actor=world.alice, plan=plan, phase="start")
    spec = instrument_of(start.administration.instrument).spec
    assert list(spec.respondents) == ["self", "manager", "peer", "report"]
    roles = sorted(start.administration.respondents.values_list("role", flat=True))
    assert roles == ["manager", "peer", "report", "report", "self"]
    # an audience the instrument does not name is refused, naming the field
    with pytest.raises(ValidationError) as refused:
        instruments.administration_create(
            actor=world.alice,
            key="leadership-360",
            target="person",
            subject=world.bob,
            stakeholders=[("vic@outside.test", "Vic", "stakeholder")],
        )
    assert "stakeholders" in refused.value.message_dict
