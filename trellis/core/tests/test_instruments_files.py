"""Instrument files: the built-ins load, bad files are refused naming file, field path and what
was expected, and no TOML at all (fuzzed) makes the loader raise anything but InstrumentError."""

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.core.instruments import (
    BUILTIN_KEYS,
    InstrumentError,
    builtin_instruments,
    load_builtin,
    parse_instrument,
)

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "docs" / "instruments.md").read_text()
GOOD = (ROOT / "trellis" / "core" / "instruments" / "builtin" / "session-rating.toml").read_text()


def problems(text: str) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(text, "bad.toml")
    return [str(problem) for problem in caught.value.problems]


def test_it_loads_every_builtin_instrument():
    assert [i.key for i in builtin_instruments()] == list(BUILTIN_KEYS)
    pulse = load_builtin("team-pulse")
    assert pulse.threshold == 5
    assert {s.key for s in pulse.spec.subscales} == {
        "unity",
        "communication",
        "leadership",
        "productivity",
        "motivation",
    }


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_documents_every_builtin_instrument(key):
    instrument = load_builtin(key)
    heading = f"### {instrument.name} (`{key}`)"
    assert heading in DOC, f"docs/instruments.md has no section {heading!r}"
    section = DOC.split(heading, 1)[1].split("\n### ", 1)[0]
    assert "Construct:" in section and "Sources:" in section
    for subscale in instrument.spec.subscales:
        assert subscale.name in section, f"{key}: subscale {subscale.name} is not documented"


def test_it_names_the_field_of_a_bad_answer_audience():
    text = GOOD.replace('respondents = ["self"]', 'respondents = ["boss"]')
    assert problems(text) == [
        "bad.toml: respondents[0]: expected who answers: one of self, coach, stakeholder, "
        "team_member, manager, peer, report, found the text 'boss'"
    ]


def test_it_refuses_a_threshold_under_three():
    text = GOOD.replace("anonymity_threshold = 5", "anonymity_threshold = 1")
    assert problems(text) == [
        "bad.toml: anonymity_threshold: expected a whole number from 3 to 1000, found the number 1"
    ]


def test_it_refuses_a_scoring_method_it_does_not_know():
    text = GOOD.replace('scoring = "mean"', 'scoring = "median"')
    assert problems(text) == [
        "bad.toml: scoring: expected one of: mean, sum, weighted, found the text 'median' "
        "(did you mean 'mean'?)"
    ]


def test_it_refuses_overlapping_and_out_of_range_bands():
    text = GOOD.replace("min = 7.0\nmax = 9.0", "min = 6.0\nmax = 11.0")
    found = problems(text)
    assert (
        "bad.toml: bands[1].max: expected a value within the score range 0 to 10, found the number 11.0"
        in found
    )
    assert any(
        p.startswith(
            "bad.toml: bands[1].min: expected a min at or above the previous band's max (7)"
        )
        for p in found
    )


def test_it_refuses_labels_that_do_not_match_the_scale():
    text = GOOD.replace('labels = ["0 (not at all)", ', "labels = [")
    assert problems(text) == [
        "bad.toml: scale.labels: expected one label per point of the scale (11 labels, from min "
        "to max), found 10 labels"
    ]


def test_it_refuses_an_unknown_subscale_and_a_repeated_item():
    pulse = (ROOT / "trellis/core/instruments/builtin/team-pulse.toml").read_text()
    text = pulse.replace('subscale = "motivation"', 'subscale = "motivaton"', 1).replace(
        'key = "matters"', 'key = "energy"'
    )
    found = problems(text)
    assert any(
        p.startswith("bad.toml: items[8].subscale: expected one of the subscales: unity")
        for p in found
    )
    assert (
        "bad.toml: items[9].key: expected an item key not used by an earlier item, found the text 'energy'"
        in found
    )


def test_it_refuses_text_that_is_not_toml_with_the_line():
    found = problems('key = "x"\nname = \n')
    assert len(found) == 1 and found[0].startswith("bad.toml: line 2, column")


def test_it_refuses_an_unknown_field_with_a_suggestion():
    found = problems(GOOD.replace("scoring =", "scorng ="))
    assert "bad.toml: scorng: expected one of the fields" in found[0]
    assert "did you mean 'scoring'?" in found[0]


TOML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_it_answers_any_text_with_an_instrument_or_its_problems(text):
    try:
        parse_instrument(text, "fuzz.toml")
    except InstrumentError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.toml") for p in exc.problems)


ITEM_FIELDS = ("key", "text", "subscale", "reverse", "weight", "other")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([*sorted(tomllib.loads(GOOD)), "unknown"]),
    st.sampled_from(ITEM_FIELDS),
    TOML_VALUES,
    st.booleans(),
)
def test_it_answers_any_value_in_any_field_with_an_instrument_or_its_problems(
    field, item_field, value, in_item
):
    table = tomllib.loads(GOOD)
    if in_item:
        table["items"][0][item_field] = value
    else:
        table[field] = value
    text = "\n".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in table.items())
    try:
        instrument = parse_instrument(text, "fuzz.toml")
    except InstrumentError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.toml") for p in exc.problems)
    else:
        assert instrument.spec.items


def toml_value(value: object) -> str:
    """Inline TOML for a value; None (which TOML lacks) becomes an empty inline table."""
    if value is None:
        return "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(
            f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in value.items()
        )
        return "{" + inner + "}"
    return json.dumps(str(value), ensure_ascii=False)
