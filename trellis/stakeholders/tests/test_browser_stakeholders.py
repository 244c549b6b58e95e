"""In Chromium: Bob names his stakeholders on his leadership goal's page; the pass emails each a
single-use link; a stakeholder with no account answers through the link from the email; the link
refuses a second use; Bob sees the round's aggregate only once three stakeholders answered."""

import re

import pytest
from django.core import mail

from trellis.leadership.tests.helpers import leadership_goal_for
from trellis.stakeholders import services
from trellis.stakeholders.tests.helpers import LINK, answer

pytestmark = pytest.mark.browser
PASSWORD = "a-long-pass-phrase-9"
PEOPLE = (
    ("Mia Manager", "mia@outside.test", "Their manager"),
    ("Pat Peer", "pat@outside.test", "A colleague"),
    ("Rui Report", "rui@outside.test", "A direct report"),
)


def sign_in(browser, base: str, member):
    member.user.set_password(PASSWORD)
    member.user.save()
    page = browser.new_context().new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(member.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(f"{base}/o/acme/"))
    return page


def test_a_stakeholder_answers_once_by_the_emailed_link_and_the_coachee_sees_aggregates_once_over(
    transactional_db, world, live_server, browser
):
    base = live_server.url
    leadership = leadership_goal_for(world)
    bob = sign_in(browser, base, world.bob)
    bob.goto(f"{base}/o/acme/stakeholders/{leadership.uuid}/")
    for name, email, relation in PEOPLE:
        bob.get_by_label("Name").fill(name)
        bob.get_by_label("Email").fill(email)
        bob.get_by_label("Relation").select_option(label=relation)
        bob.get_by_role("button", name="Add the stakeholder").click()
        bob.get_by_text(f"{name} is asked from the next round on").wait_for()

    mail.outbox.clear()
    # what the worker runs every quarter hour
    assert services.feedback_pass() == {"sent": 1, "reminded": 0}
    links = {m.to[0]: LINK.search(m.body) for m in mail.outbox}
    assert sorted(links) == sorted(email for _, email, _ in PEOPLE)
    first = links["mia@outside.test"]
    url = first.group(0)
    url = base + url[url.index("/s/") :]

    visitor = browser.new_context().new_page()  # no account, no sign-in: the link is the key
    visitor.goto(url)
    visitor.get_by_role("heading", name="Feed-forward for Bob Coachee").wait_for()
    visitor.locator("fieldset").nth(0).get_by_label("+2", exact=True).check()
    visitor.locator("fieldset").nth(1).locator("textarea").fill("Ask the quiet ones first")
    visitor.locator("fieldset").nth(2).get_by_label("+1", exact=True).check()
    visitor.get_by_role("button", name="Send my answers").click()
    visitor.get_by_text("Your answers are in").wait_for()
    visitor.goto(url)
    visitor.get_by_text("This link has been used").wait_for()

    answer(links["pat@outside.test"].group(1), improvement=1, text="Write the decision down")
    bob.reload()
    # fewer than three, and the round is still open: nothing moves with each answer
    bob.get_by_text("2 of 3 answered so far").wait_for()
    assert "Ask the quiet ones first" not in bob.content()

    answer(links["rui@outside.test"].group(1), improvement=3, text="")
    bob.reload()  # everyone asked answered: the round is over, and three reach the threshold
    bob.get_by_text(re.compile("mean improvement 2.0 from 3 answers")).wait_for()
    page = bob.content()
    assert "Ask the quiet ones first" in page and "Write the decision down" in page
    assert "<svg" in page  # the trend per behaviour version
