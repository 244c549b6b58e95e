"""In Chromium: a participant writes a role-model story on the program's "stories and
encouragement" page; a coach of the pool publishes it there; another participant reads it with
why it was shown to them (what they share with its author) and sends its author encouragement."""

import pytest
from django.urls import reverse

from trellis.efficacy.models import Encouragement, Story
from trellis.efficacy.tests.helpers import SLUG, participant, peer_program
from trellis.mentoring.tests.test_browser_mentoring import sign_in_any

pytestmark = pytest.mark.browser


def test_a_story_is_written_reviewed_published_and_read_with_why(
    transactional_db, world, live_server, browser
):
    program = peer_program(world)
    finn = participant(world, program, "Finn Same", team="Platform")
    world.bob.team = finn.team
    world.bob.save(update_fields=["team"])
    url = live_server.url + reverse("efficacy:program", args=["acme", SLUG])

    author = sign_in_any(browser, live_server.url, finn)
    author.goto(url)
    author.get_by_label("Title").fill("I ran the retro")
    author.get_by_label("Your story").fill("I asked to facilitate our retro and it went well.")
    author.get_by_role("button", name="Send for review").click()
    author.get_by_text("your story is waiting for review").wait_for()
    assert Story.objects.get(program=program).status == Story.Status.SUBMITTED

    coach = sign_in_any(browser, live_server.url, world.alice)
    coach.goto(url)
    coach.get_by_role("button", name="Publish").click()
    coach.get_by_text("I ran the retro").first.wait_for()
    assert Story.objects.get(program=program).status == Story.Status.PUBLISHED

    reader = sign_in_any(browser, live_server.url, world.bob)
    reader.goto(url)
    story = reader.locator("article.story").first
    story.wait_for()
    assert "I ran the retro" in story.inner_text()
    assert "shares your team" in story.locator(".why").inner_text()
    reader.get_by_label("Recipient").select_option(label="Finn Same")
    reader.get_by_label("Your note").fill("Your retro gave everyone a turn to speak.")
    reader.get_by_role("button", name="Send encouragement").click()
    reader.get_by_text("Your note is on its way").wait_for()
    assert Encouragement.objects.filter(recipient=finn, sender=world.bob).count() == 1
