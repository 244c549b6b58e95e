"""What a finished session yields: goal, reality and scaling, options, actions, review.

These are plain frozen values; the goals layer turns them into real goals and actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from .answers import (
    Action,
    DateParser,
    Emotions,
    Goal,
    Option,
    Resources,
    Review,
    Scaling,
    Topic,
    typed_answer,
)
from .continuity import PreviousPlan
from .followups import Flag
from .kinds import is_complete
from .model import Framework, Voice

Stored = Mapping[str, Mapping[str, Mapping[str, Any]]]  # stage -> kind -> {"by": ..., "data": ...}


@dataclass(frozen=True)
class Feedback:
    stage: str
    text: str


@dataclass(frozen=True)
class GoalArtifact:
    statement: str
    success_measure: str
    due_text: str
    due_date: date | None
    set_by: str  # "coachee", or "coach" in a directive session
    stage: str
    peers_unmet: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionArtifact:
    what: str
    when_text: str
    when_date: date | None
    who: str
    support: str
    obstacles: str
    commitment: int | None
    stage: str


@dataclass(frozen=True)
class Reality:
    scaling: Scaling | None  # the first scaling in stage order: the baseline
    scalings: tuple[tuple[str, Scaling], ...]  # every scaling, (stage, answer), in stage order
    resources: Resources | None
    emotions: Emotions | None


@dataclass(frozen=True)
class StageNote:
    stage: str
    text: str


@dataclass(frozen=True)
class Reply:
    """A reply recorded against a suggested question (skipped questions are left out)."""

    stage: str
    question: str
    reply: str


@dataclass(frozen=True)
class Artifacts:
    framework_key: str
    framework_version: int
    framework_hash: str
    style: Voice
    topic: Topic | None
    goal: GoalArtifact | None
    reality: Reality
    options: tuple[Option, ...]
    actions: tuple[ActionArtifact, ...]
    review: Review | None
    notes: tuple[StageNote, ...]
    feedback: tuple[Feedback, ...]
    flags: tuple[Flag, ...]
    open_stages: tuple[str, ...]
    replies: tuple[Reply, ...] = ()
    previous: PreviousPlan | None = None  # what the session before this one planned


def build_artifacts(
    framework: Framework,
    stored: Stored,
    *,
    style: Voice,
    feedback: tuple[Feedback, ...],
    flags: tuple[Flag, ...],
    open_stages: tuple[str, ...],
    parse_date: DateParser | None = None,
    replies: tuple[Reply, ...] = (),
    previous: PreviousPlan | None = None,
) -> Artifacts:
    """Collect the answers; where several stages give the same kind, the latest stage wins
    (later stages refine earlier ones), except the baseline scaling, which is the first."""
    latest: dict[str, tuple[str, Any, str]] = {}  # kind -> (stage, typed answer, author)
    scalings: list[tuple[str, Scaling]] = []
    notes: list[StageNote] = []
    for stage in framework.stages:
        for kind, entry in stored.get(stage.key, {}).items():
            if not is_complete(kind, entry["data"]):
                continue
            typed = typed_answer(kind, entry["data"], parse_date)
            latest["goal" if kind == "peers_goal" else kind] = (stage.key, typed, entry["by"])
            if kind == "scaling":
                scalings.append((stage.key, cast(Scaling, typed)))
            if kind == "notes":
                notes.append(StageNote(stage.key, entry["data"]["text"]))
    return Artifacts(
        framework_key=framework.key,
        framework_version=framework.version,
        framework_hash=framework.content_hash,
        style=style,
        topic=cast(Topic | None, _typed(latest, "topic")),
        goal=_goal(latest),
        reality=Reality(
            scaling=scalings[0][1] if scalings else None,
            scalings=tuple(scalings),
            resources=cast(Resources | None, _typed(latest, "resources")),
            emotions=cast(Emotions | None, _typed(latest, "emotions")),
        ),
        options=cast(tuple[Option, ...], _typed(latest, "options") or ()),
        actions=_actions(latest),
        review=cast(Review | None, _typed(latest, "review")),
        notes=tuple(notes),
        feedback=feedback,
        flags=flags,
        open_stages=open_stages,
        replies=replies,
        previous=previous,
    )


def _typed(latest: dict[str, tuple[str, Any, str]], kind: str) -> Any:
    return latest[kind][1] if kind in latest else None


def _goal(latest: dict[str, tuple[str, Any, str]]) -> GoalArtifact | None:
    if "goal" not in latest:
        return None
    stage, goal, author = latest["goal"]
    goal = cast(Goal, goal)
    return GoalArtifact(
        statement=goal.statement,
        success_measure=goal.success_measure,
        due_text=goal.due.text,
        due_date=goal.due.on,
        set_by=author,
        stage=stage,
        peers_unmet=goal.peers_unmet,
    )


def _actions(latest: dict[str, tuple[str, Any, str]]) -> tuple[ActionArtifact, ...]:
    if "actions" not in latest:
        return ()
    stage, actions, _author = latest["actions"]
    return tuple(
        ActionArtifact(
            what=action.what,
            when_text=action.when.text,
            when_date=action.when.on,
            who=action.who,
            support=action.support,
            obstacles=action.obstacles,
            commitment=action.commitment,
            stage=stage,
        )
        for action in cast(tuple[Action, ...], actions)
    )
