"""In Chromium: Alice proposes coaching Bob with Dana as sponsor and writes the agreement; Dana and
Bob accept their places and the agreement; then Alice pauses, ends with a reason, and reopens."""

import re

import pytest

from trellis.engagements.models import Agreement, Engagement

pytestmark = pytest.mark.browser
PASSWORD = "a-long-pass-phrase-9"


def sign_in(browser, base: str, member):
    member.user.set_password(PASSWORD)
    member.user.save()
    page = browser.new_context().new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(member.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base}/o/acme/")
    return page


def test_it_contracts_runs_pauses_ends_and_reopens_an_engagement(
    transactional_db, world, live_server, browser
):
    base = live_server.url
    alice = sign_in(browser, base, world.alice)
    alice.goto(f"{base}/o/acme/engagements/new/")
    alice.get_by_label("Coachee").select_option(label="Bob Coachee")
    alice.get_by_label("Sponsor").select_option(label="Dana Sponsor")
    alice.get_by_label("Topic").fill("Speaking at the architecture forum")
    alice.get_by_role("button", name=re.compile("Open|Propose")).click()
    alice.get_by_text("it starts when the coachee accepts it").wait_for()
    engagement = Engagement.objects.get(topic="Speaking at the architecture forum")
    assert engagement.status == "proposed"
    url = f"{base}/o/acme/engagements/{engagement.uuid}/"

    alice.get_by_role("link", name="Write the agreement").click()
    alice.get_by_label("Goals of the engagement").fill("Give the forum talk with confidence")
    alice.get_by_label("Length").fill("Three months")
    alice.get_by_label("Cadence").fill("Every two weeks")
    alice.get_by_label("Attendance and session counts").check()
    alice.get_by_label("Limits of confidentiality").fill("A risk of serious harm")
    alice.get_by_role("button", name="Save the agreement").click()
    alice.get_by_text("Version 1 of the agreement is waiting").wait_for()

    dana = sign_in(browser, base, world.dana)
    dana.goto(url)
    dana.locator("#waiting").get_by_role("button", name="Accept").click()
    dana.get_by_text("You accepted.").wait_for()
    dana.get_by_role("button", name="Accept version 1 of the agreement").click()
    dana.get_by_text("You accepted version 1 of the agreement.").wait_for()

    bob = sign_in(browser, base, world.bob)
    bob.goto(url)
    waiting = bob.locator("#waiting").inner_text()
    assert "Dana Sponsor as sponsor" in waiting  # he sees who the sponsor is before saying yes
    bob.locator("#waiting").get_by_role("button", name="Accept").click()
    bob.get_by_text("You accepted.").wait_for()
    bob.get_by_role("button", name="Accept version 1 of the agreement").click()
    bob.get_by_text("accepted, in force").wait_for()
    engagement.refresh_from_db()
    assert engagement.status == "active" and engagement.sponsor == world.dana
    assert Agreement.objects.get(engagement=engagement).acceptances.count() == 2

    alice.goto(url)
    pause = alice.locator("form[action$='/pause/']")
    pause.get_by_label("Why (optional)").fill("Bob's conference trip")
    pause.get_by_role("button", name="Pause").click()
    alice.get_by_text("The engagement is paused.").wait_for()
    alice.get_by_role("link", name="End the engagement").click()
    alice.get_by_label("Why it ends").fill("Talk given, goals met")
    alice.get_by_role("button", name="End the engagement").click()
    alice.get_by_text("Closing review:").wait_for()
    alice.get_by_role("link", name="Later").click()
    reopen = alice.locator("form[action$='/reopen/']")
    reopen.get_by_label("Why (optional)").fill("A second talk came up")
    reopen.get_by_role("button", name="Reopen").click()
    alice.get_by_text("The engagement is reopened.").wait_for()

    history = alice.locator("section[aria-labelledby='history-heading']").inner_text()
    for seen in ("Proposed", "Accepted", "Paused", "Ended", "Reopened"):
        assert seen in history
    assert "Talk given, goals met" in history and "Bob's conference trip" in history
    engagement.refresh_from_db()
    assert engagement.status == "active"
