"""Test helpers: a GROW session run to its end by the core engine, and a small plan for Bob."""

from datetime import date
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

from trellis.core.frameworks import Artifacts, CoachingSession, QuestionKind, Voice, load_builtin
from trellis.goals import services

GROW_ANSWERS: dict[str, Any] = {
    "goal": {
        "statement": "Lead the Q3 platform migration as tech lead",
        "success_measure": "Migration shipped with no sev-1 incident and the team's retro rates my lead 4/5",
        "due": "2026-09-30",
    },
    "scaling": {"now": 4, "target": 8, "n_plus_one": "I run the weekly migration stand-up"},
    "options": [
        {"option": "Ask Greg to name me migration lead", "pros": "Clear mandate", "rating": 8},
        {"option": "Pair with Priya on the design doc", "chosen": True},
    ],
    "resources": {
        "know_how": "I led the logging cut-over",
        "resources": "Priya, who ran the last migration",
        "already_happening": "I chair the design review when Sam is away",
    },
    "emotions": {"feelings": "Keen, a bit anxious", "buy_in": 8},
    "actions": [
        {
            "what": "Ask Greg to name me migration lead",
            "when": "2026-04-10",
            "who": "me",
            "support": "Rehearse the ask with Alice",
            "obstacles": "Greg is at the offsite",
            "commitment": 9,
        },
        {
            "what": "Draft the migration design doc with Priya",
            "when": "2026-04-24",
            "who": "Priya",
            "support": "",
            "obstacles": "",
            "commitment": 5,
        },
    ],
}


def grow_artifacts() -> Artifacts:
    """Run the built-in GROW framework to finish() with the engine, as a coach would."""
    framework = load_builtin("grow")
    session = CoachingSession(framework, style=Voice.NON_DIRECTIVE)
    for index, stage in enumerate(framework.stages):
        if index:
            session.forward()
        session.submit(stage.key, {k: GROW_ANSWERS[k] for k in stage.accepts if k in GROW_ANSWERS})
        while (question := session.next_question()) is not None:
            if question.kind == QuestionKind.PERMISSION:
                session.respond_to_permission(question, granted=True)
            else:
                session.record(question, "noted")
    return session.finish()


def finished_session() -> SimpleNamespace:
    """Stands in for the engagements app's CoachingSession: only its uuid is read."""
    return SimpleNamespace(uuid=uuid4())


def bob_plan(world):
    """Bob's goal in his engagement with Alice, with two actions (one owned by Alice)."""
    goal = services.goal_create(
        actor=world.bob,
        owner=world.bob,
        engagement=world.engagement,
        title="Run the team's weekly planning on my own",
        success_measure="4 of 5 planning meetings run by me, rated useful by the team",
        due_date=date(2026, 6, 30),
        gas_levels={-2: "No meeting run", 0: "4 of 5 run", 2: "All run, and I coach a peer"},
    )
    first = services.action_create(
        actor=world.bob,
        goal=goal,
        what="Draft next week's planning agenda",
        due_date=date(2026, 3, 6),
        commitment=8,
        accountability_partner=world.dana,
    )
    second = services.action_create(
        actor=world.alice,
        goal=goal,
        what="Send Bob the facilitation checklist",
        owner=world.alice,
        due_date=date(2026, 3, 20),
        commitment=9,
    )
    return SimpleNamespace(goal=goal, first=first, second=second)
