"""The peer-coach guide as a peer coach meets it (issue 15): how to model inclusive language and
warmth, the inclusive hint on the guide's own practice box, and the self-check it promises after
each session, which is the instrument actually sent (its number of statements and its three
parts, read from the instrument file so the page cannot drift from it)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from trellis.core.instruments import parse_instrument
from trellis.efficacy.services import SELF_CHECK
from trellis.efficacy.tests.helpers import SLUG, participant, peer_program

pytestmark = pytest.mark.django_db

NUMBERS = {4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def guide(world, login):
    program = peer_program(world)
    erin = participant(world, program, "Erin Peer")
    page = login(erin).get(reverse("efficacy:guide", args=["acme"]))
    assert page.status_code == 200
    return erin, page.content.decode()


def test_a_peer_coach_finds_the_guide_from_their_own_page(world, login):
    program = peer_program(world)
    erin = participant(world, program, "Erin Peer")
    mine = login(erin).get(reverse("efficacy:program", args=["acme", SLUG])).content.decode()
    assert reverse("efficacy:guide", args=["acme"]) in mine


def test_the_guide_shows_how_to_model_inclusive_language_and_warmth(guide):
    _erin, html = guide
    text = _text(html)
    for heading in (
        "Ask before you tell",
        "Language that keeps everyone in",
        "Warmth and openness",
        "After each session",
    ):
        assert f"<h2>{heading}</h2>" in html
    # concrete moves a peer coach can use, not slogans
    assert "“What would a good outcome look like for you?”" in text  # an open question to ask
    assert "use the name and pronouns your peer uses" in text
    assert "Make no assumptions about background, age, family, health or abilities" in text
    assert "Name progress specifically" in text and "Specific praise is believed" in text
    assert "one thing your peer did well and one next step they chose" in text
    assert "Bandura, 1977" in text  # why it matters: the peer is the model they see


def test_the_guides_practice_box_carries_the_inclusive_hint_and_it_answers(guide, login):
    erin, html = guide
    hint = reverse("efficacy:hint", args=["acme"])
    assert 'id="guide-practice"' in html
    assert f'hx-post="{hint}"' in html and "from:#guide-practice" in html
    answer = login(erin).post(hint, {"text": "Hey guys, great work"}).content.decode()
    assert "guys" in answer and "Try:" in answer  # the word, and an alternative


def test_the_self_check_the_guide_promises_is_the_instrument_sent(guide):
    _erin, html = guide
    instrument = parse_instrument(SELF_CHECK.read_text(encoding="utf-8"), SELF_CHECK.name)
    count = NUMBERS[len(instrument.spec.items)]
    text = _text(html)
    assert f"a {count}-question self-check" in text
    parts = {s.key for s in instrument.spec.subscales}
    assert parts == {"asking", "inclusive", "warmth"}
    assert "(asking, inclusive language, warmth)" in text
    assert "nobody else sees one person's answers" in text
    assert instrument.threshold == 5 and "from five people up" in text
