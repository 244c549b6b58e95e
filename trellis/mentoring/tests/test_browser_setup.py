"""In Chromium: Olga sets up a mentoring program on its setup page (a refusal first, naming the
rules and keeping what she typed), then Bob enrols in it through its form."""

import pytest
from django.utils import timezone

from trellis.engagements.tests.test_browser_lifecycle import sign_in
from trellis.mentoring.models import Enrolment
from trellis.programs.models import Program

pytestmark = pytest.mark.browser


def test_an_admin_sets_up_a_program_and_a_person_enrols(
    transactional_db, world, live_server, browser
):
    base = live_server.url
    olga = sign_in(browser, base, world.olga)
    olga.goto(f"{base}/o/acme/mentoring/")
    olga.get_by_role("link", name="Set up a new program").click()
    olga.get_by_label("Name").fill("Mentoring for new managers")
    olga.get_by_label("Starts on").fill(timezone.localdate().isoformat())
    olga.get_by_label("Kind").select_option("mentoring")
    olga.get_by_label("How people are matched").select_option("admin")
    olga.get_by_label("Matching rules").fill('shape = "bipartite"\n')
    olga.get_by_role("button", name="Create the program").click()
    olga.get_by_role("alert").get_by_text("Matching rules:").wait_for()
    # what she typed is kept
    assert olga.get_by_label("Name").input_value() == "Mentoring for new managers"
    assert olga.get_by_label("Matching rules").input_value().startswith('shape = "bipartite"')
    assert not Program.objects.filter(name="Mentoring for new managers").exists()

    olga.get_by_label("Matching rules").fill("")  # the kind's default rules
    olga.get_by_role("button", name="Create the program").click()
    olga.get_by_text("is set up: people can enrol now").wait_for()
    program = Program.objects.get(name="Mentoring for new managers")
    assert program.mentoring.kind == "mentoring"

    bob = sign_in(browser, base, world.bob)
    bob.goto(f"{base}/o/acme/mentoring/")
    bob.get_by_role("link", name="Mentoring for new managers").click()
    bob.get_by_label("I take part as").select_option("mentee")
    bob.get_by_label("Your grade").fill("2")
    bob.get_by_label("Your department").fill("Sales")
    bob.get_by_label("What would you like to learn?").fill("architecture; hiring")
    bob.get_by_label("Your time zone").fill("Europe/London")
    bob.get_by_label("Languages you can work in").fill("English")
    bob.get_by_role("button", name="Enrol").click()
    bob.get_by_text("You are enrolled in").wait_for()
    mine = Enrolment.objects.get(program=program, member=world.bob)
    assert mine.role == "mentee" and mine.answers["department"] == "Sales"
