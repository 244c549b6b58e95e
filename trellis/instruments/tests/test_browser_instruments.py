"""In Chromium: Olga sends the team pulse to the Platform team; a stakeholder-style visitor with no
account answers through the single-use link; Olga closes it and sees only the team's averages."""

import re

import pytest

from trellis.instruments import services
from trellis.instruments.models import Administration
from trellis.instruments.tests.helpers import full_answers

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


def test_it_administers_answers_by_link_and_shows_only_averages(
    transactional_db, world, team, live_server, browser
):
    base = live_server.url
    olga = sign_in(browser, base, world.olga)
    olga.goto(f"{base}/o/acme/instruments/team-pulse/")
    olga.get_by_role("link", name="Administer it").click()
    olga.get_by_label("A team").check()
    olga.locator("#id_team").select_option(label="Platform")
    olga.get_by_role("button", name="Send it").click()
    olga.get_by_text("Sent to 6 respondents.").wait_for()
    administration = Administration.objects.get()

    first, *others = list(administration.respondents.order_by("id"))
    visitor = browser.new_context().new_page()  # no account, no sign-in: the link is the key
    visitor.goto(f"{base}/i/{services.answer_token(first)}/")
    for index in range(10):
        visitor.locator("fieldset").nth(index).get_by_label("Agree", exact=True).check()
    visitor.get_by_role("button", name="Send my answers").click()
    visitor.get_by_text("your answers are in").wait_for()
    visitor.goto(f"{base}/i/{services.answer_token(first)}/")
    visitor.get_by_text("This link has been used").wait_for()

    for respondent in others[:4]:
        services.answers_submit(respondent=respondent, answers=full_answers("team-pulse", 5))
    olga.reload()
    olga.get_by_text(re.compile("Results appear when the administration is closed")).wait_for()
    olga.get_by_role("button", name="Close it").click()
    olga.get_by_text("Mean score of 5 people").wait_for()
    assert "Your answers" not in olga.content()
