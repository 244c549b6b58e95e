from datetime import date
from pathlib import Path

import pytest

from trellis.core.goals import CRITERIA, LexiconError, load_lexicon, smart_check
from trellis.core.goals.lexicon import DEFAULT_PATH

TODAY = date(2026, 1, 15)


def findings(title, measure="", due="", **kwargs):
    return {f.criterion: f for f in smart_check(title, measure, due, today=TODAY, **kwargs)}


def test_it_passes_a_well_written_goal_on_every_criterion():
    result = smart_check(
        "Present the quarterly results to the board without notes",
        "Two board presentations given, rated 4 of 5 or better by the chair",
        "by the end of March",
        today=TODAY,
    )
    assert [f.criterion for f in result] == list(CRITERIA)
    assert all(f.ok for f in result), result
    assert result[2].message == "Due Tuesday 31 March 2026."


@pytest.mark.parametrize(
    ("title", "noticed"),
    [
        ("Improve communication", "Improve"),
        ("Be better at my job", "Be better"),
        ("Do more networking", "more"),
        ("Work on my confidence", "Work on"),
    ],
)
def test_it_suggests_making_a_vague_goal_specific(title, noticed):
    finding = findings(title)["specific"]
    assert not finding.ok
    assert noticed in finding.message
    assert finding.suggestion


def test_it_accepts_a_vague_verb_with_a_concrete_object_or_a_number():
    assert findings("Improve the onboarding checklist for new engineers")["specific"].ok
    assert findings("Improve my NPS to 40")["specific"].ok


def test_it_finds_a_very_short_goal_too_thin():
    assert not findings("Leadership")["specific"].ok


def test_it_asks_for_a_measure():
    finding = findings("Lead the weekly planning meeting")["measurable"]
    assert not finding.ok
    assert finding.message == "There is no success measure yet."


def test_it_accepts_a_number_as_a_measure():
    assert findings("Hold one-to-ones with my 5 reports", "")["measurable"].ok
    assert findings("Lead planning", "at least three meetings led")["measurable"].ok
    assert findings("Lead planning", "80% of actions closed")["measurable"].ok
    assert findings("Lead planning", "team survey rating")["measurable"].ok


def test_it_asks_how_much_when_the_measure_is_vague():
    finding = findings("Lead planning", "people are happier")["measurable"]
    assert not finding.ok
    assert "how much" in finding.message


def test_it_asks_for_a_date():
    assert findings("Lead planning")["time_bound"].message == "There is no due date."


def test_it_says_when_a_date_cannot_be_read():
    finding = findings("Lead planning", due="when things calm down")["time_bound"]
    assert not finding.ok
    assert "when things calm down" in finding.message


def test_it_points_out_a_date_in_the_past():
    finding = findings("Lead planning", due="2025-12-01")["time_bound"]
    assert not finding.ok
    assert "already passed" in finding.message


@pytest.mark.parametrize(
    "title",
    [
        "Get promoted to senior engineer",
        "Be chosen for the leadership programme",
        "Win the contract with Acme",
    ],
)
def test_it_suggests_a_goal_within_the_coachees_control(title):
    finding = findings(title)["within_control"]
    assert not finding.ok
    assert "for example" in finding.suggestion


def test_it_trusts_the_coachees_own_answer_about_control():
    assert findings("Get promoted", coachee_controls=True)["within_control"].ok
    declared = findings("Write the design document", coachee_controls=False)["within_control"]
    assert not declared.ok


def test_it_never_raises_on_empty_input():
    result = smart_check("", "", "", today=TODAY)
    assert len(result) == 4
    assert not any(f.ok for f in result[:3])


def test_it_names_the_file_and_field_of_a_broken_lexicon(tmp_path: Path):
    broken = tmp_path / "smart.toml"
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    broken.write_text(text.replace("min_object_words = 2", 'min_object_words = "two"'))
    with pytest.raises(LexiconError) as raised:
        load_lexicon(broken)
    assert str(broken) in str(raised.value)
    assert "specific.min_object_words" in str(raised.value)
    assert "a whole number" in str(raised.value)


def test_it_names_a_broken_pattern(tmp_path: Path):
    broken = tmp_path / "smart.toml"
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    broken.write_text(text.replace(r"'\b(be|get|become|do) better\b'", "'(unclosed'"))
    with pytest.raises(LexiconError, match=r"specific\.vague\[1\]\.pattern"):
        load_lexicon(broken)


def test_it_reports_a_file_that_is_not_toml(tmp_path: Path):
    broken = tmp_path / "smart.toml"
    broken.write_text("[specific\n")
    with pytest.raises(LexiconError, match="not valid TOML"):
        load_lexicon(broken)
