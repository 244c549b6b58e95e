"""Business coaching opens its cascade itself: from the template's cascade week, the program pass
proposes a team engagement for each team with a goal under a business goal and a one-to-one
engagement for each leader enrolled; everyone accepts their own place, and a second pass opens
nothing more."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from trellis.accounts.models import Team
from trellis.engagements.kinds import engagement_propose_team
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.goals.models import Goal
from trellis.programs import services
from trellis.programs.tests.test_programs import NOW, coachee, program

pytestmark = pytest.mark.django_db


@pytest.fixture
def business(world):
    """Olga runs business coaching for the leadership team (Zoe, Yan) with Alice in the pool.
    Sales (Carl, Dee) has a team goal under the business goal "Grow repeat revenue"; Support
    (Eve, Finn) has a goal under nothing."""
    with time_machine.travel(NOW, tick=False):
        run = program(world, "business-coaching", capacity=10)
        world.zoe, world.yan = coachee(world, "Zoe"), coachee(world, "Yan")
        services.program_enrol(actor=world.olga, program=run, members=[world.zoe, world.yan])
    top = Goal.objects.create(
        org=world.org, level=Goal.Level.ORGANIZATION, title="Grow repeat revenue"
    )
    for name, people, parent in (
        ("Sales", ("Carl", "Dee"), top),
        ("Support", ("Eve", "Finn"), None),
    ):
        team = Team.objects.create(org=world.org, name=name)
        for person in people:
            member = coachee(world, person)
            member.team = team
            member.save(update_fields=["team"])
        Goal.objects.create(
            org=world.org, level=Goal.Level.TEAM, team=team, parent=parent, title=f"{name} goal"
        )
    world.run = run
    return world


def test_the_business_coaching_pass_opens_team_and_leader_engagements_at_its_week(business, login):
    assert business.run.template.cascade.week == 4
    with time_machine.travel(NOW + timedelta(weeks=2), tick=False):
        assert services.program_pass()["cascaded"] == 0  # not before week 4
    with time_machine.travel(NOW + timedelta(weeks=3, days=1), tick=False):
        assert services.program_pass()["cascaded"] == 3

    team = Engagement.objects.get(kind=Engagement.Kind.TEAM, team__name="Sales")
    assert team.status == Engagement.Status.PROPOSED and team.coach == business.alice
    assert team.topic == "Business coaching: Sales"
    members = {
        p.member.user.name: p.acceptance
        for p in team.participants.filter(role=EngagementParticipant.Role.COACHEE)
    }
    assert members == {"Carl": "pending", "Dee": "pending"}  # each answers for their own place
    assert not Engagement.objects.filter(team__name="Support").exists()  # no business goal above
    leaders = Engagement.objects.filter(
        kind=Engagement.Kind.ONE_TO_ONE, topic="Business coaching: one-to-one"
    )
    assert {e.coachee.user.name for e in leaders} == {"Zoe", "Yan"}
    assert all(e.status == Engagement.Status.PROPOSED for e in leaders)

    # Carl sees the proposal on his engagements page
    carl = team.participants.get(member__user__name="Carl").member
    page = login(carl).get(reverse("engagements:list", args=[business.org.slug]))
    assert "Business coaching: Sales" in page.content.decode()

    with time_machine.travel(NOW + timedelta(weeks=5), tick=False):
        assert services.program_pass()["cascaded"] == 0  # once: nothing more to open


def test_a_full_pool_opens_nothing_and_says_who_was_left(business):
    business.run.coaches.update(capacity=2)  # the two leaders' program places fill it
    with time_machine.travel(NOW + timedelta(weeks=4), tick=False):
        done = services.program_cascade(program=business.run)
    assert (done.teams, done.leaders) == (0, 0)
    assert done.skipped == [
        "Sales: no pool coach has a free place",
        "Zoe: no pool coach has a free place",
        "Yan: no pool coach has a free place",
    ]


def test_a_team_already_in_team_coaching_is_not_proposed_a_second_engagement(business):
    sales = Team.objects.get(name="Sales")
    already = engagement_propose_team(actor=business.olga, team=sales, coach=business.alice)
    with time_machine.travel(NOW + timedelta(weeks=4), tick=False):
        done = services.program_cascade(program=business.run)
    assert (done.teams, done.leaders) == (0, 2)
    assert list(Engagement.objects.filter(kind=Engagement.Kind.TEAM, team=sales)) == [already]

    # the leadership team itself is one team engagement, shared by Zoe and Yan
    (leadership,) = {e.engagement for e in business.run.enrolments.all()}
    assert leadership.kind == Engagement.Kind.TEAM
    assert leadership.participants.filter(role="coachee").count() == 2
