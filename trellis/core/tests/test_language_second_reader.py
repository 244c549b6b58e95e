"""The second reader: victim words are shown only when a word model learned from the labelled
statements agrees with the rules' victim reading (trellis/core/language/second_reader.py)."""

import csv
import json
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.language import second_reader
from trellis.core.language.stance import analyze

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"


def test_a_victim_reading_the_second_reader_doubts_shows_nothing():
    text = "They rejected my proposal without reading it."
    assert analyze(text, second_opinion=False).stance == "victim"  # what the rules read
    analysis = analyze(text)
    assert analysis.abstained
    assert analysis.stance != "victim"
    assert not [m for m in analysis.markers if m.stance == "victim"]


@pytest.mark.parametrize(
    "text",
    [
        "There is nothing I can do, they never listen to me and it is always the same.",
        "My manager keeps making me redo everything and I have no choice.",
    ],
)
def test_a_victim_statement_both_readers_agree_on_still_shows_its_words(text):
    analysis = analyze(text)
    assert analysis.stance == "victim" and not analysis.abstained
    assert [m for m in analysis.markers if m.stance == "victim"]


def test_it_reads_words_pairs_and_the_first_word_whatever_the_apostrophe():
    assert second_reader.features("I can\u2019t, THEY won't!") == {
        "i",
        "can't",
        "they",
        "won't",
        "!",
        "i_can't",
        "can't_they",
        "they_won't",
        "won't_!",
        "<s>_i",
    }
    assert second_reader.features("") == {"<s>_"}
    assert 0.0 <= second_reader.victim_probability("x" * 10_000) <= 1.0


def test_the_shipped_weights_are_what_training_makes_of_the_labelled_statements():
    """data/second_reader.json is learned from dev and every dev batch, never a held-out set;
    written by benchmarks/language_second_reader.py --write."""
    shipped = json.loads(
        files("trellis.core.language").joinpath("data", "second_reader.json").read_text("utf-8")
    )
    assert not any("heldout" in name for name in shipped["sources"])
    rows = []
    for name in shipped["sources"]:
        with (DATA / name).open(newline="", encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    weights, bias = second_reader.train(
        [r["text"] for r in rows], [r["label"] == "victim" for r in rows]
    )
    assert abs(bias - shipped["bias"]) <= 2e-4
    assert set(weights) ^ set(shipped["weights"]) <= {
        f for f, v in {**weights, **shipped["weights"]}.items() if abs(v) <= 2e-4
    }
    assert max(abs(weights.get(f, 0.0) - v) for f, v in shipped["weights"].items()) <= 2e-4
    assert 0.0 < shipped["shown_from"] < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gets_a_probability_and_a_reading(text):
    assert 0.0 <= second_reader.victim_probability(text) <= 1.0
    analysis = analyze(text)
    assert analysis.stance in {"victim", "player", "neutral"}
    if analysis.abstained:
        assert not [m for m in analysis.markers if m.stance == "victim"]
