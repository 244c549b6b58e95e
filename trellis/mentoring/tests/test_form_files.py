"""The enrolment form as TOML: a good file reads; spoiled files and random bytes are refused with
the file name, the place and what was expected, never another error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.core.tests.bad_files import outcome, toml_files
from trellis.mentoring.questions import parse_form

GOOD = b"""
[[questions]]
name = "offers"
label = "What can you offer?"
type = "list"
choices = ["hiring", "public speaking"]

[[questions]]
name = "timezone"
label = "Your time zone"
type = "timezone"
"""


def test_a_good_form_reads():
    questions = parse_form(GOOD)
    assert [q["name"] for q in questions] == ["offers", "timezone"]
    assert questions[0]["required"] is True and questions[1]["choices"] == []


def test_a_wrong_type_is_named():
    try:
        parse_form(
            GOOD.replace(b'"timezone"\n', b'"colour"\n', 1).replace(
                b'type = "list"', b'type = "tick"'
            )
        )
    except Exception as exc:
        assert "enrolment-form.toml: questions[0].type: expected one of" in str(exc)
    else:
        raise AssertionError("a wrong type was accepted")


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(toml_files(GOOD))
def test_spoiled_forms_are_refused_cleanly(data):
    assert outcome(parse_form, data, "enrolment-form.toml") in ("accepted", "refused")


@settings(max_examples=50, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=300))
def test_random_bytes_are_refused_cleanly(data):
    assert outcome(parse_form, data, "enrolment-form.toml") in ("accepted", "refused")
