# mypy: disable-error-code="union-attr,index,arg-type"
# Why: these tests read Optional results (next question, goal, prefill) directly; a None
# there fails the test with an AttributeError, which is the check we want.
"""Every built-in framework can be run to the end by the engine, in every style."""

import json
from datetime import date

import pytest

from trellis.core.frameworks import (
    BUILTIN_KEYS,
    Artifacts,
    CoachingSession,
    Framework,
    QuestionKind,
    StageStatus,
    Voice,
    load_builtin,
)

SAMPLE_ANSWERS = {
    "goal": {
        "statement": "Lead the spring product launch",
        "success_measure": "Launched on the planned date with the team's support",
        "due": "2025-06-30",
    },
    "peers_goal": {
        "statement": "90% of students answer the exit ticket correctly",
        "success_measure": "Exit tickets for three lessons in a row",
        "due": "2025-05-16",
        "powerful": True,
        "easy": True,
        "emotionally_compelling": True,
        "reachable": True,
        "student_focused": True,
    },
    "topic": {"topic": "Moving into a lead role", "scope": "This year, not the next five"},
    "scaling": {"now": 5, "target": 8, "n_plus_one": "I run the weekly stand-up"},
    "options": [
        {"option": "Ask to lead the launch", "pros": "Visible", "cons": "Risky", "rating": 7},
        {"option": "Shadow the current lead", "consequences": "Slower but safer", "chosen": True},
    ],
    "resources": {
        "know_how": "I organised the offsite",
        "resources": "Priya, who led the last launch",
        "already_happening": "I chair the design review when Sam is away",
    },
    "emotions": {"feelings": "Excited and a little nervous", "buy_in": 8},
    "actions": [
        {
            "what": "Ask Sam for the launch lead role",
            "when": "2025-04-04",
            "who": "me",
            "support": "A preparation call with Priya",
            "obstacles": "Sam is travelling",
            "commitment": 6,
        }
    ],
    "review": {"better": "I ran two stand-ups", "adjust": "Prepare the agenda earlier"},
    "notes": "The team is stretched; two people left last quarter.",
}


def run_to_the_end(framework: Framework, style: Voice) -> tuple[CoachingSession, Artifacts]:
    session = CoachingSession(framework, style=style)
    for index, stage in enumerate(framework.stages):
        if index:
            session.forward()
        session.submit(stage.key, {kind: SAMPLE_ANSWERS[kind] for kind in stage.accepts})
        while (question := session.next_question()) is not None:
            if question.kind == QuestionKind.PERMISSION:
                session.respond_to_permission(question, granted=True)
            else:
                session.record(question, f"reply to {question.id}")
        # a stored session picks up where it left off
        session = CoachingSession.from_dict(json.loads(json.dumps(session.to_dict())), framework)
    return session, session.finish()


@pytest.mark.parametrize("style", list(Voice))
@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_runs_every_builtin_to_the_end(key, style):
    framework = load_builtin(key)
    session, artifacts = run_to_the_end(framework, style)
    assert artifacts.open_stages == ()
    assert all(session.status(stage) == StageStatus.DONE for stage in framework.stage_keys)
    assert artifacts.framework_key == key and artifacts.style == style
    assert artifacts.goal is not None
    assert artifacts.goal.due_date is not None
    asked = [
        question for question, _reply in session.history if question.kind != QuestionKind.PERMISSION
    ]
    assert len(asked) >= 3 * len(framework.stages)
    assert len({question.id for question in asked}) == len(asked)


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_yields_the_plan_each_framework_produces(key):
    _session, artifacts = run_to_the_end(load_builtin(key), Voice.NON_DIRECTIVE)
    kinds = {kind for stage in load_builtin(key).stages for kind in stage.accepts}
    if "actions" in kinds:
        action = artifacts.actions[0]
        assert action.when_date == date(2025, 4, 4) and action.commitment == 6
    if "options" in kinds:
        assert artifacts.options[0].option == "Ask to lead the launch"
    if "scaling" in kinds:
        assert artifacts.reality.scaling.now == 5
    # a commitment of 6 is below 7: the plan carries the flag
    assert ("low-commitment" in {flag.code for flag in artifacts.flags}) == ("actions" in kinds)
