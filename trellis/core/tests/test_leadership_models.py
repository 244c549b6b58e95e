"""Competency models as data: the four shipped models, every wrong field named, fuzzed input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.datafiles import DataFileError
from trellis.core.leadership import (
    LEVELS,
    CompetencyModelError,
    builtin_models,
    load_builtin,
    parse_model,
)


def test_it_ships_four_models_with_sources_and_behaviours_at_levels():
    keys = [m.key for m in builtin_models()]
    assert keys == [
        "action-centred-leadership",
        "communication",
        "entrepreneurial-innovation-leadership",
        "transformational-leadership",
    ]
    for model in builtin_models():
        assert model.sources
        for competency in model.competencies:
            assert len({b.level for b in competency.behaviours}) >= 2
            assert {b.level for b in competency.behaviours} <= set(LEVELS)
    adair = load_builtin("action-centred-leadership")
    assert [c.key for c in adair.competencies] == ["task", "team", "individual"]
    assert len(adair.functions) == 8
    bass = load_builtin("transformational-leadership")
    assert [c.name for c in bass.competencies] == [
        "Idealized influence",
        "Inspirational motivation",
        "Intellectual stimulation",
        "Individualized consideration",
    ]


def test_it_names_file_field_path_and_expectation():
    text = (
        'key = "X"\nsummary = "s"\nsources = ["a"]\n'
        '[[competencies]]\nkey = "a"\nname = "A"\ndescription = "d"\n'
        '[[competencies.behaviours]]\nlevel = "guru"\ntext = "Does it"\n'
        '[[competencies.behaviours]]\nlevel = "emerging"\ntext = ""\n'
    )
    with pytest.raises(CompetencyModelError) as caught:
        parse_model(text, "ours.toml")
    lines = caught.value.messages()
    assert any("ours.toml: key: expected a key of lowercase letters" in x for x in lines)
    assert any("ours.toml: name: expected a non-empty string" in x for x in lines)
    assert any(
        "ours.toml: competencies[0].behaviours[0].level: expected one of: emerging, established"
        in x
        for x in lines
    )
    assert any(
        "ours.toml: competencies[0].behaviours[1].text: expected a behaviour another person can see"
        in x
        for x in lines
    )


def test_it_refuses_a_competency_twice_and_a_single_level():
    behaviours = (
        '[[competencies.behaviours]]\nlevel = "emerging"\ntext = "Does a"\n'
        '[[competencies.behaviours]]\nlevel = "emerging"\ntext = "Does b"\n'
    )
    competency = '[[competencies]]\nkey = "a"\nname = "A"\ndescription = "d"\n' + behaviours
    text = 'key = "ours"\nname = "Ours"\nsummary = "s"\nsources = ["a"]\n' + competency * 2
    with pytest.raises(CompetencyModelError) as caught:
        parse_model(text, "ours.toml")
    lines = caught.value.messages()
    assert any("competencies[0].behaviours: expected behaviours at two levels" in x for x in lines)
    text = text.replace(
        'level = "emerging"\ntext = "Does b"', 'level = "exemplary"\ntext = "Does b"'
    )
    with pytest.raises(CompetencyModelError) as caught:
        parse_model(text, "ours.toml")
    assert "competencies: expected each competency key once, found twice: a" in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_it_refuses_generated_garbage_with_a_data_file_error(data):
    try:
        parse_model(data, "fuzz.toml")
    except DataFileError as exc:
        assert all(str(problem).startswith("fuzz.toml") for problem in exc.problems)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["emerging", "established", "exemplary", "", "x", "Emerging"]),
            st.text(max_size=320),
        ),
        max_size=4,
    )
)
def test_it_refuses_generated_behaviours_naming_their_path(behaviours):
    import json

    lines = ['key = "m"', 'name = "M"', 'summary = "s"', 'sources = ["a"]']
    lines += ["[[competencies]]", 'key = "c"', 'name = "C"', 'description = "d"']
    for level, text in behaviours:
        lines += ["[[competencies.behaviours]]", f"level = {json.dumps(level)}"]
        lines.append(f"text = {json.dumps(text)}")
    try:
        model = parse_model("\n".join(lines), "gen.toml")
    except DataFileError as exc:
        assert all(str(problem).startswith("gen.toml") for problem in exc.problems)
    else:
        assert len({b.level for b in model.competencies[0].behaviours}) >= 2
