"""In the browser: a fortnightly series across the next clock change keeps its local time, a
coachee books a free slot, logging a promotion decision opens a TGROW session, and the feed
address is there to copy."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from trellis.core.schedule.times import from_wall_clock
from trellis.scheduling import services
from trellis.scheduling.demo import next_clock_change
from trellis.scheduling.models import ScheduledSession
from trellis.scheduling.services.feeds import secret_of

pytestmark = pytest.mark.browser
PASSWORD = "a-long-pass-phrase-9"


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base}/o/acme/")


def setup_people(world):
    for member in (world.alice, world.bob, world.olga):
        member.user.set_password(PASSWORD)
        member.user.time_zone = "Europe/London"
        member.user.save()


def test_it_shows_a_fortnightly_series_at_the_same_local_time_across_the_clock_change(
    transactional_db, world, live_server, browser
):
    setup_people(world)
    today = timezone.now().date()
    change = next_clock_change("Europe/London", today)
    first = change - timedelta(days=14)
    while first.weekday() != 1:
        first -= timedelta(days=1)
    services.session_schedule(
        actor=world.alice,
        engagement=world.engagement,
        start=from_wall_clock(datetime.combine(first, time(9)), "Europe/London"),
        timezone_name="Europe/London",
        freq="weekly",
        interval=2,
        count=4,
        title="Fortnightly coaching",
        invite=False,
    )
    rows = list(ScheduledSession.objects.order_by("start"))
    before = [o for o in rows if o.start.date() < change]
    after = [o for o in rows if o.start.date() > change]
    assert before and after
    assert before[0].start.hour != after[0].start.hour  # in UTC, the series moves by an hour

    base = live_server.url
    page = browser.new_context().new_page()
    sign_in(page, base, "bob@acme.test")
    page.get_by_role("link", name="Calendar", exact=True).click()
    for occurrence in (before[0], after[0]):
        day = occurrence.start.date()
        page.goto(f"{base}/o/acme/calendar/?view=week&day={day:%Y-%m-%d}")
        item = page.locator(".item", has_text="Fortnightly coaching").first
        assert item.locator("time").first.inner_text() == "09:00"
    # Week navigation by htmx keeps the page and swaps the days.
    page.get_by_role("link", name="Later →").click()
    page.wait_for_url("**day=**")
    assert page.get_by_role("heading", name="My calendar").is_visible()


def test_a_coachee_books_a_free_slot_and_an_event_opens_a_session(
    transactional_db, world, live_server, browser
):
    setup_people(world)
    services.availability_set(
        actor=world.alice,
        timezone_name="Europe/London",
        slot_minutes=60,
        buffer_before_minutes=0,
        buffer_after_minutes=15,
        notice_hours=0,
        windows=[(d, time(9), time(17)) for d in range(7)],
    )
    services.trigger_rule_create(actor=world.olga, event_type="promotion_decision", when="on_log")
    base = live_server.url
    page = browser.new_context().new_page()
    sign_in(page, base, "bob@acme.test")
    page.goto(f"{base}/o/acme/calendar/book/")
    assert page.get_by_role("heading", name="With Alice Coach").is_visible()
    page.locator(".slots button").first.click()
    assert "Booked with Alice Coach" in page.content()
    assert ScheduledSession.objects.filter(series__kind="booked").count() == 1

    page.goto(f"{base}/o/acme/events/")
    page.locator('form[method="post"]').get_by_label("Type").select_option("promotion_decision")
    page.get_by_label("Date").fill(f"{timezone.now().date() + timedelta(days=20):%Y-%m-%d}")
    page.get_by_label("Title").fill("Promotion panel")
    page.get_by_role("button", name="Log event").click()
    assert "Promotion decision logged and opened 1 focused session." in page.content()
    assert page.get_by_text("TGROW session").is_visible()

    page.goto(f"{base}/o/acme/reminders/")
    page.get_by_role("button", name="Create my calendar address").click()
    token = world.bob.feed_tokens.get(revoked_at=None)
    assert page.locator("#feed-url").input_value().endswith(f"/feeds/{secret_of(token)}.ics")
    assert page.get_by_role("button", name="Copy").is_visible()
