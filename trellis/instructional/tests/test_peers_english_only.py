"""The PEERS check reads English words (core's peers.toml): it stays off, and says so, for a
coach who uses Trellis in another language."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from trellis.instructional.tests.helpers import cycle_for

TYPED = {"goal_text": "I will use more strategies", "target_percent": "100"}


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_it_gives_a_german_speaking_coach_no_peers_hints_and_says_why(world, login):
    cycle = cycle_for(world)
    world.alice.user.language = "de"
    world.alice.user.save(update_fields=["language"])
    client = login(world.alice)
    page = client.get(reverse("instructional:cycle", args=["acme", cycle.uuid])).content.decode()
    assert "Die PEERS-Prüfung liest vorerst nur Englisch: sie bleibt aus" in page
    assert "Reachable" not in page
    check = client.post(reverse("instructional:peers", args=["acme", cycle.uuid]), TYPED)
    text = check.content.decode()
    assert 'id="peers"' in text and "liest vorerst nur Englisch" in text
    assert "describes what the teacher will do" not in text and "<li" not in text


def test_it_checks_an_english_speaking_coachs_goal_as_before(world, login):
    cycle = cycle_for(world)
    client = login(world.alice)
    page = client.get(reverse("instructional:cycle", args=["acme", cycle.uuid])).content.decode()
    assert "Reachable" in page and "reads English only" not in page
    check = client.post(reverse("instructional:peers", args=["acme", cycle.uuid]), TYPED)
    text = check.content.decode()
    assert "describes what the teacher will do" in text and "reads English only" not in text
