"""How the session adapts to answers: follow-up questions, permission questions, and flags."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .answers import PEERS_CRITERIA
from .model import Framework, Level, Voice

LOW = 7  # a scaling, commitment or buy-in answer below this earns a follow-up

SCALING_FOLLOW_UPS = (
    "You put it at {now}. What would {next} look like?",
    "What would be different at {next}, one point up from {now}?",
    "What is the smallest change that would take you from {now} to {next}?",
    "Suppose you woke up at {next} tomorrow. What would you notice first?",
)
COMMITMENT_FOLLOW_UPS = (
    'You rated your commitment to "{what}" at {now}. What would make it a {next}?',
    'What would need to change for "{what}" to feel like a {next} rather than a {now}?',
    'Is there a smaller version of "{what}" you would rate {next} or higher?',
)
BUY_IN_FOLLOW_UPS = (
    "Your buy-in is at {now}. What would bring it to {next}?",
    "What is holding your buy-in at {now}, and what would make it a {next}?",
    "Does the goal still feel like yours at {now}? What would make it a {next}?",
)
PERMISSION_QUESTIONS = (
    "Would it help if I offered an idea here?",
    "I have a thought about this. Would you like to hear it?",
    "May I make a suggestion?",
    "Would it be useful if I shared what I have seen work elsewhere?",
)

FLAG_GOAL_WITHOUT_MEASURE = "This goal has no success measure: how will you know it is achieved?"
FLAG_GOAL_WITHOUT_DATE = "This goal has no date: by when should it be true?"
FLAG_PEERS_UNMET = "This goal does not yet meet every PEERS criterion: {criteria}."
FLAG_ACTION_WITHOUT_DATE = 'The action "{what}" has no date.'
FLAG_LOW_COMMITMENT = 'Commitment to "{what}" is {now} out of 10: consider a smaller step.'
FLAG_LOW_BUY_IN = "Buy-in is {now} out of 10: consider going back to {stage}."


class QuestionKind(StrEnum):
    PROMPT = "prompt"
    FOLLOW_UP = "follow-up"
    PERMISSION = "permission"


@dataclass(frozen=True)
class Question:
    id: str
    stage: str
    text: str
    kind: QuestionKind
    voice: Voice
    level: Level
    about: str = ""  # follow-up: the answer's field path; permission: the prompt id it opens


@dataclass(frozen=True)
class Flag:
    code: str
    stage: str
    path: str
    message: str


def follow_ups(
    stage: str, answers: Mapping[str, Any], voice: Voice, asked_so_far: int
) -> Iterator[Question]:
    """Follow-up questions for low scaling, commitment and buy-in answers in one stage.

    `asked_so_far` turns the wording so that two follow-ups in a row do not sound the same.
    """
    turn = asked_so_far
    for path, now, what, templates in _low_scores(answers):
        wording = templates[turn % len(templates)]
        text = wording.format(now=now, next=now + 1, what=what)
        yield Question(
            id=f"{stage}/follow-up/{path}={now}",
            stage=stage,
            text=text,
            kind=QuestionKind.FOLLOW_UP,
            voice=voice,
            level=Level.QUESTIONING,
            about=path,
        )
        turn += 1


def _low_scores(answers: Mapping[str, Any]) -> Iterator[tuple[str, int, str, tuple[str, ...]]]:
    scaling = answers.get("scaling")
    if scaling and scaling["now"] is not None and scaling["now"] < LOW:
        yield "scaling.now", scaling["now"], "", SCALING_FOLLOW_UPS
    emotions = answers.get("emotions")
    if emotions and emotions["buy_in"] is not None and emotions["buy_in"] < LOW:
        yield "emotions.buy_in", emotions["buy_in"], "", BUY_IN_FOLLOW_UPS
    actions = answers.get("actions")
    for index, item in enumerate(actions["items"] if actions else []):
        if item["commitment"] is not None and item["commitment"] < LOW:
            path = f"actions[{index}].commitment"
            yield path, item["commitment"], item["what"], COMMITMENT_FOLLOW_UPS


def permission_question(prompt_id: str, stage: str, voice: Voice, asked_so_far: int) -> Question:
    return Question(
        id=f"{prompt_id}/permission",
        stage=stage,
        text=PERMISSION_QUESTIONS[asked_so_far % len(PERMISSION_QUESTIONS)],
        kind=QuestionKind.PERMISSION,
        voice=voice,
        level=Level.QUESTIONING,
        about=prompt_id,
    )


def flags(framework: Framework, answers: Mapping[str, Mapping[str, Any]]) -> list[Flag]:
    """What the UI should point out: goals without a measure or date, low commitment, ..."""
    found: list[Flag] = []
    goal_stage = next(
        (s.name for s in framework.stages if {"goal", "peers_goal"} & set(s.accepts)), "the goal"
    )
    for stage in framework.stages:
        stage_answers = answers.get(stage.key, {})
        for kind in ("goal", "peers_goal"):
            goal = stage_answers.get(kind)
            if not goal or not goal["statement"]:
                continue
            if not goal["success_measure"]:
                found.append(
                    Flag(
                        "goal-without-success-measure",
                        stage.key,
                        f"{kind}.success_measure",
                        FLAG_GOAL_WITHOUT_MEASURE,
                    )
                )
            if not goal["due"]:
                found.append(
                    Flag("goal-without-due-date", stage.key, f"{kind}.due", FLAG_GOAL_WITHOUT_DATE)
                )
            unmet = [label for name, label in PEERS_CRITERIA.items() if goal.get(name) is False]
            if unmet:
                message = FLAG_PEERS_UNMET.format(criteria=", ".join(unmet))
                found.append(Flag("peers-criteria-unmet", stage.key, kind, message))
        actions = stage_answers.get("actions")
        for index, item in enumerate(actions["items"] if actions else []):
            path = f"actions[{index}]"
            if not item["when"]:
                message = FLAG_ACTION_WITHOUT_DATE.format(what=item["what"])
                found.append(Flag("action-without-date", stage.key, f"{path}.when", message))
            if item["commitment"] is not None and item["commitment"] < LOW:
                message = FLAG_LOW_COMMITMENT.format(what=item["what"], now=item["commitment"])
                found.append(Flag("low-commitment", stage.key, f"{path}.commitment", message))
        emotions = stage_answers.get("emotions")
        if emotions and emotions["buy_in"] is not None and emotions["buy_in"] < LOW:
            message = FLAG_LOW_BUY_IN.format(now=emotions["buy_in"], stage=goal_stage)
            found.append(Flag("low-buy-in", stage.key, "emotions.buy_in", message))
    return found
