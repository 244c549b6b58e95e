"""iCalendar (RFC 5545) feeds and invitations (RFC 5546), built with the icalendar library.

Input is plain frozen dataclasses; output is bytes ready to serve as text/calendar. Callers give
stable UIDs (for example "session-<uuid>@trellis") and a SEQUENCE that they raise on every change,
so that calendar programs update events instead of duplicating them.

Cancelled occurrences of a series are written as EXDATE (every client honours it); a cancelled
single session or whole series keeps its VEVENT with STATUS:CANCELLED, so that subscribers see
it go rather than silently vanish.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from trellis.core.schedule import Recurrence, Series, wall_clock
from trellis.core.schedule.times import to_utc, zone

PRODID = "-//Trellis//Trellis coaching//EN"

ERROR_UID = "An event needs a UID."
ERROR_SEQUENCE = "SEQUENCE cannot be negative; got {sequence!r}."
ERROR_END = "An event must end after it starts."
ERROR_ALL_DAY_MIX = "An all-day event takes dates for both start and end, not datetimes."
ERROR_ALL_DAY_RECURRENCE = "Recurring all-day events are not supported; repeat a timed session."
ERROR_TIMED_NEEDS_END = "A timed event needs an end."
ERROR_NO_ORGANIZER = "An invitation needs an organizer and at least one attendee."
ERROR_NO_OVERRIDE = "There is no rescheduled occurrence at {start} to send."


class Status(StrEnum):
    CONFIRMED = "CONFIRMED"
    TENTATIVE = "TENTATIVE"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""
    role: Literal["CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"] = (
        "REQ-PARTICIPANT"
    )
    partstat: Literal["NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE"] = "NEEDS-ACTION"


@dataclass(frozen=True)
class OccurrenceOverride:
    """One occurrence of a series that differs from the rule: moved, renamed or cancelled."""

    recurrence_id: datetime
    start: datetime
    end: datetime
    status: Status = Status.CONFIRMED
    summary: str | None = None


@dataclass(frozen=True)
class CalendarEvent:
    """A session, an action's due date (all-day: dates) or a career event.

    `timezone` is the zone the event is written in: the organizer's, so that a recurring
    session keeps its wall-clock time across clock changes in every client.
    """

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date | None = None
    timezone: str = "UTC"
    sequence: int = 0
    status: Status = Status.CONFIRMED
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    recurrence: Recurrence | None = None
    exdates: tuple[datetime, ...] = ()
    overrides: tuple[OccurrenceOverride, ...] = ()
    organizer: Person | None = None
    attendees: tuple[Person, ...] = ()
    last_modified: datetime | None = None

    def __post_init__(self) -> None:
        if not self.uid.strip():
            raise ValueError(ERROR_UID)
        if self.sequence < 0:
            raise ValueError(ERROR_SEQUENCE.format(sequence=self.sequence))
        zone(self.timezone)
        if self.all_day:
            if isinstance(self.end, datetime):
                raise ValueError(ERROR_ALL_DAY_MIX)
            if self.recurrence is not None:
                raise ValueError(ERROR_ALL_DAY_RECURRENCE)
            if self.end is not None and self.end <= self.start:
                raise ValueError(ERROR_END)
            return
        if not isinstance(self.end, datetime):
            raise ValueError(ERROR_TIMED_NEEDS_END if self.end is None else ERROR_ALL_DAY_MIX)
        assert isinstance(self.start, datetime)  # all_day is False
        if to_utc(self.end, "end") <= to_utc(self.start, "start"):
            raise ValueError(ERROR_END)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def event_from_series(
    series: Series,
    *,
    uid: str,
    summary: str,
    sequence: int,
    status: Status = Status.CONFIRMED,
    description: str = "",
    location: str = "",
    url: str = "",
    organizer: Person | None = None,
    attendees: tuple[Person, ...] = (),
) -> CalendarEvent:
    """The calendar event of a session or series from the schedule core."""
    return CalendarEvent(
        uid=uid,
        summary=summary,
        start=series.start,
        end=series.start + series.duration,
        timezone=series.timezone,
        sequence=sequence,
        status=status,
        description=description,
        location=location,
        url=url,
        recurrence=series.recurrence,
        exdates=tuple(sorted(series.cancelled)),
        overrides=tuple(
            OccurrenceOverride(o.original_start, o.start, o.end) for o in series.overrides
        ),
        organizer=organizer,
        attendees=attendees,
    )


def _in_zone(value: datetime, zone_name: str) -> datetime:
    # UTC is written with a Z suffix rather than a TZID=UTC that some clients reject.
    if zone_name == "UTC":
        return to_utc(value)
    return to_utc(value).astimezone(zone(zone_name))


def _address(person: Person, *, organizer: bool) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = vText(person.name)
    if not organizer:
        address.params["ROLE"] = vText(person.role)
        address.params["PARTSTAT"] = vText(person.partstat)
        address.params["RSVP"] = vText("TRUE" if person.partstat == "NEEDS-ACTION" else "FALSE")
    return address


def _details(vevent: Event, event: CalendarEvent, now: datetime) -> None:
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", to_utc(now, "now"))
    vevent.add("sequence", event.sequence)
    for name in ("description", "location", "url"):
        if getattr(event, name):
            vevent.add(name, getattr(event, name))
    if event.categories:
        vevent.add("categories", list(event.categories))
    if event.last_modified is not None:
        vevent.add("last-modified", to_utc(event.last_modified, "last_modified"))
    if event.organizer is not None:
        vevent.add("organizer", _address(event.organizer, organizer=True))
    for attendee in event.attendees:
        vevent.add("attendee", _address(attendee, organizer=False))


def _main_vevent(event: CalendarEvent, now: datetime) -> Event:
    vevent = Event()
    vevent.add("summary", event.summary)
    if event.all_day:
        assert not isinstance(event.start, datetime)
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end or event.start + timedelta(days=1))
        # A due date is a marker, not a meeting: it must not show the day as busy.
        vevent.add("transp", "TRANSPARENT")
    else:
        assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
        vevent.add("dtstart", _in_zone(event.start, event.timezone))
        vevent.add("dtend", _in_zone(event.end, event.timezone))
        if event.recurrence is not None:
            local = wall_clock(event.start, event.timezone)
            vevent.add("rrule", event.recurrence.rule_parts(local, event.timezone))
            if event.exdates:
                vevent.add("exdate", [_in_zone(d, event.timezone) for d in sorted(event.exdates)])
    vevent.add("status", event.status.value)
    _details(vevent, event, now)
    return vevent


def _override_vevent(event: CalendarEvent, override: OccurrenceOverride, now: datetime) -> Event:
    vevent = Event()
    vevent.add("summary", override.summary or event.summary)
    vevent.add("recurrence-id", _in_zone(override.recurrence_id, event.timezone))
    vevent.add("dtstart", _in_zone(override.start, event.timezone))
    vevent.add("dtend", _in_zone(override.end, event.timezone))
    vevent.add("status", override.status.value)
    _details(vevent, event, now)
    return vevent


def _vevents(event: CalendarEvent, now: datetime) -> list[Event]:
    found = [_main_vevent(event, now)]
    if event.recurrence is not None:
        found += [_override_vevent(event, o, now) for o in event.overrides]
    return found


def _calendar(method: str | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    return cal


def _add_timezones(cal: Calendar, events: list[CalendarEvent], now: datetime) -> None:
    """VTIMEZONE definitions covering every event, and five years ahead for endless series."""
    days = [to_utc(now).date()]
    for event in events:
        for value in (event.start, event.end, *event.exdates):
            if isinstance(value, datetime):
                days.append(to_utc(value).date())
        if event.recurrence is not None and event.recurrence.until is not None:
            days.append(event.recurrence.until)
        days += [to_utc(o.start).date() for o in event.overrides]
    cal.add_missing_timezones(
        first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=5 * 366)
    )


def build_feed(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    now: datetime,
    description: str = "",
    refresh: timedelta = timedelta(hours=1),
    stamp: datetime | None = None,
) -> bytes:
    """A subscribable calendar (METHOD:PUBLISH) holding every event given.

    `stamp` (the feed's last change) stands in for `now` in DTSTAMP and the time-zone range, so
    that an unchanged feed is the same bytes on every request and can answer 304.
    """
    events = list(events)
    now = stamp or now
    cal = _calendar("PUBLISH")
    cal.add("x-wr-calname", name)
    if description:
        cal.add("x-wr-caldesc", description)
    # RFC 7986 says how often to poll; X-PUBLISHED-TTL is what Outlook reads.
    cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(refresh))
    for event in events:
        for vevent in _vevents(event, now):
            cal.add_component(vevent)
    _add_timezones(cal, events, now)
    return bytes(cal.to_ical())


def build_invitation(
    event: CalendarEvent,
    *,
    method: Literal["REQUEST", "CANCEL"],
    now: datetime,
    occurrence: datetime | None = None,
) -> bytes:
    """An iTIP message (RFC 5546) to attach to an email as invite.ics.

    REQUEST sends the whole event, or with `occurrence` only that rescheduled occurrence.
    CANCEL cancels the whole event, or with `occurrence` only that occurrence. The caller
    raises `sequence` before sending either.
    """
    if event.organizer is None or not event.attendees:
        raise ValueError(ERROR_NO_ORGANIZER)
    cal = _calendar(method)
    if method == "REQUEST" and occurrence is None:
        vevents = _vevents(event, now)
    elif method == "REQUEST":
        assert occurrence is not None
        wanted = to_utc(occurrence, "occurrence")
        matches = [o for o in event.overrides if to_utc(o.recurrence_id) == wanted]
        if not matches:
            raise ValueError(ERROR_NO_OVERRIDE.format(start=wanted.isoformat()))
        vevents = [_override_vevent(event, matches[0], now)]
    elif occurrence is None:
        vevents = [_main_vevent(replace(event, status=Status.CANCELLED), now)]
    else:
        assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
        end = occurrence + (event.end - event.start)
        cancelled = OccurrenceOverride(occurrence, occurrence, end, Status.CANCELLED)
        vevents = [_override_vevent(event, cancelled, now)]
    for vevent in vevents:
        cal.add_component(vevent)
    _add_timezones(cal, [event], now)
    return bytes(cal.to_ical())
