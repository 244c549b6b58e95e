"""Program templates as data: the built-in ones, the plan they give a cohort, bad files."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.datafiles import DataFileError
from trellis.core.programs import ProgramTemplateError, builtin_templates, parse_template, plan

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_it_ships_eleven_templates_each_documented():
    keys = {t.key for t in builtin_templates()}
    assert keys == {
        "new-manager",
        "executive-one-to-one",
        "team-coaching",
        "peer-coaching-circle",
        "mentoring",
        "instructional-coaching-cycle",
        "business-coaching",
        "senior-leader",
        "executive-career",
        "entrepreneurial-innovation",
        "sales-coaching",
    }
    doc = (DOCS / "programs.md").read_text()
    assert all(f"`{key}`" in doc for key in keys)


def test_it_plans_sessions_instruments_and_steps_from_the_start():
    template = next(t for t in builtin_templates() if t.key == "new-manager")
    cohort = plan(template, date(2027, 1, 4))
    assert cohort.sessions[0] == date(2027, 1, 11)
    assert cohort.sessions[-1] == date(2027, 3, 22)  # six, a fortnight apart
    assert ("career-confidence", "start", date(2027, 1, 4)) in cohort.instruments
    assert ("coaching-alliance", "midpoint", date(2027, 2, 11)) in cohort.instruments
    assert [(s.week, due) for s, due in cohort.steps][:2] == [
        (1, date(2027, 1, 4)),
        (2, date(2027, 1, 11)),
    ]


def test_it_names_every_wrong_field_of_a_template():
    text = 'key = "X y"\nkind = "coven"\n[sessions]\ncount = 0\nevery = "daily"\nlocal_time = "25:00"\n'
    with pytest.raises(ProgramTemplateError) as caught:
        parse_template(text, "bad.toml")
    lines = caught.value.messages()
    assert "bad.toml: key: expected a key of lowercase letters" in lines[0]
    assert any("bad.toml: kind: expected one of: one_to_one, team" in line for line in lines)
    assert any(
        "sessions.count: expected a number of sessions from 1 to 52" in line for line in lines
    )
    assert any(
        "sessions.every: expected one of: weekly, fortnightly, monthly" in line for line in lines
    )
    assert any(
        "sessions.local_time: expected a local time of day as HH:MM" in line for line in lines
    )


def test_it_reads_the_example_template():
    example = DOCS / "examples" / "programs" / "first-line-leaders.toml"
    template = parse_template(example.read_bytes(), example.name)
    assert template.coach_assignment == "assign" and template.sessions.count == 6


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_it_refuses_generated_garbage_with_a_data_file_error(data):
    try:
        parse_template(data, "fuzz.toml")
    except DataFileError as exc:
        assert all(str(problem).startswith("fuzz.toml") for problem in exc.problems)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["key", "name", "purpose", "kind", "frameworks", "sessions", "steps"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=8), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    )
)
def test_it_refuses_generated_tables_naming_fields(table):
    import tomllib

    def toml_value(value):
        import json

        return json.dumps(value)

    lines = []
    for key, value in table.items():
        if value is None or isinstance(value, dict):
            continue
        try:
            rendered = toml_value(value)
            tomllib.loads(f"{key} = {rendered}")
        except (ValueError, TypeError, tomllib.TOMLDecodeError):
            continue
        lines.append(f"{key} = {rendered}")
    try:
        parse_template("\n".join(lines), "gen.toml")
    except DataFileError as exc:
        assert exc.problems
