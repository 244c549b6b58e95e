"""How consecutive sessions connect, and when a stage sends the conversation back.

- A framework's review stage (OSKAR's and CLEAR's Review) opens the next session of the same
  relationship with what was planned last time, and asks what is better.
- Low buy-in at an Emotion stage (STEPPPA) takes the session back to the stage that set the goal
  (Target); nothing typed is dropped on the way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .followups import LOW
from .model import Framework

BUY_IN_THRESHOLD = LOW  # a buy-in below this sends the session back to the goal's stage
GOAL_KINDS = ("goal", "peers_goal")

WHAT_IS_BETTER = "Last time you planned {plan}. What is better since then?"
BACK_TO_GOAL = (
    "Buy-in is {buy_in} out of 10, below {threshold}: back to {stage} to reshape the goal so it "
    "feels like yours. Everything typed so far is kept."
)


@dataclass(frozen=True)
class PlannedAction:
    what: str
    when: str
    who: str
    commitment: int | None


@dataclass(frozen=True)
class PreviousPlan:
    """What the previous session of the relationship ended with."""

    framework: str
    finished_on: str  # ISO date, as the caller gives it
    goal: str
    actions: tuple[PlannedAction, ...]
    scaling: int | None  # the baseline on the scale, when there was one

    @property
    def question(self) -> str:
        items = [f'"{a.what}"' for a in self.actions] or ([f'"{self.goal}"'] if self.goal else [])
        plan = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
        return WHAT_IS_BETTER.format(plan=plan)

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "finished_on": self.finished_on,
            "goal": self.goal,
            "actions": [
                {"what": a.what, "when": a.when, "who": a.who, "commitment": a.commitment}
                for a in self.actions
            ],
            "scaling": self.scaling,
            "question": self.question,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PreviousPlan:
        return cls(
            framework=str(data.get("framework", "")),
            finished_on=str(data.get("finished_on", "")),
            goal=str(data.get("goal", "")),
            actions=tuple(
                PlannedAction(
                    what=str(a.get("what", "")),
                    when=str(a.get("when", "")),
                    who=str(a.get("who", "")),
                    commitment=a.get("commitment"),
                )
                for a in data.get("actions", [])
            ),
            scaling=data.get("scaling"),
        )


def previous_plan(
    artifacts: Mapping[str, Any] | None, *, framework: str, finished_on: str
) -> PreviousPlan | None:
    """The plan a finished session left, from its stored artifacts (plain JSON); None when it
    agreed neither a goal nor an action."""
    if not artifacts:
        return None
    goal = artifacts.get("goal") or {}
    actions = tuple(
        PlannedAction(
            what=str(item.get("what", "")),
            when=str(item.get("when_date") or item.get("when_text") or ""),
            who=str(item.get("who", "")),
            commitment=item.get("commitment"),
        )
        for item in artifacts.get("actions") or []
        if item.get("what")
    )
    statement = str(goal.get("statement", ""))
    if not statement and not actions:
        return None
    scaling = (artifacts.get("reality") or {}).get("scaling") or {}
    return PreviousPlan(framework, finished_on, statement, actions, scaling.get("now"))


def review_stage(framework: Framework) -> str | None:
    """The stage that reviews what was planned: the last one producing a review, when it comes
    after the stages that plan (OSKAR, OSCAR and CLEAR end with it)."""
    keys = [stage.key for stage in framework.stages if "review" in stage.produces]
    return keys[-1] if keys else None


def opening_stage(framework: Framework, previous: PreviousPlan | None) -> str:
    """Where a new session starts: at the review stage when a plan from last time is waiting
    to be reviewed, else at the first stage."""
    review = review_stage(framework)
    if previous is not None and review is not None:
        return review
    return framework.stages[0].key


def goal_stage_before(framework: Framework, stage_key: str) -> str | None:
    """The nearest stage before `stage_key` that sets the goal (STEPPPA's Target)."""
    keys = framework.stage_keys
    for key in reversed(keys[: keys.index(stage_key)]):
        if set(GOAL_KINDS) & set(framework.stage(key).produces):
            return key
    return None


def back_to_goal(
    framework: Framework, stage_key: str, answers: Mapping[str, Any]
) -> tuple[str, str] | None:
    """(stage, message) when this stage's answers show low buy-in and an earlier stage set the
    goal; None otherwise."""
    emotions = answers.get("emotions")
    buy_in = emotions.get("buy_in") if isinstance(emotions, Mapping) else None
    if not isinstance(buy_in, int) or buy_in >= BUY_IN_THRESHOLD:
        return None
    target = goal_stage_before(framework, stage_key)
    if target is None:
        return None
    message = BACK_TO_GOAL.format(
        buy_in=buy_in, threshold=BUY_IN_THRESHOLD, stage=framework.stage(target).name
    )
    return target, message
