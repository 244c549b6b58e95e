"""The inclusive-language hint: what it flags, why, what it suggests, and what it leaves alone."""

import pytest

from trellis.core.language import inclusive


@pytest.mark.parametrize(
    ("text", "words", "category"),
    [
        ("Hey guys, the retro moved to Thursday.", "Hey guys", "gendered"),
        ("We need more manpower on nights.", "manpower", "gendered"),
        ("Each coachee should bring his goals.", "Each coachee should bring his", "gendered"),
        ("She came across as bossy.", "bossy", "gendered"),
        ("The deadlines are crazy this month.", "crazy", "ableist"),
        ("Can you do a sanity check on this?", "sanity check", "ableist"),
        ("Management turned a blind eye to it.", "turned a blind eye", "ableist"),
        ("We want digital natives for this role.", "digital natives", "age"),
        ("She's too young to lead the team.", "She's too young to", "age"),
        ("Is he a good culture fit?", "good culture fit", "other_bias"),
        ("Add the domain to the blacklist.", "blacklist", "other_bias"),
    ],
)
def test_it_flags_wording_with_its_category_and_exact_span(text, words, category):
    findings = inclusive(text)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.text == words == text[finding.start : finding.end]
    assert finding.category == category


def test_it_says_why_and_offers_alternatives():
    (finding,) = inclusive("Our chairman opens the meeting.")
    assert "man" in finding.why
    assert "chair" in finding.alternatives


def test_it_finds_several_in_reading_order():
    findings = inclusive("Thanks guys, that lame excuse drove me nuts.")
    assert [f.text for f in findings] == ["guys", "lame", "drove me nuts"]


@pytest.mark.parametrize(
    "text",
    [
        "Guy from finance will join the call.",  # a name
        "Chairman Mao's biography is on the reading list.",  # part of a name
        'We stopped saying "manpower" in job ads.',  # a quoted term being discussed
        "The word guys can leave people out.",  # a term being discussed
        "The men's team won, well done guys!",  # an explicitly all-male group
        "Mental health first aiders are on every floor.",
        "We went through the nuts and bolts of the process.",
        "He has bipolar disorder and we agreed adjustments.",
        "Our chair, Dana, opened the meeting.",
        "A master's degree is required.",
        "Thanks everyone for a great session.",
    ],
)
def test_it_leaves_common_false_positives_alone(text):
    assert inclusive(text) == []


def test_it_works_with_curly_apostrophes_and_keeps_spans_in_the_original():
    text = "She\u2019s too old to learn the new system."
    (finding,) = inclusive(text)
    assert text[finding.start : finding.end] == finding.text
    assert finding.category == "age"
