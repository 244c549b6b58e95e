"""Group coaching: who reads an item at each level, comments on group-shared items only, counts
at the threshold for coaches and admins, the coaches' time across group and 1:1 sessions."""

from datetime import timedelta
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from trellis.accounts import policy
from trellis.groups import selectors, services
from trellis.groups.models import Visibility
from trellis.groups.tests.helpers import group_for, items_at_each_level

pytestmark = pytest.mark.django_db


def _texts(member, engagement):
    return {i.text for i in selectors.items_for(member=member, engagement=engagement)}


def test_it_defaults_a_new_item_to_shared_with_the_coach(world):
    engagement = group_for(world)
    item = services.item_add(actor=world.bob, engagement=engagement, kind="goal", text="Delegate")
    assert item.visibility == Visibility.COACH


def test_it_shows_each_reader_only_what_the_levels_allow(world):
    engagement = group_for(world)
    items = items_at_each_level(world, engagement)
    erin = world.group_people[1]
    assert _texts(world.bob, engagement) == {i.text for i in items.values()}
    assert _texts(world.alice, engagement) == {
        "Bob's coach reflection",
        "Bob's group reflection",
    }
    assert _texts(erin, engagement) == {"Bob's group reflection"}
    for level, item in items.items():
        assert policy.allows(world.bob, "group.item.read", item)
        assert policy.allows(erin, "group.item.read", item) == (level == "group")
        assert policy.allows(world.alice, "group.item.read", item) == (level in ("coach", "group"))
        assert not policy.allows(world.olga, "group.item.read", item)
        assert not policy.allows(world.dana, "group.item.read", item)


def test_it_keeps_a_private_item_off_the_group_page_of_others(world, login):
    engagement = group_for(world)
    items_at_each_level(world, engagement)
    url = reverse("groups:detail", args=[world.org.slug, engagement.uuid])
    page = unescape(login(world.group_people[1]).get(url).content.decode())
    assert "Bob's group reflection" in page
    assert "Bob's private reflection" not in page
    assert "Bob's coach reflection" not in page
    page = unescape(login(world.olga).get(url).content.decode())
    assert "Bob's" not in page
    assert "The group's totals" in page


def test_it_takes_comments_on_group_shared_items_only(world):
    engagement = group_for(world)
    items = items_at_each_level(world, engagement)
    erin = world.group_people[1]
    comment = services.comment_add(actor=erin, item=items["group"], text="Same for me")
    assert list(items["group"].comments.all()) == [comment]
    with pytest.raises(ValidationError):
        services.comment_add(actor=world.alice, item=items["coach"], text="Hm")
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=world.olga, item=items["group"], text="Hi")


def test_it_lets_only_the_author_change_the_level(world):
    engagement = group_for(world)
    items = items_at_each_level(world, engagement)
    services.item_change(actor=world.bob, item=items["private"], visibility="group")
    assert "Bob's private reflection" in _texts(world.group_people[1], engagement)
    with pytest.raises(PermissionDenied):
        services.item_change(actor=world.alice, item=items["coach"], visibility="group")


def test_it_withholds_counts_about_fewer_than_five_people(world):
    engagement = group_for(world)
    items_at_each_level(world, engagement)
    board = selectors.aggregates(engagement=engagement)
    assert board.people is None
    for person in world.group_people[1:]:
        services.item_add(
            actor=person, engagement=engagement, kind="reflection", text="x", visibility="aggregate"
        )
    board = selectors.aggregates(engagement=engagement)
    assert board.people == 5
    cells = {c.key: c for c in board.panel("items").cells}
    assert cells["reflection"].value == 7  # Bob's three counted items and four others, not private
    assert cells["goal"].hidden


def test_it_counts_the_coach_time_of_group_and_one_to_one_sessions_from_attendance(
    world, login, client, api_token
):
    """A group session counts once, in full, when one member attended, whoever was absent; one
    where every member was a no-show or cancelled late is missed time, as is a 1:1 no-show; what
    has not happened yet is to come."""
    import time_machine

    from trellis.scheduling.models import Outcome, ScheduledSession
    from trellis.scheduling.services import (
        attendance_record,
        group_attendance_record,
        session_schedule,
    )

    engagement = group_for(world)
    bob, erin, *_ = world.group_people
    now = timezone.now().replace(microsecond=0)
    first = now - timedelta(days=14)
    with time_machine.travel(first - timedelta(days=1)):
        session_schedule(
            actor=world.alice,
            engagement=engagement,
            start=first,
            duration_minutes=90,
            freq="weekly",
            count=3,
            invite=False,
        )
        session_schedule(
            actor=world.alice,
            engagement=world.engagement,
            start=first + timedelta(days=1),
            duration_minutes=60,
            freq="weekly",
            count=2,
            invite=False,
        )
    held, nobody, _third = ScheduledSession.objects.filter(series__engagement=engagement)
    # Bob came to the first; Erin cancelled late and the others did not show: held, once
    group_attendance_record(
        actor=world.alice, occurrence=held, present=[bob], late_cancelled=[erin]
    )
    # nobody came to the second: two cancelled late, three did not show
    group_attendance_record(
        actor=world.alice, occurrence=nobody, present=[], late_cancelled=[bob, erin]
    )
    one_held, one_missed = ScheduledSession.objects.filter(series__engagement=world.engagement)
    attendance_record(actor=world.alice, occurrence=one_held, outcome=Outcome.HELD)
    attendance_record(actor=world.bob, occurrence=one_missed, outcome=Outcome.NO_SHOW_COACHEE)

    [time] = selectors.coach_time(engagement=engagement)
    assert time.coach == world.alice
    assert time.group == timedelta(minutes=90)
    assert time.one_to_one == timedelta(minutes=60)
    assert time.total == timedelta(minutes=150)
    assert time.missed == timedelta(minutes=90 + 60)
    assert time.to_come == timedelta(minutes=90)  # the third group session, a week from now

    url = reverse("groups:detail", args=[world.org.slug, engagement.uuid])
    page = login(world.alice).get(url).content.decode()
    assert "<td>1.5 h</td><td>1.0 h</td><td>2.5 h</td><td>2.5 h</td><td>1.5 h</td>" in page
    headers = {"Authorization": f"Bearer {api_token(world.olga)}"}
    totals = client.get(f"/api/v1/groups/{engagement.uuid}/totals", headers=headers).json()
    assert totals["coach_time"] == [
        {
            "coach": "Alice Coach",
            "group_minutes": 90,
            "one_to_one_minutes": 60,
            "missed_minutes": 150,
            "to_come_minutes": 90,
        }
    ]


def test_it_writes_an_item_from_the_group_page(world, login):
    engagement = group_for(world)
    url = reverse("groups:item_add", args=[world.org.slug, engagement.uuid])
    answer = login(world.bob).post(
        url, {"kind": "action", "text": "Book the 1:1s", "visibility": "group"}
    )
    assert answer.status_code == 302
    assert "Book the 1:1s" in _texts(world.group_people[1], engagement)
