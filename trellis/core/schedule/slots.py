"""Free slots a coachee can book, from a coach's weekly availability.

Availability is written on the coach's wall clock ("Tuesdays 09:00-12:00 in Europe/Berlin") and
stays there across clock changes. Slots come out as UTC intervals; the page shows them in the
viewer's zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from trellis.core.schedule.times import exists_locally, from_wall_clock, to_utc, wall_clock, zone

ERROR_WEEKDAY = "A weekday is 0 (Monday) to 6 (Sunday); got {weekday!r}."
ERROR_WINDOW = "An availability window must end after it starts; got {start}-{end}."
ERROR_INTERVAL_ORDER = "An interval must end after it starts."
ERROR_SLOT_LENGTH = "A slot must last longer than zero minutes."
ERROR_NEGATIVE = "{name} cannot be negative."


@dataclass(frozen=True)
class WeeklyWindow:
    """A recurring window on the coach's wall clock; weekday 0 is Monday."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if self.weekday not in range(7):
            raise ValueError(ERROR_WEEKDAY.format(weekday=self.weekday))
        if self.end <= self.start:
            raise ValueError(ERROR_WINDOW.format(start=self.start, end=self.end))


@dataclass(frozen=True)
class Interval:
    """A span of real time, [start, end), with aware datetimes."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if to_utc(self.end, "end") <= to_utc(self.start, "start"):
            raise ValueError(ERROR_INTERVAL_ORDER)

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def padded(self, before: timedelta, after: timedelta) -> Interval:
        return Interval(self.start - before, self.end + after)


@dataclass(frozen=True)
class Availability:
    """A coach's published availability and booking rules.

    Buffers keep time free around every session: a slot is offered only when its own buffers
    do not touch another session and no other session's buffers touch it.
    """

    timezone: str
    windows: tuple[WeeklyWindow, ...]
    slot_length: timedelta = timedelta(hours=1)
    step: timedelta | None = None
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    minimum_notice: timedelta = timedelta(0)

    def __post_init__(self) -> None:
        zone(self.timezone)
        if self.slot_length <= timedelta(0) or (
            self.step is not None and self.step <= timedelta(0)
        ):
            raise ValueError(ERROR_SLOT_LENGTH)
        for name in ("buffer_before", "buffer_after", "minimum_notice"):
            if getattr(self, name) < timedelta(0):
                raise ValueError(ERROR_NEGATIVE.format(name=name))


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _starts_in_window(
    day: date, window: WeeklyWindow, availability: Availability
) -> Iterator[datetime]:
    """Slot starts inside one window on one local day, stepping on the wall clock."""
    step = availability.step or availability.slot_length
    local = datetime.combine(day, window.start)
    last_start = datetime.combine(day, window.end) - availability.slot_length
    while local <= last_start:
        # Skip wall-clock times that a spring-forward change removes from that day.
        if exists_locally(local, availability.timezone):
            yield from_wall_clock(local, availability.timezone)
        local += step


def _starts_in_extra(
    extra: Interval, availability: Availability, window: Interval
) -> Iterator[datetime]:
    """Slot starts of a one-off window, only those inside `window`: a long one is never walked whole."""
    step = availability.step or availability.slot_length
    start, end = to_utc(extra.start), min(to_utc(extra.end), window.end)
    if start < window.start:
        start += step * -(-(window.start - start) // step)  # the first step at or after the window
    while start + availability.slot_length <= end:
        yield start
        start += step


def free_slots(
    availability: Availability,
    *,
    start: datetime,
    end: datetime,
    now: datetime,
    bookings: Iterable[Interval] = (),
    blocked: Iterable[Interval] = (),
    extra: Iterable[Interval] = (),
) -> list[Interval]:
    """Bookable slots inside [start, end), in time order.

    `bookings` are the coach's sessions (with every coachee); `blocked` are exceptions to the
    weekly pattern (a day off, a conference); `extra` are one-off windows added to it.
    """
    window = Interval(to_utc(start, "start"), to_utc(end, "end"))
    earliest = to_utc(now, "now") + availability.minimum_notice
    before, after = availability.buffer_before, availability.buffer_after
    booked = [Interval(to_utc(b.start), to_utc(b.end)) for b in bookings]
    booked_padded = [b.padded(before, after) for b in booked]
    blocked_utc = [Interval(to_utc(b.start), to_utc(b.end)) for b in blocked]

    starts: set[datetime] = set()
    first_day = wall_clock(window.start, availability.timezone).date()
    last_day = wall_clock(window.end, availability.timezone).date()
    for day in _days(first_day, last_day):
        for weekly in availability.windows:
            if weekly.weekday == day.weekday():
                starts.update(_starts_in_window(day, weekly, availability))
    for one_off in extra:
        starts.update(_starts_in_extra(one_off, availability, window))

    free = []
    for slot_start in sorted(starts):
        slot = Interval(slot_start, slot_start + availability.slot_length)
        if slot.start < max(window.start, earliest) or slot.end > window.end:
            continue
        if any(slot.overlaps(b) for b in blocked_utc):
            continue
        padded = slot.padded(before, after)
        if any(padded.overlaps(b) for b in booked) or any(slot.overlaps(b) for b in booked_padded):
            continue
        free.append(slot)
    return free
