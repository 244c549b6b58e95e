"""Scoring instruments: reverse items, subscales, the three scoring methods, bands, aggregates
withheld below the anonymity threshold, and Jacobson and Truax's reliable-change index."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.instruments import (
    BUILTIN_KEYS,
    InstrumentError,
    aggregate,
    band_of,
    baseline_figures,
    change,
    cronbach_alpha,
    group_change,
    load_builtin,
    parse_instrument,
    reliable_change_index,
    score,
)

SMALL = """
key = "small"
name = "Small"
version = 1
construct = "c"
description = "d"
licence = "ours"
respondents = ["self"]
scoring = "{scoring}"
[scale]
min = 1
max = 5
[[subscales]]
key = "one"
name = "One"
[[subscales]]
key = "two"
name = "Two"
[[items]]
key = "a"
text = "A"
subscale = "one"
weight = 3
[[items]]
key = "b"
text = "B"
subscale = "one"
reverse = true
[[items]]
key = "c"
text = "C"
subscale = "two"
[[bands]]
min = {low}
max = {mid}
label = "Low"
meaning = "low"
[[bands]]
min = {mid}
max = {high}
label = "High"
meaning = "high"
"""


def small(scoring="mean", low=1, mid=3, high=5):
    text = SMALL.format(scoring=scoring, low=low, mid=mid, high=high)
    return parse_instrument(text, "small.toml")


def test_it_scores_a_reverse_item_from_the_other_end_of_the_scale():
    result = score(small(), {"a": 5, "b": 1, "c": 2})
    assert result.items == {"a": 5, "b": 5, "c": 2}
    assert result.total == pytest.approx(4.0)
    assert result.subscales == {"one": 5.0, "two": 2.0}


def test_it_sums_when_the_instrument_sums():
    result = score(small("sum", 3, 9, 15), {"a": 5, "b": 1, "c": 2})
    assert result.total == 12
    assert result.band is not None and result.band.label == "High"


def test_it_weights_items_when_the_instrument_is_weighted():
    result = score(small("weighted"), {"a": 5, "b": 5, "c": 1})  # values 5, 1, 1; weights 3, 1, 1
    assert result.total == pytest.approx((15 + 1 + 1) / 5)


def test_it_puts_a_total_in_the_band_that_starts_at_or_below_it():
    instrument = small()
    assert band_of(instrument, 1.0).label == "Low"
    assert band_of(instrument, 2.99).label == "Low"
    assert band_of(instrument, 3.0).label == "High"
    assert band_of(instrument, 5.0).label == "High"  # the top band includes its max


def test_it_refuses_answers_off_the_scale_naming_each_item():
    with pytest.raises(InstrumentError) as caught:
        score(small(), {"a": 6, "b": True, "zz": 3})
    messages = [str(p) for p in caught.value.problems]
    assert "answers: a: expected a whole number from 1 to 5, found the number 6" in messages
    assert "answers: b: expected a whole number from 1 to 5, found true" in messages
    assert "answers: c: expected a whole number from 1 to 5, found nothing" in messages
    assert any(
        m.startswith("answers: zz: expected one of the instrument's items") for m in messages
    )


def test_it_withholds_an_aggregate_below_the_threshold():
    pulse = load_builtin("team-pulse")
    answers = {item.key: 4 for item in pulse.spec.items}
    four = [score(pulse, answers)] * 4
    assert aggregate(pulse, four) is None
    five = aggregate(pulse, [*four, score(pulse, answers)])
    assert five is not None and five.n == 5
    assert set(five.subscales) == {
        "unity",
        "communication",
        "leadership",
        "productivity",
        "motivation",
    }


def test_it_never_lowers_the_instruments_own_threshold():
    pulse = load_builtin("team-pulse")
    answers = {item.key: 4 for item in pulse.spec.items}
    assert aggregate(pulse, [score(pulse, answers)] * 4, threshold=2) is None
    assert aggregate(pulse, [score(pulse, answers)] * 5, threshold=6) is None


def test_it_computes_the_reliable_change_index_as_jacobson_and_truax():
    # SE = 7.5 * sqrt(1 - 0.88) = 2.598; S_diff = sqrt(2) * SE = 3.674; RCI = 10 / 3.674 = 2.72
    rci = reliable_change_index(40, 50, sd=7.5, reliability=0.88)
    assert rci == pytest.approx(10 / (math.sqrt(2) * 7.5 * math.sqrt(0.12)))
    assert rci == pytest.approx(2.722, abs=0.001)


def test_it_calls_a_change_reliable_only_beyond_1_96():
    instrument = small()
    assert change(instrument, 3.0, 4.0, sd=0.5, reliability=0.8).verdict == "improved"
    assert change(instrument, 3.0, 3.2, sd=0.5, reliability=0.8).verdict == "no reliable change"
    assert change(instrument, 4.0, 3.0, sd=0.5, reliability=0.8).verdict == "deteriorated"
    assert change(instrument, 3.0, 4.0).verdict == "not computable"  # no figures in the file


def test_it_reads_cronbachs_alpha_from_a_sample():
    instrument = small()
    sample = [score(instrument, {"a": v, "b": 6 - v, "c": v}) for v in (1, 2, 3, 4, 5)]
    assert cronbach_alpha(instrument, sample) == pytest.approx(1.0)
    assert cronbach_alpha(instrument, sample[:1]) is None


def test_it_uses_the_baseline_for_rci_figures_only_at_the_threshold():
    instrument = small()
    rows = [(1, 5, 2), (2, 4, 2), (3, 3, 4), (4, 2, 3), (5, 1, 5)]
    sample = [score(instrument, {"a": a, "b": b, "c": c}) for a, b, c in rows]
    assert baseline_figures(instrument, sample[:4]) is None
    figures = baseline_figures(instrument, sample)
    assert figures is not None and 0 < figures[1] <= 0.99


def test_it_reports_group_change_only_at_the_threshold():
    instrument = small()
    pre = score(instrument, {"a": 2, "b": 4, "c": 2})
    post = score(instrument, {"a": 5, "b": 1, "c": 5})
    assert group_change(instrument, [(pre, post)] * 4, sd=0.5, reliability=0.8) is None
    result = group_change(instrument, [(pre, post)] * 5, sd=0.5, reliability=0.8)
    assert result is not None
    assert (result.n, result.improved, result.deteriorated, result.unchanged) == (5, 5, 0, 0)
    assert result.pre == pytest.approx(2.0) and result.post == pytest.approx(5.0)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(BUILTIN_KEYS), st.data())
def test_it_keeps_every_score_of_any_complete_answer_within_the_scale_and_a_band(key, data):
    instrument = load_builtin(key)
    low, high = instrument.spec.scale.min, instrument.spec.scale.max
    answers = {
        item.key: data.draw(st.integers(low, high), label=item.key)
        for item in instrument.spec.items
    }
    result = score(instrument, answers)
    assert low <= result.total <= high
    assert all(low <= value <= high for value in result.subscales.values())
    assert result.band is not None  # the shipped bands cover the whole range without gaps
