"""In Chromium: Bob turns language insight on, types a sentence that gives his power away and sees
the words gently highlighted with a question to reflect on, and saves anyway; Alice writing
feedback gets an inclusive-wording hint."""

import re

import pytest

from trellis.goals.tests.helpers import bob_plan
from trellis.insights.models import Reflection

pytestmark = pytest.mark.browser
PASSWORD = "a-long-pass-phrase-9"
VICTIM = "They never tell me anything, so I have to redo everything."


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


def test_it_highlights_what_an_opted_in_coachee_writes(
    transactional_db, world, live_server, browser
):
    page = sign_in(browser, live_server.url, world.bob)
    page.get_by_role("link", name="Reflect").click()
    page.wait_for_url(re.compile(r".*/o/acme/reflect/$"))
    assert page.locator(".insight-panel").count() == 0  # not opted in: nothing of it

    page.get_by_role("link", name="Language insight settings").click()
    page.get_by_label("Show language insight where I write").check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_text("Your language insight settings are saved.").wait_for()

    page.get_by_role("link", name="Reflect", exact=True).click()
    page.get_by_label("Your reflection").press_sequentially(VICTIM, delay=5)
    page.locator(".insight-panel mark.noticed", has_text="have to").wait_for()
    panel = page.locator(".insight-panel").inner_text()
    assert "Worth a second look" in panel
    assert "To reflect on:" in panel
    assert "victim" not in panel.lower()

    page.get_by_role("button", name="Save the reflection").click()  # never blocked
    page.get_by_text("Reflection saved.").wait_for()
    assert Reflection.objects.get().text == VICTIM


def test_it_hints_inclusive_wording_to_a_coach_writing_feedback(
    transactional_db, world, live_server, browser
):
    plan = bob_plan(world)
    page = sign_in(browser, live_server.url, world.alice)
    page.goto(f"{live_server.url}/o/acme/goals/{plan.goal.uuid}/")
    page.get_by_text("Record feedback").click()
    page.get_by_role("textbox", name="Feedback").press_sequentially(
        "Great work, the guys loved it.", delay=5
    )
    hint = page.locator(".inclusive-panel mark.hint")
    hint.wait_for()
    assert hint.inner_text() == "guys"
    assert "Try: everyone" in page.locator(".inclusive-panel").inner_text()
