"""The group activity digest: group coaching sends no email per event; each member's home digest
(daily or weekly, their choice) counts what is new in their groups, only over what they may read."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from trellis.groups import selectors, services
from trellis.groups.tests.helpers import group_for
from trellis.scheduling.models import HomeDigest, ReminderSettings
from trellis.web.services.digest import digest_pass

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 12, 2, 8, 5, tzinfo=ZoneInfo("UTC"))


def test_it_counts_only_what_the_reader_may_read(world):
    group = group_for(world)
    erin = world.group_people[1]
    services.item_add(
        actor=world.bob, engagement=group, kind="goal", text="a", visibility="private"
    )
    services.item_add(actor=world.bob, engagement=group, kind="goal", text="b", visibility="coach")
    shared = services.item_add(
        actor=world.bob, engagement=group, kind="goal", text="c", visibility="group"
    )
    services.comment_add(actor=erin, item=shared, text="Nice")
    [for_erin] = selectors.activity_since(member=erin, since=None)
    assert (for_erin.new_items, for_erin.new_comments) == (1, 0)
    [for_alice] = selectors.activity_since(member=world.alice, since=None)
    assert (for_alice.new_items, for_alice.new_comments) == (2, 1)
    [for_bob] = selectors.activity_since(member=world.bob, since=None)
    assert (for_bob.new_items, for_bob.new_comments) == (0, 1)
    assert selectors.activity_since(member=world.olga, since=None) == []


def test_it_sends_no_email_per_event_and_puts_the_group_in_the_digest(world):
    group = group_for(world)
    erin = world.group_people[1]
    mail.outbox.clear()
    shared = services.item_add(
        actor=world.bob, engagement=group, kind="goal", text="c", visibility="group"
    )
    services.comment_add(actor=erin, item=shared, text="Nice")
    assert mail.outbox == []
    ReminderSettings.objects.update_or_create(
        member=world.bob, defaults={"digest_time": time(8, 0), "home_digest": HomeDigest.DAILY}
    )
    with time_machine.travel(MORNING, tick=False):
        digest_pass(now=MORNING)
    [email] = [m for m in mail.outbox if m.to == [world.bob.user.email]]
    assert "YOUR GROUPS" in email.body
    assert "New managers cohort: 0 new items you can read, 1 new comment" in email.body
