"""Sessions that repeat: expansion in the organizer's zone, exceptions, overrides and splits.

A series repeats on the organizer's wall clock: a fortnightly 09:00 in London stays 09:00 in
London across the clock changes, so its UTC time moves by an hour. Occurrences are named by their
original start (what iCalendar calls RECURRENCE-ID), as an aware datetime; cancellations and
reschedules of single occurrences refer to that name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from dateutil.rrule import MONTHLY, WEEKLY, rrule

from trellis.core.schedule.times import aware, from_wall_clock, to_utc, wall_clock, zone

ERROR_INTERVAL = "A series repeats every 1 or more periods; got {interval!r}."
ERROR_COUNT = "A series has at least 1 occurrence; got count={count!r}."
ERROR_UNTIL_AND_COUNT = "A series ends on a date or after a number of occurrences, not both."
ERROR_DURATION = "A session must last longer than zero minutes."
ERROR_NOT_AN_OCCURRENCE = "{start} is not an occurrence of this series."
ERROR_UNBOUNDED = "This series never ends; give a window to expand it in."
ERROR_MOVE_ENDS_FIRST = "A rescheduled session must end after it starts."


class Freq(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Recurrence:
    """How a series repeats. `until` is the last local date an occurrence may fall on."""

    freq: Freq = Freq.WEEKLY
    interval: int = 1
    until: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        if self.interval < 1:
            raise ValueError(ERROR_INTERVAL.format(interval=self.interval))
        if self.count is not None and self.count < 1:
            raise ValueError(ERROR_COUNT.format(count=self.count))
        if self.count is not None and self.until is not None:
            raise ValueError(ERROR_UNTIL_AND_COUNT)

    @classmethod
    def weekly(cls, *, until: date | None = None, count: int | None = None) -> Recurrence:
        return cls(Freq.WEEKLY, 1, until, count)

    @classmethod
    def fortnightly(cls, *, until: date | None = None, count: int | None = None) -> Recurrence:
        return cls(Freq.WEEKLY, 2, until, count)

    @classmethod
    def monthly(cls, *, until: date | None = None, count: int | None = None) -> Recurrence:
        return cls(Freq.MONTHLY, 1, until, count)

    @property
    def bounded(self) -> bool:
        return self.until is not None or self.count is not None

    def rule_parts(self, local_start: datetime, zone_name: str) -> dict[str, Any]:
        """The RRULE as iCalendar names it, for the feed: the same rule that expand() runs.

        UNTIL is given in UTC, as RFC 5545 requires when DTSTART carries a TZID.
        """
        parts: dict[str, Any] = {"FREQ": self.freq.upper(), "INTERVAL": self.interval}
        parts |= {key.upper(): value for key, value in _month_end_parts(self, local_start).items()}
        if self.count is not None:
            parts["COUNT"] = self.count
        if self.until is not None:
            parts["UNTIL"] = from_wall_clock(_until_wall_clock(self.until), zone_name)
        return parts


def _until_wall_clock(until: date) -> datetime:
    return datetime.combine(until, time(23, 59, 59))


def _month_end_parts(recurrence: Recurrence, local_start: datetime) -> dict[str, Any]:
    # A monthly series on the 31st would skip every shorter month under plain RRULE rules;
    # people mean "the 31st, or the month's last day when there is none".
    if recurrence.freq is Freq.MONTHLY and local_start.day > 28:
        return {"bymonthday": list(range(28, local_start.day + 1)), "bysetpos": -1}
    return {}


@dataclass(frozen=True)
class Override:
    """One occurrence moved to another time (rescheduled)."""

    original_start: datetime
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if to_utc(self.end, "end") <= to_utc(self.start, "start"):
            raise ValueError(ERROR_MOVE_ENDS_FIRST)


@dataclass(frozen=True)
class Series:
    """A session, or a series of sessions, in the organizer's time zone.

    `start` is the first occurrence (aware, any zone: it is read on the organizer's wall clock).
    A series without a recurrence is a single session.
    """

    start: datetime
    duration: timedelta
    timezone: str
    recurrence: Recurrence | None = None
    cancelled: frozenset[datetime] = field(default_factory=frozenset)
    overrides: tuple[Override, ...] = ()

    def __post_init__(self) -> None:
        aware(self.start, "start")
        zone(self.timezone)
        if self.duration <= timedelta(0):
            raise ValueError(ERROR_DURATION)

    @property
    def local_start(self) -> datetime:
        """The first start on the organizer's wall clock, aware in the organizer's zone."""
        return self.start.astimezone(zone(self.timezone))

    @property
    def bounded(self) -> bool:
        return self.recurrence is None or self.recurrence.bounded


@dataclass(frozen=True)
class Occurrence:
    original_start: datetime
    start: datetime
    end: datetime
    cancelled: bool = False
    moved: bool = False


def _rule(series: Series) -> rrule | None:
    if series.recurrence is None:
        return None
    rec = series.recurrence
    local = wall_clock(series.start, series.timezone)
    return rrule(
        WEEKLY if rec.freq is Freq.WEEKLY else MONTHLY,
        dtstart=local,
        interval=rec.interval,
        count=rec.count,
        until=_until_wall_clock(rec.until) if rec.until else None,
        **_month_end_parts(rec, local),
    )


def original_starts(series: Series, *, before: datetime | None = None) -> Iterator[datetime]:
    """Every original start in UTC, in order; lazy, so an endless series needs `before`."""
    if before is None and not series.bounded:
        raise ValueError(ERROR_UNBOUNDED)
    rule = _rule(series)
    if rule is None:
        starts: Iterator[datetime] = iter([to_utc(series.start)])
    else:
        starts = (from_wall_clock(local, series.timezone) for local in rule)
    limit = to_utc(before, "before") if before is not None else None
    for start in starts:
        if limit is not None and start >= limit:
            return
        yield start


def is_occurrence(series: Series, original_start: datetime) -> bool:
    target = to_utc(original_start, "original_start")
    return any(s == target for s in original_starts(series, before=target + timedelta(seconds=1)))


def _check_occurrence(series: Series, original_start: datetime) -> datetime:
    if not is_occurrence(series, original_start):
        raise ValueError(ERROR_NOT_AN_OCCURRENCE.format(start=original_start.isoformat()))
    return to_utc(original_start)


def _cancelled_utc(series: Series) -> frozenset[datetime]:
    return frozenset(to_utc(c, "cancelled") for c in series.cancelled)


def _overrides_utc(series: Series) -> dict[datetime, Override]:
    return {to_utc(o.original_start, "original_start"): o for o in series.overrides}


def expand(
    series: Series, *, start: datetime, end: datetime, include_cancelled: bool = False
) -> list[Occurrence]:
    """Occurrences that overlap [start, end), in time order, with UTC datetimes.

    A rescheduled occurrence appears where it now is, even when its original time is outside
    the window. Cancelled ones are left out unless asked for (the feed marks them).
    """
    window_start, window_end = to_utc(start, "start"), to_utc(end, "end")
    cancelled = _cancelled_utc(series)
    overrides = _overrides_utc(series)
    # Anything starting up to one duration before the window may still overlap it.
    candidates = {
        s for s in original_starts(series, before=window_end) if s + series.duration > window_start
    }
    candidates |= overrides.keys()
    found = []
    for original in candidates:
        override = overrides.get(original)
        begin = to_utc(override.start) if override else original
        finish = to_utc(override.end) if override else original + series.duration
        if not (begin < window_end and finish > window_start):
            continue
        is_cancelled = original in cancelled
        if is_cancelled and not include_cancelled:
            continue
        found.append(Occurrence(original, begin, finish, is_cancelled, override is not None))
    return sorted(found, key=lambda o: (o.start, o.original_start))


def cancel_occurrence(series: Series, original_start: datetime) -> Series:
    """Cancel one occurrence ("this occurrence only")."""
    original = _check_occurrence(series, original_start)
    overrides = tuple(o for o in series.overrides if to_utc(o.original_start) != original)
    return replace(series, cancelled=_cancelled_utc(series) | {original}, overrides=overrides)


def move_occurrence(
    series: Series, original_start: datetime, *, start: datetime, end: datetime | None = None
) -> Series:
    """Reschedule one occurrence ("this occurrence only")."""
    original = _check_occurrence(series, original_start)
    override = Override(original, to_utc(start, "start"), to_utc(end or start + series.duration))
    kept = tuple(o for o in series.overrides if to_utc(o.original_start) != original)
    return replace(series, overrides=(*kept, override))


def split_series(series: Series, at: datetime) -> tuple[Series | None, Series]:
    """Split before the occurrence `at`: the part before it (None if `at` is the first) and
    the part from it on ("this and following")."""
    at_utc = _check_occurrence(series, at)
    rec = series.recurrence
    cancelled = _cancelled_utc(series)
    tail_overrides = tuple(o for o in series.overrides if to_utc(o.original_start) >= at_utc)
    tail = replace(
        series,
        start=at_utc,
        cancelled=frozenset(c for c in cancelled if c >= at_utc),
        overrides=tail_overrides,
    )
    if rec is None or at_utc == to_utc(series.start):
        return None, tail
    before = sum(1 for _ in original_starts(series, before=at_utc))
    if rec.count is not None:
        head_rec = replace(rec, count=before)
        tail = replace(tail, recurrence=replace(rec, count=rec.count - before))
    else:
        # Occurrences are at least a week apart, so ending the day before `at` is exact.
        head_rec = replace(rec, until=wall_clock(at_utc, series.timezone).date() - timedelta(1))
    head = replace(
        series,
        recurrence=head_rec,
        cancelled=frozenset(c for c in cancelled if c < at_utc),
        overrides=tuple(o for o in series.overrides if to_utc(o.original_start) < at_utc),
    )
    return head, tail


def cancel_following(series: Series, at: datetime) -> Series | None:
    """Cancel `at` and every later occurrence; None when nothing is left."""
    head, _ = split_series(series, at)
    return head


def reschedule_following(
    series: Series, at: datetime, *, start: datetime, duration: timedelta | None = None
) -> tuple[Series | None, Series]:
    """Move `at` and every later occurrence to a new first start (and optionally length).

    Cancellations in the moved part follow the shift on the wall clock, so a cancelled date
    stays cancelled; single-occurrence reschedules in it are dropped, because the person just
    chose a new time for all of them.
    """
    head, tail = split_series(series, at)
    shift = wall_clock(start, series.timezone) - wall_clock(at, series.timezone)
    moved_cancellations = frozenset(
        from_wall_clock(wall_clock(c, series.timezone) + shift, series.timezone)
        for c in tail.cancelled
    )
    new_tail = replace(
        tail,
        start=to_utc(start, "start"),
        duration=duration or series.duration,
        cancelled=moved_cancellations,
        overrides=(),
    )
    return head, new_tail


def is_late_cancellation(*, starts_at: datetime, cancelled_at: datetime, window: timedelta) -> bool:
    """True when a session is cancelled less than `window` before it starts (or after)."""
    return to_utc(starts_at, "starts_at") - to_utc(cancelled_at, "cancelled_at") < window


def cadence_dates(*, start: date, every_weeks: int, until: date) -> list[date]:
    """Review dates every N weeks from `start` up to and including `until`."""
    if every_weeks < 1:
        raise ValueError(ERROR_INTERVAL.format(interval=every_weeks))
    step = timedelta(weeks=every_weeks)
    return [start + step * i for i in range((until - start) // step + 1)] if until >= start else []


def next_cadence_date(*, start: date, every_weeks: int, today: date) -> date:
    """The first review date on or after `today` in a cadence of every N weeks from `start`."""
    if every_weeks < 1:
        raise ValueError(ERROR_INTERVAL.format(interval=every_weeks))
    if today <= start:
        return start
    step = timedelta(weeks=every_weeks)
    periods = -((start - today) // step)  # ceiling division
    return start + step * periods
