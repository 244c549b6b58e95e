"""In Chromium: Bob checks in on an action from My plan without a page load; Alice reviews his plan
and the goal's history shows what changed and why."""

import re

import pytest

from trellis.goals.models import Action, Review
from trellis.goals.tests.helpers import bob_plan

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


def test_it_lets_bob_check_in_from_his_plan(transactional_db, world, live_server, browser):
    plan = bob_plan(world)
    page = sign_in(browser, live_server.url, world.bob)
    page.get_by_role("link", name="My plan").click()
    page.wait_for_url(re.compile(r".*/o/acme/plan/$"))
    page.evaluate("window.stillHere = true")  # a full page load would forget this

    row = page.locator(f"#action-{plan.first.uuid}")
    row.get_by_text("Check in").click()
    row.get_by_label("Progress (%)").fill("60")
    row.get_by_label("Note").fill("Agenda drafted, sharing it Monday")
    row.get_by_role("button", name="Save check-in").click()

    page.get_by_text("Check-in saved.").wait_for()
    assert page.evaluate("window.stillHere") is True
    assert "60%" in page.locator(f"#action-{plan.first.uuid}").inner_text()
    action = Action.objects.get(pk=plan.first.pk)
    assert action.percent == 60 and action.status == "in_progress"
    assert action.check_ins.get().note == "Agenda drafted, sharing it Monday"


def test_it_lets_alice_review_bobs_plan_and_read_the_history(
    transactional_db, world, live_server, browser
):
    plan = bob_plan(world)
    page = sign_in(browser, live_server.url, world.alice)
    page.get_by_role("link", name="Plans").click()
    page.get_by_role("link", name="Bob Coachee").click()
    page.get_by_role("link", name="Review the plan").click()

    page.get_by_label(f"Attainment of “{plan.goal.title[:39]}").select_option("1")
    page.get_by_label("Action: Draft next week's planning agenda").select_option("done")
    page.get_by_label("Action: Send Bob the facilitation checklist").select_option("drop")
    page.get_by_label(re.compile(r"Why \(action “Send Bob")).fill("Bob found a better one")
    page.get_by_label("What stood out").fill("Bob ran two planning meetings on his own.")
    page.get_by_role("button", name="Save review").click()

    page.get_by_text("Review saved. T-score 60.0").wait_for()
    review = Review.objects.get()
    assert review.scores.get().score == 1
    page.get_by_role("link", name=plan.goal.title).click()
    page.get_by_role("link", name="History").click()
    history = page.locator("table").inner_text()
    assert "Bob found a better one" in history
    assert "status: Planned → Dropped" in history
    assert "Scored +1: somewhat more than expected" in history
