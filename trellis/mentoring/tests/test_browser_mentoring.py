"""In Chromium: Bob enrols in a mentoring program through its form; Olga runs the match, locks a
pair and publishes; Bob sees his mentor and why they were matched, and says yes. In a self-match
program a mentee asks a suggested mentor, who accepts."""

import pytest

from trellis.engagements.tests.test_browser_lifecycle import sign_in
from trellis.mentoring import selfmatch
from trellis.mentoring.models import MentoringProgram, Pair
from trellis.mentoring.tests.helpers import enrol_many, mentoring_program

pytestmark = pytest.mark.browser


def test_a_participant_enrols_the_admin_publishes_and_the_participant_sees_why(
    transactional_db, world, live_server, browser
):
    program = mentoring_program(world.olga)
    enrol_many(program, world.org, 9, by=world.olga)  # three mentors, six mentees
    base = live_server.url
    page_url = f"{base}/o/acme/mentoring/{program.slug}/"

    bob = sign_in(browser, base, world.bob)
    bob.goto(page_url)
    bob.get_by_label("I take part as").select_option("mentee")
    bob.get_by_label("Your grade").fill("2")
    bob.get_by_label("Your department").fill("Sales")
    bob.get_by_label("What would you like to learn?").fill("architecture; hiring")
    bob.get_by_label("Your time zone").fill("Europe/London")
    bob.get_by_label("Languages you can work in").fill("English")
    bob.get_by_role("button", name="Enrol").click()
    bob.get_by_text("You are enrolled in").wait_for()

    olga = sign_in(browser, base, world.olga)
    olga.goto(page_url)
    olga.get_by_role("button", name="Run the match").click()
    olga.get_by_text("The match is proposed").wait_for()
    first = olga.locator("#proposed tbody tr").first
    assert "musts met" in first.inner_text()
    first.get_by_role("button", name="Lock").click()
    olga.locator("#proposed tbody tr").first.get_by_role("button", name="Unlock").wait_for()
    olga.get_by_role("button", name="Run the match").click()  # the lock is kept
    olga.locator("#proposed tbody tr").first.get_by_role("button", name="Unlock").wait_for()
    olga.get_by_role("button", name="Publish the proposed pairs").click()
    olga.get_by_text("pairs are told by email").wait_for()

    mine = Pair.objects.filter(program=program, right__member=world.bob).first()
    assert mine is not None and mine.status == "published"
    bob.goto(page_url)
    why = bob.locator(".pair .why").first
    why.wait_for()
    assert "Why you were matched" in why.inner_text() and "musts met" in why.inner_text()
    bob.get_by_role("button", name="Say yes").click()
    bob.get_by_text("your answer is recorded").wait_for()


def test_a_self_match_request_is_accepted(transactional_db, world, live_server, browser):
    program = mentoring_program(world.olga, mode=MentoringProgram.Mode.SELF)
    people = enrol_many(program, world.org, 6, by=world.olga)
    mentee = next(
        e
        for e in people
        if e.role == "mentee" and selfmatch.suggestions(member=e.member, program=program)
    )
    top = selfmatch.suggestions(member=mentee.member, program=program)[0]
    base = live_server.url
    page_url = f"{base}/o/acme/mentoring/{program.slug}/"
    asker = sign_in_any(browser, base, mentee.member)
    asker.goto(page_url)
    name = top.enrolment.member.user.name
    asker.locator("#suggestions").get_by_role("button", name=f"Ask {name}").first.click()
    asker.get_by_text("is asked; they say yes or no").wait_for()
    partner = sign_in_any(browser, base, top.enrolment.member)
    partner.goto(page_url)
    partner.get_by_role("button", name="Say yes").click()
    partner.get_by_text("your answer is recorded").wait_for()
    pair = Pair.objects.get(program=program, status="published")
    assert pair.engagement is not None
    partner.goto(page_url)
    partner.get_by_role("link", name="your engagement").wait_for()


def sign_in_any(browser, base: str, member):
    """Sign in a person made by the helpers (their home is the organization's page)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=member.user, email=member.user.email, defaults={"verified": True, "primary": True}
    )
    return sign_in(browser, base, member)
