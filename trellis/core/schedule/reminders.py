"""When a reminder goes out: offsets before a session, quiet hours, daily digests.

Everything here is about the recipient's wall clock: quiet hours of 21:00-07:30 mean 21:00 where
the recipient lives, whatever zone the session was organized in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar

from trellis.core.schedule.times import from_wall_clock, to_utc, wall_clock

SESSION_REMINDER_OFFSETS = (timedelta(days=1), timedelta(hours=1))
DEFAULT_DIGEST_TIME = time(7, 30)

T = TypeVar("T")


class ReminderKind(StrEnum):
    SESSION = "session"
    ACTION_DUE_SOON = "action_due_soon"
    ACTION_OVERDUE = "action_overdue"
    LOG_SESSION = "log_session"
    REVIEW_DUE = "review_due"
    EVENT_PREPARATION = "event_preparation"


class Delivery(StrEnum):
    IMMEDIATELY = "immediately"
    DIGEST = "digest"
    OFF = "off"


# Defaults avoid flooding people: only what is tied to a moment goes out on its own; the rest
# waits for one message a day.
DEFAULT_DELIVERY: Mapping[ReminderKind, Delivery] = {
    ReminderKind.SESSION: Delivery.IMMEDIATELY,
    ReminderKind.ACTION_DUE_SOON: Delivery.DIGEST,
    ReminderKind.ACTION_OVERDUE: Delivery.DIGEST,
    ReminderKind.LOG_SESSION: Delivery.DIGEST,
    ReminderKind.REVIEW_DUE: Delivery.DIGEST,
    ReminderKind.EVENT_PREPARATION: Delivery.IMMEDIATELY,
}


@dataclass(frozen=True)
class QuietHours:
    """A daily span on the recipient's clock when nothing is sent; may wrap past midnight."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


def after_quiet_hours(at: datetime, *, timezone: str, quiet: QuietHours | None) -> datetime:
    """`at` in UTC, moved to the end of quiet hours when it falls inside them."""
    at = to_utc(at, "at")
    if quiet is None:
        return at
    local = wall_clock(at, timezone)
    if not quiet.contains(local.time()):
        return at
    end_day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        end_day += timedelta(days=1)
    return from_wall_clock(datetime.combine(end_day, quiet.end), timezone)


@dataclass(frozen=True)
class PlannedReminder:
    before: timedelta
    send_at: datetime
    deferred: bool


def session_reminders(
    starts_at: datetime,
    *,
    timezone: str,
    quiet: QuietHours | None = None,
    offsets: Sequence[timedelta] = SESSION_REMINDER_OFFSETS,
    not_before: datetime | None = None,
) -> list[PlannedReminder]:
    """Reminders before a session: by default a day and an hour before.

    One that quiet hours push to the session's start or later is dropped (a reminder after the
    fact is noise), and so is one earlier than `not_before` (a session booked at short notice
    gets no "tomorrow" reminder).
    """
    start = to_utc(starts_at, "starts_at")
    floor = to_utc(not_before, "not_before") if not_before is not None else None
    planned = []
    for offset in offsets:
        wanted = start - offset
        send_at = after_quiet_hours(wanted, timezone=timezone, quiet=quiet)
        if send_at >= start or (floor is not None and send_at < floor):
            continue
        planned.append(PlannedReminder(offset, send_at, send_at != wanted))
    return sorted(planned, key=lambda p: p.send_at)


def reminder_time(
    anchor: datetime, before: timedelta, *, timezone: str, quiet: QuietHours | None = None
) -> datetime:
    """A reminder `before` an anchor (a review, an event), outside quiet hours."""
    return after_quiet_hours(to_utc(anchor, "anchor") - before, timezone=timezone, quiet=quiet)


def next_digest_at(
    now: datetime,
    *,
    timezone: str,
    at: time = DEFAULT_DIGEST_TIME,
    quiet: QuietHours | None = None,
) -> datetime:
    """The next daily digest strictly after `now`, at the recipient's local `at`."""
    now = to_utc(now, "now")
    day = wall_clock(now, timezone).date()
    for offset in range(3):  # a change day can push today's digest behind `now`
        candidate = from_wall_clock(datetime.combine(day + timedelta(offset), at), timezone)
        candidate = after_quiet_hours(candidate, timezone=timezone, quiet=quiet)
        if candidate > now:
            return candidate
    raise AssertionError("unreachable: a digest time exists within three days")


def delivery_time(
    due_at: datetime,
    *,
    delivery: Delivery,
    timezone: str,
    quiet: QuietHours | None = None,
    digest_at: time = DEFAULT_DIGEST_TIME,
) -> datetime | None:
    """When a reminder due at `due_at` actually goes out, given the person's choice for its
    kind: as soon as quiet hours allow, with the next digest, or never (None)."""
    if delivery is Delivery.OFF:
        return None
    if delivery is Delivery.DIGEST:
        # The digest that follows the moment the reminder became due.
        return next_digest_at(
            to_utc(due_at, "due_at") - timedelta(microseconds=1),
            timezone=timezone,
            at=digest_at,
            quiet=quiet,
        )
    return after_quiet_hours(due_at, timezone=timezone, quiet=quiet)


def local_day(at: datetime, timezone: str) -> date:
    return wall_clock(to_utc(at, "at"), timezone).date()


def group_by_local_day(items: Iterable[tuple[datetime, T]], timezone: str) -> dict[date, list[T]]:
    """Items grouped by the recipient's local day, days and items in time order."""
    ordered = sorted(items, key=lambda item: to_utc(item[0], "at"))
    groups: dict[date, list[T]] = {}
    for at, item in ordered:
        groups.setdefault(local_day(at, timezone), []).append(item)
    return groups
