"""The second reader: victim words are shown only when a word model learned from the labelled
statements agrees with the rules' victim reading, and a text the rules read as neutral is read as
player when a second word model finds it so (trellis/core/language/second_reader.py)."""

import csv
import json
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.language import default_lexicon, second_reader
from trellis.core.language.stance import analyze

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"


def test_a_victim_reading_the_second_reader_doubts_shows_nothing():
    text = "The vendor made us wait three weeks for the part."  # a setback told as news
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


WHOLE = "A customer complained about my tone, so I listened to the call recording and practised the opening."
MOVES = "Headcount froze, so I moved two projects to next quarter and told the sponsors why."


@pytest.mark.parametrize("text", [WHOLE, MOVES])
def test_a_move_the_rules_miss_reads_as_player_from_the_whole_text(text):
    assert analyze(text, second_opinion=False).stance == "neutral"  # too few words for the rules
    analysis = analyze(text)
    assert (analysis.stance, analysis.whole_text, analysis.abstained) == ("player", True, False)
    assert [s.stance for s in analysis.sentences] == ["player"]  # the trend counts it as read
    assert not [m for m in analysis.markers if m.stance == "victim"]
    assert analysis.reflection in default_lexicon().reflections["whole_text"]


@pytest.mark.parametrize(
    "text", ["The meeting is at ten.", "Is the training mandatory?", "The printer is broken again."]
)
def test_plain_text_stays_neutral(text):
    analysis = analyze(text)
    assert (analysis.stance, analysis.whole_text) == ("neutral", False)


def test_a_victim_reading_held_back_is_never_turned_into_a_player_reading():
    """The rules found victim words: the readers disagree, so nothing is shown either way."""
    text = "Head office ignores us, so I'm flying over to present the case in person."
    assert second_reader.finds_player(text)
    analysis = analyze(text)
    assert analysis.abstained
    assert (analysis.stance, analysis.whole_text) == ("neutral", False)


def test_of_a_text_with_several_sentences_the_most_player_like_takes_the_stance():
    analysis = analyze(f"The quarter was long. {WHOLE}")
    assert analysis.whole_text
    assert [s.stance for s in analysis.sentences] == ["neutral", "player"]


def test_the_rules_alone_never_read_the_whole_text():
    assert not analyze(WHOLE, second_opinion=False).whole_text


@pytest.mark.parametrize("side", ["victim", "player"])
def test_the_shipped_weights_are_what_training_makes_of_the_labelled_statements(side):
    """data/second_reader.json is learned from dev, every dev batch and the spent held-out sets,
    never a blind one; written by benchmarks/language_second_reader.py --write."""
    data = json.loads(
        files("trellis.core.language").joinpath("data", "second_reader.json").read_text("utf-8")
    )
    # dev, the dev batches and the held-out sets scored and reported before it; never 10 or 11
    assert "stance_dev.csv" in data["sources"]
    assert not {"stance_heldout10.csv", "stance_heldout11.csv"} & set(data["sources"])
    shipped = data[side]
    rows = []
    for name in data["sources"]:
        with (DATA / name).open(newline="", encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    weights, bias = second_reader.train(
        [r["text"] for r in rows], [r["label"] == side for r in rows]
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
    assert 0.0 <= second_reader.player_probability(text) <= 1.0
    analysis = analyze(text)
    assert analysis.stance in {"victim", "player", "neutral"}
    if analysis.abstained or analysis.whole_text:
        assert not [m for m in analysis.markers if m.stance == "victim"]
    if analysis.whole_text:
        assert analysis.stance == "player" and not analysis.abstained
        assert sum(s.stance == "player" for s in analysis.sentences) >= 1
