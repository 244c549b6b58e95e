"""In Chromium, at phone width: each person's home shows its key item, and a screenshot of each is
kept in the test's temporary folder (not committed)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.engagements.tests import agreements
from trellis.goals.models import Action, Goal
from trellis.scheduling.models import ScheduledSession, SessionSeries

pytestmark = pytest.mark.browser
PASSWORD = "a-long-pass-phrase-9"
PHONE = {"width": 390, "height": 844}


def _people(world):
    for member in (world.alice, world.bob, world.dana, world.olga):
        member.user.set_password(PASSWORD)
        member.user.save()
    now = timezone.now()
    goal = Goal.objects.create(
        org=world.org,
        owner=world.bob,
        engagement=world.engagement,
        title="Lead the Q1 launch",
        visibility=Goal.Visibility.SHARED,
        shared_with=world.dana,
    )
    Action.objects.create(
        goal=goal,
        owner=world.bob,
        what="Draft the delegation plan",
        due_date=now.date() - timedelta(days=3),
        status=Action.Status.IN_PROGRESS,
    )
    start = now + timedelta(hours=1)
    series = SessionSeries.objects.create(
        org=world.org,
        engagement=world.engagement,
        coach=world.alice,
        coachee=world.bob,
        sponsor=world.dana,
        organizer=world.alice,
        timezone="UTC",
        starts_at=start,
    )
    ScheduledSession.objects.create(
        series=series,
        org=world.org,
        coach=world.alice,
        coachee=world.bob,
        original_start=start,
        start=start,
        end=start + timedelta(hours=1),
    )
    agreements.agree(world.engagement)


def _open_home(browser, base, email, tmp_path, name):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base}/o/acme/")
    page.screenshot(path=str(tmp_path / f"home-{name}.png"), full_page=True)
    # nothing wider than the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    refused = [e for e in errors if "Content Security Policy" in e or "Refused" in e]
    assert refused == []  # nothing inline, nothing the content security policy refuses
    return page


def test_it_shows_each_person_their_home_at_phone_width(
    transactional_db, world, live_server, browser, tmp_path
):
    _people(world)
    base = live_server.url
    coach = _open_home(browser, base, "alice@acme.test", tmp_path, "coach")
    assert coach.get_by_role("heading", name="Your coaching day").is_visible()
    assert coach.get_by_role("link", name="Start the session").first.is_visible()
    coachee = _open_home(browser, base, "bob@acme.test", tmp_path, "coachee")
    assert coachee.get_by_role("heading", name="The one thing to do now").is_visible()
    assert coachee.get_by_text("Do it or re-plan it: Draft the delegation plan").is_visible()
    sponsor = _open_home(browser, base, "dana@acme.test", tmp_path, "sponsor")
    assert sponsor.get_by_text("Lead the Q1 launch").is_visible()
    assert "Draft the delegation plan" not in sponsor.content()
    admin = _open_home(browser, base, "olga@acme.test", tmp_path, "admin")
    assert admin.get_by_role("heading", name="Your organization at a glance").is_visible()
