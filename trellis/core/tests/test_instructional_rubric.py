"""Rubric files, the PEERS check and the student-evidence rules: pure Python, no database."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.core.instructional.evidence import check_counts, names_in
from trellis.core.instructional.peers import PeersGoal, default_lexicon, peers_check
from trellis.core.instructional.rubric import BUILTIN_DIR, RubricError, load_builtin, parse_rubric

from .bad_files import outcome, toml_files

GOOD = (BUILTIN_DIR / "trellis-classroom.toml").read_bytes()


def test_the_builtin_rubric_reads():
    rubric = load_builtin("trellis-classroom")
    assert len(rubric.spec.domains) == 3
    assert rubric.level_values() == [1, 2, 3, 4]
    assert all(len(i.descriptors) == 4 for _d, i in rubric.indicators())


def test_a_bad_rubric_names_file_field_and_expectation():
    bad = GOOD.replace(b'key = "talk"', b'key = "on-task"').replace(b"value = 3", b"value = 1")
    with pytest.raises(RubricError) as caught:
        parse_rubric(bad, "district.toml")
    messages = caught.value.messages()
    assert (
        "district.toml: levels[2].value: expected a value above the previous level's (2), found the number 1"
        in messages
    )
    assert any(
        m.startswith(
            "district.toml: domains[1].indicators[1].key: expected an indicator key not used"
        )
        for m in messages
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toml_files(GOOD))
def test_it_refuses_spoiled_rubric_files_cleanly(data):
    outcome(lambda d: parse_rubric(d, "rubric.toml"), data, "rubric.toml")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_it_refuses_random_bytes_as_a_rubric(data):
    assert outcome(lambda d: parse_rubric(d, "rubric.toml"), data, "rubric.toml") == "refused"


def test_the_peers_check_passes_a_good_goal_and_hints_at_a_weak_one():
    good = PeersGoal(
        "80% of my students read a grade-level passage at 90 words a minute", 80, 46, True, True
    )
    assert all(f.ok for f in peers_check(good))
    weak = {f.criterion: f for f in peers_check(PeersGoal("I will use more strategies", 50, 45))}
    assert not weak["powerful"].ok and "5 points" in weak["powerful"].message
    assert not weak["student_focused"].ok
    assert not weak["emotionally_compelling"].ok and weak["emotionally_compelling"].suggestion


def test_the_peers_words_are_data():
    assert "students" in default_lexicon().student_focused.student_words


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("80% of the class read at grade level", None),
        ("Grade 3 Reading standard of the Common Core State Standards", None),
        ("Ana, Ben and Cy reach the standard", "Ana, Ben and Cy"),
        ("students such as Jamie Smith", "Jamie Smith"),
        ("Maya and Leo finish the task", "Maya and Leo"),
        # one name, anywhere, capitalised or not, with a possessive
        ("maya reads a passage at pace", "maya"),
        ("Leo's fluency reaches 90 words a minute", "Leo's"),
        ("80% of the class, and Priya, read at pace", "Priya"),
        # a name the list does not hold, after a cue that introduces people
        ("Students such as Xiomara read aloud", "Xiomara"),
        ("extra reading time for Xiomara", "Xiomara"),
        ("students like J.S. reach the standard", "J.S."),
        # not names: school words, determiners, months, everyday words that are also names
        ("students like these read at pace", None),
        ("80% of English learners reach the standard by December", None),
        ("students at risk explain their reasoning with Google Classroom", None),
        ("Students who will mark the main idea in May", None),
    ],
)
def test_it_notices_names_in_student_measures(text, found):
    assert names_in(text) == found


def test_counts_are_whole_numbers_within_the_group():
    assert check_counts(24, 11) is None
    assert check_counts(24, 11.0) and check_counts(True, 1) and check_counts(10, 11)
    assert check_counts(0, 0) and check_counts(2000, 1)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_the_name_check_answers_any_text_with_a_stretch_of_it_or_none(text):
    found = names_in(text)
    assert found is None or found in text
