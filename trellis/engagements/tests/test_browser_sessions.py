"""Coaching sessions in a real browser: a coach runs a whole GROW session, a coachee coaches
themselves with OSKAR, and neither the sponsor nor Carol ever sees the coach's private notes."""

import re
from pathlib import Path

import pytest

from trellis.engagements import services
from trellis.engagements.tests.agreements import agree

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


def save(page, stage: str) -> None:
    """Save the stage's answers and wait for the new fragment (not the last save's message)."""
    page.evaluate("document.getElementById('runner').dataset.stale = 'yes'")
    page.get_by_role("button", name="Save answers").click()
    page.locator("#runner:not([data-stale])").get_by_text(f"{stage}: answers saved.").wait_for()


def next_stage(page, name: str) -> None:
    page.get_by_role("button", name=re.compile(f"^Next: {name}")).click()
    page.get_by_role("heading", name=re.compile(f": {name}$")).wait_for()


def test_it_guides_a_coach_through_a_whole_grow_session(
    transactional_db, world, live_server, browser
):
    base = live_server.url
    page = sign_in(browser, base, world.alice)
    page.goto(f"{base}/o/acme/engagements/{world.engagement.uuid}/")
    page.get_by_label("Framework").select_option("grow")
    page.get_by_role("button", name="Start the session").click()
    page.get_by_role("heading", name="Stage 1 of 4: Goal").wait_for()
    page.evaluate("window.stillHere = true")  # gone if any step reloads the page

    question = page.locator(".question-text")
    assert question.inner_text() == "What would you like to be different when we finish today?"
    page.get_by_label("Reply, in a few words (optional)").fill("Be the tech lead")
    page.get_by_role("button", name="Record the reply").click()
    question.filter(has_text="If this went really well, what would you notice").wait_for()
    page.locator("#f-goal-statement").fill("Be confirmed as tech lead of the platform team")
    page.locator("#f-goal-due").fill("2026-06-30")
    save(page, "Goal")
    assert page.get_by_text("This goal has no success measure").is_visible()
    page.locator("#f-goal-success_measure").fill("Greg announces it in the team meeting")
    save(page, "Goal")

    next_stage(page, "Reality")
    page.locator("#f-scaling-now").fill("4")
    page.locator("#f-notes-text").fill("Runs the design review; has not asked for the role.")
    save(page, "Reality")
    assert question.inner_text() == "You put it at 4. What would 5 look like?"

    next_stage(page, "Options")
    page.locator('[name="options-0-option"]').fill("Ask Greg for the role directly")
    page.locator('[name="options-0-rating"]').fill("8")
    page.locator('[name="options-0-chosen"]').check()
    page.locator('[name="options-1-option"]').fill("Lead the migration kick-off")
    save(page, "Options")

    next_stage(page, "Will")
    page.locator('[name="actions-0-what"]').fill("Book 30 minutes with Greg")
    page.locator('[name="actions-0-when"]').fill("2026-03-06")
    page.locator('[name="actions-0-commitment"]').fill("9")
    save(page, "Will")
    stages = page.get_by_role("navigation", name="Stages")
    assert stages.get_by_role("button", name="Goal done").is_visible()
    assert stages.get_by_role("button", name="Will done").is_visible()

    page.get_by_label("Your note").fill("Bob undersells his review work.")
    page.get_by_label("Private to the coach").check()
    page.get_by_role("button", name="Add the note").click()
    page.locator("#notes").get_by_text("Bob undersells his review work.").wait_for()
    assert page.evaluate("window.stillHere") is True

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish the session").click()
    page.wait_for_url(re.compile(r".*/summary/$"))
    assert page.get_by_role("heading", name="GROW session summary").is_visible()
    assert page.get_by_text("Be confirmed as tech lead of the platform team").is_visible()
    assert page.get_by_role("cell", name="Book 30 minutes with Greg").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Markdown").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "- [ ] Book 30 minutes with Greg" in text
    assert "Bob undersells" not in text


def test_it_lets_a_coachee_coach_themselves_with_oskar(
    transactional_db, world, live_server, browser
):
    base = live_server.url
    page = sign_in(browser, base, world.bob)
    page.get_by_role("link", name="Coach yourself: start a self-coaching session").click()
    page.get_by_label("Framework").select_option("oskar")
    page.get_by_role("button", name="Start a self-coaching session").click()
    page.get_by_role("heading", name="Stage 1 of 5: Outcome").wait_for()
    page.evaluate("window.stillHere = true")

    page.locator("#f-goal-statement").fill("Calmer weekly planning")
    page.locator("#f-goal-success_measure").fill("No meeting overruns for a month")
    page.locator("#f-goal-due").fill("2026-05-31")
    save(page, "Outcome")
    next_stage(page, "Scaling")
    page.locator("#f-scaling-now").fill("5")
    page.locator("#f-scaling-n_plus_one").fill("Planning starts on time")
    save(page, "Scaling")
    next_stage(page, "Know-how")
    page.locator("#f-resources-already_happening").fill("Mondays already go well")
    save(page, "Know-how")
    next_stage(page, "Affirm and Action")
    page.locator('[name="actions-0-what"]').fill("Send the agenda on Friday")
    page.locator('[name="actions-0-commitment"]').fill("8")
    save(page, "Affirm and Action")
    next_stage(page, "Review")
    page.locator("#f-review-better").fill("I wrote the agenda first")
    save(page, "Review")
    assert page.evaluate("window.stillHere") is True
    assert "Private to the coach" not in page.locator("#notes").inner_text()

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish the session").click()
    page.wait_for_url(re.compile(r".*/summary/$"))
    assert page.get_by_text("Calmer weekly planning").is_visible()
    assert page.get_by_text("Self-coaching, Bob Coachee").is_visible()


def test_it_keeps_private_notes_from_the_sponsor_and_from_carol(
    transactional_db, world, live_server, browser
):
    session = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    services.session_note_create(
        actor=world.alice,
        session=session,
        text="Bob may leave if passed over.",
        visibility="private",
    )
    shared = services.session_note_create(
        actor=world.alice, session=session, text="Next: the talk with Greg.", visibility="shared"
    )
    services.session_note_share_with_sponsor(actor=world.bob, note=shared, shared=True)
    agree(world.engagement)  # shared notes are on the sponsor's side of the contract in force
    base = live_server.url
    url = f"{base}/o/acme/sessions/{session.uuid}/"

    dana = sign_in(browser, base, world.dana)
    assert dana.goto(url).status == 403
    assert "Bob may leave" not in dana.content()
    assert dana.goto(url + "export.md").status == 403
    dana.goto(f"{base}/o/acme/engagements/{world.engagement.uuid}/")
    assert dana.get_by_text("Next: the talk with Greg.").is_visible()
    assert dana.get_by_role("cell", name="GROW").is_visible()
    assert "Bob may leave" not in dana.content()

    world.carol.user.set_password(PASSWORD)
    world.carol.user.save()
    carol = browser.new_context().new_page()
    carol.goto(f"{base}/accounts/login/")
    carol.get_by_label("Email").fill("carol@globex.test")
    carol.get_by_label("Password").fill(PASSWORD)
    carol.get_by_role("button", name="Sign In").click()
    carol.wait_for_url(f"{base}/o/globex/")
    for path in ("", "summary/", "export.md"):
        assert carol.goto(url + path).status == 404
        assert "Bob may leave" not in carol.content() and "Acme" not in carol.content()


def test_it_keeps_what_the_coach_types_when_moving_on_or_reloading(
    transactional_db, world, live_server, browser
):
    session = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    base = live_server.url
    page = sign_in(browser, base, world.alice)
    page.goto(f"{base}/o/acme/sessions/{session.uuid}/")
    page.get_by_role("heading", name="Stage 1 of 4: Goal").wait_for()

    # typed, never saved: moving to another stage and back finds it
    page.locator("#f-goal-statement").fill("Be confirmed as tech lead")
    next_stage(page, "Reality")
    page.get_by_role("button", name=re.compile("^← Back to Goal")).click()
    page.get_by_role("heading", name=re.compile(": Goal$")).wait_for()
    assert page.locator("#f-goal-statement").input_value() == "Be confirmed as tech lead"

    # typed, then the page reloads: the autosaved draft comes back
    next_stage(page, "Reality")
    page.locator("#f-notes-text").press_sequentially("Runs the design review")
    page.locator("#answers-draft").get_by_text("Kept as you typed it").wait_for()
    page.reload()
    page.get_by_role("heading", name=re.compile(": Reality$")).wait_for()
    assert page.locator("#f-notes-text").input_value() == "Runs the design review"
    assert page.get_by_text("What you typed here earlier is back").is_visible()

    # a note being written survives a reload too, and is gone once added
    page.get_by_label("Your note").press_sequentially("Bob undersells his review work.")
    page.locator("#note-form").get_by_text("Kept as you typed it").wait_for()
    page.reload()
    assert page.get_by_label("Your note").input_value() == "Bob undersells his review work."
    page.get_by_role("button", name="Add the note").click()
    page.locator("#notes article").get_by_text("Bob undersells his review work.").wait_for()
    page.reload()
    assert page.get_by_label("Your note").input_value() == ""
