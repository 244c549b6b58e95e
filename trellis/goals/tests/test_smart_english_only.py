"""The SMART check reads English words (core's smart.toml): it stays off, and says so, for a
person who uses Trellis in another language."""

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

WORDING = {
    "title": "Get better at things",
    "success_measure": "",
    "due_text": "by the end of March",
}


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        yield


def test_it_gives_a_german_speaker_no_smart_hints_and_says_why(world, login):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    client = login(world.bob)
    check = client.post("/o/acme/goals/smart-check/", WORDING).content.decode()
    assert 'id="smart"' in check
    assert "liest vorerst nur Englisch" in check and "bleibt aus" in check
    assert "31 March 2026" not in check and "<li" not in check
    form = client.get("/o/acme/goals/new/").content.decode()
    assert "bleibt aus, solange Sie Trellis in einer anderen Sprache nutzen" in form


def test_it_checks_an_english_speakers_goal_as_before(world, login):
    client = login(world.bob)
    check = client.post("/o/acme/goals/smart-check/", WORDING).content.decode()
    assert "Tuesday 31 March 2026" in check and "<li" in check
    assert "reads English only" not in check
    assert "reads English only" not in client.get("/o/acme/goals/new/").content.decode()
