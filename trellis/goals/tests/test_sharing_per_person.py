"""A goal's summary is shared with a person, the sponsor of that day, never with a role: a sponsor
who takes over the engagement later does not inherit what was shared with the one before."""

import pytest
import time_machine

from trellis.accounts.models import Membership, User
from trellis.accounts.policy import allows
from trellis.engagements.tests import agreements
from trellis.goals import services
from trellis.goals.models import Goal

SHARED = "Be seen as the team's go-to person for releases"


@pytest.fixture
def shared(world):
    agreements.agree(world.engagement)  # an accepted agreement shows the sponsor goal summaries
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        return services.goal_create(
            actor=world.bob,
            owner=world.bob,
            engagement=world.engagement,
            title=SHARED,
            visibility="shared",
        )


@pytest.fixture
def sam(world):
    user = User.objects.create(email="sam@acme.test", name="Sam Sponsor")
    return Membership.objects.create(org=world.org, user=user, is_sponsor=True)


def plan_page(client, world):
    return client.get(f"/o/acme/engagements/{world.engagement.uuid}/plan/").content.decode()


def hand_over_to(world, sponsor):
    """The lead coach names a new sponsor; they and the coachee accept (engagements' lifecycle)."""
    from trellis.engagements import lifecycle
    from trellis.engagements.models import Engagement

    lifecycle.engagement_change_sponsor(
        actor=world.alice, engagement=world.engagement, sponsor=sponsor
    )
    for member in (sponsor, world.bob):
        lifecycle.engagement_accept(
            actor=member, engagement=Engagement.objects.get(pk=world.engagement.pk)
        )
    world.engagement.refresh_from_db()
    agreements.agree(world.engagement)  # the new sponsor accepts the agreement too


def test_it_stores_the_sponsor_the_goal_was_shared_with(world, shared):
    assert Goal.objects.get(pk=shared.pk).shared_with == world.dana


def test_it_shows_a_new_sponsor_nothing_shared_with_the_one_before(world, shared, sam, login):
    hand_over_to(world, sam)
    assert SHARED not in plan_page(login(sam), world)
    goal = Goal.objects.get(pk=shared.pk)
    assert not allows(sam, "goal.summary.read", goal)


def test_it_shows_the_new_sponsor_a_goal_the_coachee_shares_again(world, shared, sam, login):
    hand_over_to(world, sam)
    goal = services.goal_update(
        actor=world.bob, goal=shared, changes={"visibility": "private"}, version=shared.version
    )
    assert goal.shared_with is None
    goal = services.goal_update(
        actor=world.bob, goal=goal, changes={"visibility": "shared"}, version=goal.version
    )
    assert goal.shared_with == sam
    assert SHARED in plan_page(login(sam), world)


def test_it_counts_for_a_new_sponsor_only_the_goals_shared_with_them(world, shared, sam):
    from datetime import date

    from trellis.goals import selectors

    hand_over_to(world, sam)
    (row,) = selectors.plans_for(member=sam, today=date(2026, 3, 3)).sponsoring
    assert row.shared_goals == 0
