"""A goal a member writes in a group becomes, if they want, a goal of their own plan (through the
goals services): GAS levels, the SMART check and actions come from trellis/goals, and the goal is
private to them there, whatever the group item's level."""

from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from trellis.accounts import policy
from trellis.goals import services as goal_services
from trellis.goals.models import Action, Goal
from trellis.groups import selectors, services
from trellis.groups.tests.helpers import group_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_goal(world):
    engagement = group_for(world)
    item = services.item_add(
        actor=world.bob,
        engagement=engagement,
        kind="goal",
        text="Delegate the weekly report to the shift leads",
        visibility="group",
    )
    return selectors.item_get(engagement=engagement, uuid=str(item.uuid))


def test_the_author_makes_it_a_goal_of_their_plan(world, group_goal, login):
    client = login(world.bob)
    url = reverse(
        "groups:item_goal", args=[world.org.slug, group_goal.engagement.uuid, group_goal.uuid]
    )
    detail = reverse("groups:detail", args=[world.org.slug, group_goal.engagement.uuid])
    assert "Make it a goal in my plan" in client.get(detail).content.decode()
    response = client.post(url)
    goal = Goal.objects.get(owner=world.bob, title="Delegate the weekly report to the shift leads")
    assert response.status_code == 302 and str(goal.uuid) in response["Location"]
    assert goal.engagement is None and "New managers cohort" in goal.why
    group_goal.refresh_from_db()
    assert group_goal.goal == goal and group_goal.visibility == "group"
    page = unescape(client.get(detail).content.decode())
    assert "Open it in your plan" in page and "Make it a goal in my plan" not in page
    # once only
    assert client.post(url).status_code == 403


def test_the_goal_gets_gas_levels_and_actions_from_the_goals_app(world, group_goal):
    goal = services.item_make_goal(actor=world.bob, item=group_goal)
    goal = goal_services.goal_update(
        actor=world.bob,
        goal=goal,
        changes={"gas_much_less": "Still writing it myself", "gas_expected": "Leads write it"},
        version=goal.version,
    )
    assert goal.gas_levels.expected == "Leads write it"
    action = goal_services.action_create(actor=world.bob, goal=goal, what="Show Priya the template")
    assert Action.objects.filter(goal=goal).get() == action


def test_it_stays_the_authors_own(world, group_goal, login):
    erin = world.group_people[1]
    for other in (world.alice, erin, world.olga):
        with pytest.raises(PermissionDenied):
            services.item_make_goal(actor=other, item=group_goal)
    goal = services.item_make_goal(actor=world.bob, item=group_goal)
    # the group can read the item; the goal in Bob's plan is his alone
    for other in (world.alice, erin, world.olga, world.dana):
        assert not policy.allows(other, "goal.read", goal)
    page = login(erin).get(
        reverse("groups:detail", args=[world.org.slug, group_goal.engagement.uuid])
    )
    assert str(goal.uuid) not in page.content.decode()


def test_only_a_goal_item_becomes_a_goal(world):
    engagement = group_for(world)
    item = services.item_add(
        actor=world.bob, engagement=engagement, kind="reflection", text="Hard week"
    )
    assert not policy.allows(world.bob, "group.item.goal", item)
