"""A session as a dialogue of lines (the terminal's `trellis coach`), and its Markdown summary."""

from collections.abc import Iterator

import pytest

from trellis.core.frameworks import BUILTIN_KEYS, CoachingSession, QuestionKind, load_builtin
from trellis.core.frameworks.dialogue import run_dialogue
from trellis.core.frameworks.summary import NO_ACTIONS, artifacts_markdown

FIELD_ANSWERS = {
    "Goal:": "Lead the spring launch",
    "Goal - How you will know it is achieved": "Launched on the planned date",
    "By when": "2025-06-30",
    "PEERS goal:": "Every student answers the exit ticket",
    "(y/n)": "y",
    "Topic:": "Moving into a lead role",
    "Where it is now": "5",
    "Options 1 - Option": "Ask for the lead role",
    "Actions 1 - What": "Ask Sam for the role",
    "Actions 1 - When": "2025-04-04",
    "Commitment": "6",
    "Buy-in": "8",
    "Know-how": "I ran the offsite",
    "Review - What is better": "Two stand-ups went well",
    "Notes:": "The team is stretched",
}


class Script:
    """Answers field prompts from FIELD_ANSWERS; every question gets a reply; lists stop at one item."""

    def __init__(self) -> None:
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if prompt.endswith("\n> "):
            return "a thoughtful reply"
        for start, answer in FIELD_ANSWERS.items():
            if start in prompt:
                return answer
        return ""  # blank: skip the field, or end a list


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_runs_every_framework_to_the_end_from_lines(key):
    session = CoachingSession(load_builtin(key))
    said: list[str] = []
    artifacts = run_dialogue(session, Script(), said.append)
    assert session.finished
    assert artifacts.open_stages == ()
    assert artifacts.goal is not None and artifacts.goal.due_date is not None
    assert "## Goal" in said[-1]


def test_it_follows_up_a_low_commitment_typed_in_the_terminal():
    session = CoachingSession(load_builtin("grow"), start_at="will")
    script = Script()
    run_dialogue(session, script, lambda text: None)
    follow_ups = [q for q, _reply in session.history if q.kind == QuestionKind.FOLLOW_UP]
    assert len(follow_ups) == 1 and "Ask Sam for the role" in follow_ups[0].text
    assert any(follow_ups[0].text in prompt for prompt in script.prompts)


def test_it_skips_a_question_on_a_blank_line_and_finishes_at_the_end_of_input():
    lines: Iterator[str] = iter(["", "a promotion"])
    session = CoachingSession(load_builtin("grow"))
    said: list[str] = []
    artifacts = run_dialogue(session, lambda prompt: next(lines, None), said.append)
    replies = [reply for _question, reply in session.history]
    assert replies == ["", "a promotion"]
    assert artifacts.goal is None and artifacts.open_stages == (
        "goal",
        "reality",
        "options",
        "will",
    )
    assert NO_ACTIONS in said[-1]


def test_it_reports_a_wrong_number_and_keeps_the_stage_open():
    session = CoachingSession(load_builtin("oskar"), start_at="scaling")
    said: list[str] = []
    run_dialogue(
        session, lambda prompt: "twelve" if "Where it is now" in prompt else "", said.append
    )
    assert any("scaling.now: expected a whole number from 0 to 10" in text for text in said)
    assert "scaling" in session.artifacts().open_stages


def test_it_exports_the_artifacts_as_markdown():
    session = CoachingSession(load_builtin("grow"), style="directive")
    session.submit(
        "goal", {"goal": {"statement": "Pass the audit", "due": "2025-09-30"}}, by="coach"
    )
    session.submit("options", {"options": [{"option": "Hire help", "rating": 6, "chosen": True}]})
    session.submit(
        "will", {"actions": [{"what": "Book the auditor", "when": "2025-05-02", "commitment": 9}]}
    )
    session.record_feedback("The evidence folder is well organised.")
    markdown = artifacts_markdown(session.finish(), session.framework, title="Audit readiness")
    assert markdown.startswith("# Audit readiness\n")
    assert "- Due: 2025-09-30" in markdown and "Set by the coach" in markdown
    assert "- Hire help (chosen): feasibility 6/10" in markdown
    assert "- [ ] Book the auditor (when: 2025-05-02; commitment 9/10)" in markdown
    assert "The evidence folder is well organised." in markdown
    assert "This goal has no success measure" in markdown
    assert "Stages still open: Reality." in markdown
