"""Team, group and peer programs: the people a program enrols share one engagement (the team,
the group, a circle of at most six), each accepting or declining their own place in it; the
program schedules the shared sessions once and counts each person by their own answer."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from trellis.core.datafiles import DataFileError
from trellis.engagements.lifecycle import engagement_accept, engagement_decline
from trellis.engagements.models import Engagement, EngagementParticipant, EngagementTransition
from trellis.programs import selectors, services
from trellis.programs.tests.test_programs import coachee, program
from trellis.scheduling.models import SessionSeries

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("UTC"))


def places(engagement):
    return {
        p.member.user.name: p.acceptance
        for p in engagement.participants.filter(role="coachee").select_related("member__user")
    }


@time_machine.travel(NOW, tick=False)
def test_a_leadership_team_is_coached_as_one_team_and_each_leader_answers_for_themselves(
    world, django_capture_on_commit_callbacks
):
    run = program(world, "business-coaching", capacity=8)
    zoe, yan, uma = coachee(world, "Zoe"), coachee(world, "Yan"), coachee(world, "Uma")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.program_enrol(actor=world.olga, program=run, members=[zoe, yan])
    team = first[0].engagement
    assert first[1].engagement == team  # one team engagement, not one per leader
    assert (team.kind, team.status, team.coach) == ("team", "proposed", world.alice)
    assert places(team) == {"Zoe": "pending", "Yan": "pending"}
    asked = {m.to[0] for m in mail.outbox if "proposed a coaching engagement" in m.subject}
    assert asked == {"zoe@acme.test", "yan@acme.test"}

    # enrolled later: a place in the same team, offered, not given
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (later,) = services.program_enrol(actor=world.olga, program=run, members=[uma])
    assert later.engagement == team
    assert places(team) == {"Zoe": "pending", "Yan": "pending", "Uma": "pending"}
    assert team.history.filter(action=EngagementTransition.Action.INVITE).count() == 1
    assert [m.to for m in mail.outbox if "proposed" in m.subject] == [["uma@acme.test"]]

    # Zoe's yes starts the team; Yan and Uma are still only invited, and the team's sessions
    # are scheduled once for all of them
    engagement_accept(actor=zoe, engagement=team)
    assert services.program_schedule_accepted(program=run) == 3  # the team's three enrolments
    assert SessionSeries.objects.filter(engagement=team).count() == 1  # one series for the team
    engagement_decline(actor=yan, engagement=Engagement.objects.get(pk=team.pk))
    stages = {r.enrolment.member.user.name: r.stage for r in selectors.cohort_rows(program=run)}
    assert stages == {"Zoe": "accepted", "Yan": "ended", "Uma": "invited"}

    # someone enrolled once the team runs joins its series, not a series of their own
    (vic,) = services.program_enrol(actor=world.olga, program=run, members=[coachee(world, "Vic")])
    assert vic.engagement == team
    assert services.program_schedule_accepted(program=run) == 1
    assert SessionSeries.objects.filter(engagement=team).count() == 1
    assert selectors.cohort_rows(program=run)[-1].stage == "invited"


@time_machine.travel(NOW, tick=False)
def test_a_peer_program_fills_circles_of_six_with_the_rotation_in_enrolment_order(world):
    run = program(world, "peer-coaching-circle", capacity=20)
    people = [coachee(world, f"Peer{n}") for n in range(8)]
    enrolments = services.program_enrol(actor=world.olga, program=run, members=people)
    circles = sorted({e.engagement for e in enrolments}, key=lambda e: e.pk)
    assert [len(places(c)) for c in circles] == [6, 2]
    assert circles[0].rotation == [p.pk for p in people[:6]]
    assert all(c.kind == "peer" for c in circles)

    # one more fills the second circle, not a third
    (ninth,) = services.program_enrol(actor=world.olga, program=run, members=[coachee(world, "N")])
    assert ninth.engagement == circles[1]
    assert Engagement.objects.get(pk=circles[1].pk).rotation[-1] == ninth.member.pk


@time_machine.travel(NOW, tick=False)
def test_a_coachs_capacity_counts_the_people_in_their_team(world):
    run = program(world, "team-coaching", capacity=2)
    zoe, yan, uma = coachee(world, "Zoe"), coachee(world, "Yan"), coachee(world, "Uma")
    services.program_enrol(actor=world.olga, program=run, members=[zoe, yan])
    with pytest.raises(ValidationError, match="Every coach in the pool is full"):
        services.program_enrol(actor=world.olga, program=run, members=[uma])
    assert EngagementParticipant.objects.filter(member=uma).count() == 0


@time_machine.travel(NOW, tick=False)
def test_only_people_who_accepted_their_place_are_given_the_programs_instruments(world):
    run = program(world, "team-coaching", capacity=8)
    zoe, yan = coachee(world, "Zoe"), coachee(world, "Yan")
    (enrolment, _) = services.program_enrol(actor=world.olga, program=run, members=[zoe, yan])
    engagement_accept(actor=zoe, engagement=enrolment.engagement)
    assert services.program_pass()["instruments"] == 1
    (status,) = selectors.instruments_of(program=run)
    assert status.asked == 1  # Zoe; Yan has not said yes


def test_a_shared_program_cannot_let_people_choose_their_own_coach(world):
    text = (
        'key = "team-pick"\nname = "Team pick"\npurpose = "x"\nkind = "team"\n'
        'frameworks = ["team-clear"]\ncoach_assignment = "choose"\n'
        '[sessions]\ncount = 3\nevery = "weekly"\n'
    )
    with pytest.raises(DataFileError) as caught:
        services.template_import(org=world.org, text=text, source="pick.toml")
    assert 'pick.toml: coach_assignment: expected "assign" for a team, group or peer program' in (
        str(caught.value)
    )


@time_machine.travel(NOW, tick=False)
def test_a_team_program_keeps_its_team_together_whatever_the_coaches_loads(world):
    marcus = coachee(world, "Marcus")
    marcus.is_coach, marcus.is_coachee = True, False
    marcus.save()
    run = services.program_create(
        actor=world.olga,
        template_key="team-coaching",
        name="",
        starts_on=NOW.date(),
        pool=[services.PoolPlace(world.alice, 3), services.PoolPlace(marcus, 3)],
    )
    people = [coachee(world, name) for name in ("Zoe", "Yan", "Uma")]
    enrolled = services.program_enrol(actor=world.olga, program=run, members=people)
    assert len({e.engagement for e in enrolled}) == 1  # one team, not split between two coaches
    # the team's coach has no room for a fourth: the other coach's free places do not split it
    with pytest.raises(ValidationError, match="Every coach in the pool is full"):
        services.program_enrol(actor=world.olga, program=run, members=[coachee(world, "Vic")])
