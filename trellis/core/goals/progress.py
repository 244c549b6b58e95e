"""Progress of a goal, due-soon / overdue / slipped actions, and stalled engagements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

ERROR_NAIVE = "{name} must be an aware datetime (with a time zone)."
ERROR_PERCENT = "Progress must be between 0 and 100 percent; got {percent!r}."
ERROR_ACTION_WEIGHT = "An action's weight must be greater than 0; got {weight!r}."

DEFAULT_DUE_SOON_DAYS = 7


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class DueState(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"
    NO_DATE = "no_date"
    FINISHED = "finished"


FINISHED = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


@dataclass(frozen=True)
class ActionProgress:
    """What goal progress needs to know about one action."""

    weight: float = 1.0
    percent: float = 0.0
    status: ActionStatus = ActionStatus.PLANNED

    def __post_init__(self) -> None:
        if not 0 <= self.percent <= 100:
            raise ValueError(ERROR_PERCENT.format(percent=self.percent))
        if self.weight <= 0:
            raise ValueError(ERROR_ACTION_WEIGHT.format(weight=self.weight))


def goal_progress(actions: Iterable[ActionProgress]) -> float | None:
    """Weighted mean progress of a goal's actions, 0-100; None when there is nothing to count.

    Done counts as 100 whatever was last reported; dropped actions leave the sum, so dropping
    an action neither punishes nor rewards the goal.
    """
    total = weighted = 0.0
    for action in actions:
        if action.status is ActionStatus.DROPPED:
            continue
        percent = 100.0 if action.status is ActionStatus.DONE else action.percent
        total += action.weight
        weighted += action.weight * percent
    return weighted / total if total else None


def due_state(
    due: date | None,
    *,
    today: date,
    status: ActionStatus = ActionStatus.PLANNED,
    soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> DueState:
    """Overdue is strictly after the due date; due soon is today up to `soon_days` ahead."""
    if status in FINISHED:
        return DueState.FINISHED
    if due is None:
        return DueState.NO_DATE
    if due < today:
        return DueState.OVERDUE
    if due <= today + timedelta(days=soon_days):
        return DueState.DUE_SOON
    return DueState.LATER


def slipped_days(due_history: Sequence[date]) -> int:
    """How many days the due date has moved later than first set (0 if never, or earlier)."""
    if len(due_history) < 2:
        return 0
    return max(0, (due_history[-1] - due_history[0]).days)


def is_slipped(due_history: Sequence[date]) -> bool:
    return slipped_days(due_history) > 0


_ORDER = {
    DueState.OVERDUE: 0,
    DueState.DUE_SOON: 1,
    DueState.LATER: 2,
    DueState.NO_DATE: 3,
    DueState.FINISHED: 4,
}


def plan_sort_key(
    due: date | None, *, today: date, status: ActionStatus, soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> tuple[int, date]:
    """Sort key for "My plan": overdue first, then due soon, then the rest, each by date."""
    state = due_state(due, today=today, status=status, soon_days=soon_days)
    return (_ORDER[state], due or date.max)


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(ERROR_NAIVE.format(name=name))
    return value


def last_activity(
    *, started: datetime, sessions: Iterable[datetime] = (), check_ins: Iterable[datetime] = ()
) -> datetime:
    """The latest session or check-in, or the engagement's start when there is none."""
    latest = _aware(started, "started")
    for moment in (*sessions, *check_ins):
        latest = max(latest, _aware(moment, "activity"))
    return latest


def is_stalled(
    *,
    started: datetime,
    now: datetime,
    days: int,
    sessions: Iterable[datetime] = (),
    check_ins: Iterable[datetime] = (),
) -> bool:
    """True when nothing happened (no session, no check-in) for more than `days` days.

    Sessions in the future do not count as activity: a booked session is not a conversation.
    """
    now = _aware(now, "now")
    past_sessions = [s for s in sessions if _aware(s, "session") <= now]
    latest = last_activity(started=started, sessions=past_sessions, check_ins=check_ins)
    return now - latest > timedelta(days=days)


@dataclass(frozen=True)
class Attention:
    """What makes a coachee's plan need the coach's eye, for the coach's list."""

    overdue: int = 0
    stalled: bool = False
    lowest_commitment: int | None = None
    low_commitment_below: int = 6

    @property
    def low_commitment(self) -> bool:
        return (
            self.lowest_commitment is not None
            and self.lowest_commitment < self.low_commitment_below
        )

    @property
    def needs_attention(self) -> bool:
        return self.overdue > 0 or self.stalled or self.low_commitment

    def sort_key(self) -> tuple[int, int, int, int]:
        """Most in need first: stalled, then most overdue, then lowest commitment."""
        return (
            0 if self.needs_attention else 1,
            0 if self.stalled else 1,
            -self.overdue,
            self.lowest_commitment if self.lowest_commitment is not None else 11,
        )
