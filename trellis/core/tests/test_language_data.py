"""The language data files: the shipped ones load, broken ones say exactly what is wrong."""

import shutil
from pathlib import Path

import pytest

from trellis.core.language import LexiconError, load_inclusive, load_lexicon
from trellis.core.language.lexicon import DATA_DIR


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_it_loads_the_shipped_lexicons():
    lexicon = load_lexicon()
    assert len(lexicon.rules) > 20
    assert {"victim", "player"} <= {c.side for c in lexicon.categories.values()}
    assert len(load_inclusive().terms) > 20


def test_it_names_file_field_and_expectation_for_a_bad_weight(data):
    edit(
        data / "stance.toml",
        'weight = 0.6\nexplain = "An obligation',
        'weight = "heavy"\nexplain = "An obligation',
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    message = str(caught.value)
    assert message.startswith("stance.toml: rule[")
    assert ".weight: expected a number from 0.0 to 5.0, found the text 'heavy'" in message


def test_it_names_the_missing_field(data):
    edit(data / "stance.toml", 'explain = "A time, date or duration."\n', "")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert "stance.toml: rule[0].explain: expected a non-empty string, found nothing" in str(
        caught.value
    )


def test_it_refuses_an_unknown_category_and_lists_the_known_ones(data):
    edit(data / "stance.toml", 'category = "blame"', 'category = "grumbling"')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    message = str(caught.value)
    assert "stance.toml: rule[" in message and ".category: expected one of " in message
    assert message.endswith(", found unknown category 'grumbling'")
    assert "outside_agent" in message


def test_it_refuses_a_pattern_that_is_not_a_regular_expression(data):
    edit(data / "stance.toml", '    "if only",\n', '    "if (only",\n')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert ".patterns: expected a valid pattern" in str(caught.value)


def test_it_refuses_an_unknown_macro(data):
    edit(data / "stance.toml", '    "if only",\n', '    "if only {WISHES}",\n')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    message = str(caught.value)
    assert "stance.toml: rule[" in message and "unknown macro {WISHES}" in message


def test_it_refuses_a_reflection_that_labels_the_person(data):
    edit(
        data / "reflections.toml",
        '"What part of this is within your control?",',
        '"Are you playing the victim here?",',
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert (
        "reflections.toml: reflections.inability[0]: expected a question without labels, found 'victim'"
        in str(caught.value)
    )


def test_it_requires_reflections_for_every_stance_category(data):
    edit(data / "reflections.toml", "wishful = [", "wishing = [")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert "reflections.toml: reflections.wishful: missing" in str(caught.value)


def test_it_reports_a_file_that_is_not_toml(data):
    (data / "normalize.toml").write_text("[typos\nbecuase = 1", encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert str(caught.value).startswith(
        "normalize.toml: line 1, column 7: expected valid TOML, found a syntax error"
    )


def test_it_names_the_field_of_a_broken_word_list(data):
    edit(data / "vocabulary.toml", 'SELF = ["i", "we"]', 'SELF = "i"')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert "vocabulary.toml: words.SELF: expected a list of non-empty strings" in str(caught.value)


def test_it_checks_the_inclusive_word_list(data):
    edit(data / "inclusive.toml", 'category = "age"', 'category = "youth"')
    with pytest.raises(LexiconError) as caught:
        load_inclusive(data / "inclusive.toml")
    message = str(caught.value)
    assert "inclusive.toml: term[" in message
    assert (
        ".category: expected one of gendered, ableist, age, other_bias, found unknown category 'youth'"
        in message
    )


def test_it_refuses_a_data_file_that_is_not_utf8_with_the_line_and_byte(data):
    (data / "normalize.toml").write_bytes(b'[typos]\nbecuase = "caf\xe9"\n')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert str(caught.value).startswith("normalize.toml: line 2: expected UTF-8 text")
    assert "found the byte 0xe9 at byte 22" in str(caught.value)


def test_it_refuses_a_pattern_ending_in_a_space_which_could_never_match(data):
    edit(data / "stance.toml", '    "if only",\n', '    "if only ",\n')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(data)
    assert "expected a pattern that ends with a word" in str(caught.value)
