"""The goal a German member makes from their group goal says where it was set in German: its why
is their text from then on (they edit it), so Trellis writes it in their language."""

import pytest
from django.urls import reverse

from trellis.goals.models import Goal
from trellis.groups import services
from trellis.groups.tests.helpers import group_for

pytestmark = pytest.mark.django_db


def test_a_german_member_reads_where_their_goal_was_set_in_german(world, login):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    engagement = group_for(world)
    item = services.item_add(
        actor=world.bob,
        engagement=engagement,
        kind="goal",
        text="Delegate the weekly report to the shift leads",
        visibility="group",
    )
    login(world.bob).post(
        reverse("groups:item_goal", args=[world.org.slug, engagement.uuid, item.uuid])
    )
    goal = Goal.objects.get(owner=world.bob)
    assert goal.why == f"In der Gruppe {engagement.topic} gesetzt."
    assert "Set in the group" not in goal.why


def test_a_group_without_a_topic_is_not_named_in_english(world, login):
    world.bob.user.language = "pt-br"
    world.bob.user.save(update_fields=["language"])
    engagement = group_for(world)
    engagement.topic = ""
    engagement.save(update_fields=["topic"])
    item = services.item_add(
        actor=world.bob,
        engagement=engagement,
        kind="goal",
        text="Run the stand-up",
        visibility="group",
    )
    login(world.bob).post(
        reverse("groups:item_goal", args=[world.org.slug, engagement.uuid, item.uuid])
    )
    assert Goal.objects.get(owner=world.bob).why == "Definida em um grupo."
