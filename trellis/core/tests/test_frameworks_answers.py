"""Answers to a stage: typed fields, checked with the field path and the reason."""

from datetime import date

from trellis.core.frameworks import Action, DueDate, Goal, Problem, normalise_answer
from trellis.core.frameworks.answers import typed_answer
from trellis.core.frameworks.kinds import (
    EXPECTED_ISO_DATE,
    EXPECTED_REQUIRED_TEXT,
    EXPECTED_WHOLE_NUMBER,
    is_complete,
)


def paths(problems: list[Problem]) -> dict[str, Problem]:
    return {problem.path: problem for problem in problems}


def test_it_names_every_faulty_action_field():
    data = [
        {"what": "Ask for the project", "when": "2025-02-30", "commitment": 11},
        {"what": "", "commitment": "high", "colour": "red"},
    ]
    _value, problems = normalise_answer("actions", data)
    found = paths(problems)
    assert found["actions[0].when"].expected == EXPECTED_ISO_DATE
    assert found["actions[0].commitment"].expected == EXPECTED_WHOLE_NUMBER.format(low=1, high=10)
    assert found["actions[1].what"].expected == EXPECTED_REQUIRED_TEXT
    assert "high" in found["actions[1].commitment"].found
    assert "unknown field" in found["actions[1].colour"].found


def test_it_accepts_numbers_typed_as_text_and_dates_in_words():
    value, problems = normalise_answer(
        "actions", {"items": [{"what": "Call Sam", "when": "next Friday", "commitment": "8"}]}
    )
    assert problems == []
    assert value["items"][0]["commitment"] == 8
    (action,) = typed_answer("actions", value)  # type: ignore[misc]
    assert isinstance(action, Action)
    assert action.when == DueDate("next Friday", None)  # the goals helper reads words


def test_it_reads_iso_dates_and_lets_a_helper_read_words():
    value, _ = normalise_answer("goal", {"statement": "Lead the launch", "due": "next Friday"})
    helper = {"next Friday": date(2025, 3, 7)}.get
    goal = typed_answer("goal", value, parse_date=helper)
    assert goal == Goal("Lead the launch", "", DueDate("next Friday", date(2025, 3, 7)))
    value, _ = normalise_answer("goal", {"statement": "Ship", "due": date(2025, 6, 30)})
    goal = typed_answer("goal", value)
    assert isinstance(goal, Goal) and goal.due.on == date(2025, 6, 30)


def test_it_keeps_scaling_between_zero_and_ten():
    _value, problems = normalise_answer("scaling", {"now": 12})
    assert paths(problems)["scaling.now"].expected == EXPECTED_WHOLE_NUMBER.format(low=0, high=10)
    value, problems = normalise_answer("scaling", {"now": 0, "n_plus_one": "one call a week"})
    assert problems == [] and is_complete("scaling", value)


def test_it_takes_a_bare_line_as_the_main_field():
    value, problems = normalise_answer("notes", "The team is stretched.")
    assert problems == [] and value == {"text": "The team is stretched."}


def test_it_treats_an_empty_options_list_as_valid_but_incomplete():
    value, problems = normalise_answer("options", [])
    assert problems == []
    assert not is_complete("options", value)


def test_it_lists_unmet_peers_criteria():
    value, _ = normalise_answer(
        "peers_goal",
        {
            "statement": "90% of students answer the exit ticket correctly",
            "powerful": True,
            "easy": "yes",
            "emotionally_compelling": True,
            "reachable": False,
            "student_focused": True,
        },
    )
    goal = typed_answer("peers_goal", value)
    assert isinstance(goal, Goal) and goal.peers_unmet == ("Reachable",)
