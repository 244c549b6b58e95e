"""Feeds and invitations, read back with vobject: a second, independent iCalendar parser.

vobject resolves a TZID through pytz by default, and pytz zones keep one fixed offset through
dateutil's recurrence expansion; so these tests make vobject use the VTIMEZONE definitions in our
own output instead, which also checks that those definitions are right.
"""

from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject

from trellis.core.ical import (
    ERROR_ALL_DAY_MIX,
    ERROR_END,
    ERROR_NO_ORGANIZER,
    ERROR_UID,
    PRODID,
    CalendarEvent,
    Person,
    Status,
    build_feed,
    build_invitation,
    event_from_series,
)
from trellis.core.schedule import (
    Recurrence,
    Series,
    cancel_occurrence,
    expand,
    move_occurrence,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
ALICE = Person("alice@example.org", "Alice Coach", role="CHAIR", partstat="ACCEPTED")
BOB = Person("bob@example.org", "Bob Coachee")


@contextmanager
def read_back(data: bytes):
    """Parse with vobject, with TZIDs bound to the VTIMEZONEs in `data` itself."""
    text = data.decode("utf-8")
    registry = vars(vobject.icalendar)["__tzidMap"]
    saved = dict(registry)
    try:
        for vtimezone in getattr(vobject.readOne(text), "vtimezone_list", []):
            registry[vtimezone.tzid.value] = vtimezone.gettzinfo()
        yield vobject.readOne(text)
    finally:
        registry.clear()
        registry.update(saved)


def tzid(line):
    # vobject moves the TZID parameter aside once it has bound the value to a zone.
    return line.params["X-VOBJ-ORIGINAL-TZID"][0]


def london_series():
    """Fortnightly 09:00 in London from March to November 2026: both clock changes."""
    series = Series(
        start=datetime(2026, 3, 3, 9, 0, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.fortnightly(until=date(2026, 11, 10)),
    )
    series = cancel_occurrence(series, datetime(2026, 3, 17, 9, 0, tzinfo=LONDON))
    return move_occurrence(
        series,
        datetime(2026, 7, 7, 9, 0, tzinfo=LONDON),
        start=datetime(2026, 7, 8, 14, 0, tzinfo=LONDON),
    )


def new_york_series():
    return Series(
        start=datetime(2026, 2, 23, 10, 0, tzinfo=NEW_YORK),
        duration=timedelta(minutes=45),
        timezone="America/New_York",
        recurrence=Recurrence.fortnightly(count=20),
    )


def feed_events():
    return [
        event_from_series(
            london_series(),
            uid="session-1f0c@trellis",
            summary="Coaching with Alice",
            sequence=4,
            organizer=ALICE,
            attendees=(BOB,),
        ),
        event_from_series(
            new_york_series(), uid="session-2b7e@trellis", summary="Peer coaching", sequence=0
        ),
        CalendarEvent(
            uid="session-9a1d@trellis",
            summary="Review session",
            start=datetime(2026, 4, 2, 15, 0, tzinfo=UTC),
            end=datetime(2026, 4, 2, 16, 0, tzinfo=UTC),
            timezone="Europe/Berlin",
            sequence=2,
            status=Status.CANCELLED,
        ),
        CalendarEvent(
            uid="action-77c3@trellis",
            summary="Due: send the CV; ask Dana, then Olga\nfor feedback",
            start=date(2026, 3, 31),
            sequence=1,
            categories=("Action",),
        ),
        CalendarEvent(
            uid="event-5e21@trellis",
            summary="Promotion decision",
            start=datetime(2026, 5, 20, 10, 0, tzinfo=UTC),
            end=datetime(2026, 5, 20, 11, 0, tzinfo=UTC),
            description="Prepare with a TGROW session the week before.",
            categories=("Career event",),
        ),
    ]


def feed():
    return build_feed(feed_events(), name="Bob's coaching", now=NOW)


def by_uid(calendar):
    events: dict[str, list] = {}
    for vevent in calendar.vevent_list:
        events.setdefault(vevent.uid.value, []).append(vevent)
    return events


def test_it_writes_a_calendar_header_and_a_time_zone_per_zone_used():
    with read_back(feed()) as calendar:
        assert calendar.prodid.value == PRODID
        assert calendar.version.value == "2.0"
        assert calendar.x_wr_calname.value == "Bob's coaching"
        zones = {vtimezone.tzid.value for vtimezone in calendar.vtimezone_list}
    assert zones == {"Europe/London", "America/New_York", "Europe/Berlin"}


def test_it_writes_crlf_lines_of_at_most_75_octets():
    data = feed()
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_it_reads_back_every_event_with_its_uid_sequence_status_and_zone():
    expected = {event.uid: event for event in feed_events()}
    with read_back(feed()) as calendar:
        events = by_uid(calendar)
        assert set(events) == set(expected)
        for uid, vevents in events.items():
            source = expected[uid]
            main = next(v for v in vevents if not hasattr(v, "recurrence_id"))
            assert int(main.sequence.value) == source.sequence
            assert main.status.value == source.status.value
            assert main.summary.value == source.summary
            assert main.dtstamp.value == NOW
            start = main.dtstart.value
            if source.all_day:
                assert start == source.start
                assert main.dtend.value == source.start + timedelta(days=1)
                assert main.transp.value == "TRANSPARENT"
                continue
            if source.timezone == "UTC":
                assert start.utcoffset() == timedelta(0)
            else:
                assert tzid(main.dtstart) == source.timezone
            assert start.astimezone(UTC) == source.start.astimezone(UTC)
            assert main.dtend.value.astimezone(UTC) == source.end.astimezone(UTC)


def test_it_keeps_the_wall_clock_time_of_a_series_when_read_back():
    with read_back(feed()) as calendar:
        main = next(
            v for v in by_uid(calendar)["session-1f0c@trellis"] if not hasattr(v, "recurrence_id")
        )
        read = list(main.getrruleset())
    assert tzid(main.dtstart) == "Europe/London"
    assert {(d.hour, d.minute) for d in read} == {(9, 0)}
    # Read through our VTIMEZONE: 09:00 UTC in winter, 08:00 UTC in British Summer Time
    # (29 March to 25 October 2026).
    summer = {d.date() for d in read if date(2026, 3, 29) <= d.date() < date(2026, 10, 25)}
    assert {d.astimezone(UTC).hour for d in read if d.date() not in summer} == {9}
    assert {d.astimezone(UTC).hour for d in read if d.date() in summer} == {8}
    assert summer and len(summer) < len(read)


@pytest.mark.parametrize("make", [london_series, new_york_series])
def test_it_expands_rrule_and_exdate_to_exactly_the_schedules_occurrences(make):
    series = make()
    uid = "session-1f0c@trellis" if make is london_series else "session-2b7e@trellis"
    with read_back(feed()) as calendar:
        vevents = by_uid(calendar)[uid]
        main = next(v for v in vevents if not hasattr(v, "recurrence_id"))
        read = sorted(d.astimezone(UTC) for d in main.getrruleset())
        overrides = {
            v.recurrence_id.value.astimezone(UTC): v.dtstart.value.astimezone(UTC)
            for v in vevents
            if hasattr(v, "recurrence_id")
        }
    everything = expand(
        series, start=datetime(2026, 1, 1, tzinfo=UTC), end=datetime(2028, 1, 1, tzinfo=UTC)
    )
    assert read == [o.original_start for o in everything]
    assert overrides == {o.original_start: o.start for o in everything if o.moved}
    local = {d.astimezone(ZoneInfo(series.timezone)).time() for d in read}
    assert local == {series.local_start.time()}


def test_it_marks_cancelled_occurrences_with_exdate_and_a_cancelled_session_as_cancelled():
    with read_back(feed()) as calendar:
        events = by_uid(calendar)
        london = events["session-1f0c@trellis"][0]
        exdates = [d.astimezone(UTC) for line in london.exdate_list for d in line.value]
        cancelled = events["session-9a1d@trellis"][0]
    assert exdates == [datetime(2026, 3, 17, 9, 0, tzinfo=UTC)]
    assert cancelled.status.value == "CANCELLED"


def test_it_ends_a_series_on_its_until_date_in_every_reader():
    data = feed()
    # RFC 5545: with a TZID on DTSTART, UNTIL is in UTC; the end of 10 November in London.
    assert b"UNTIL=20261110T235959Z" in data
    with read_back(data) as calendar:
        london = by_uid(calendar)["session-1f0c@trellis"][0]
        last = max(london.getrruleset())
    assert last.date() == date(2026, 11, 10)


def test_it_keeps_a_monthly_series_on_the_last_day_for_other_readers_too():
    series = Series(
        start=datetime(2026, 1, 31, 18, 0, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.monthly(count=6),
    )
    data = build_feed(
        [event_from_series(series, uid="m@trellis", summary="Monthly", sequence=0)],
        name="m",
        now=NOW,
    )
    with read_back(data) as calendar:
        read = [d.date() for d in calendar.vevent.getrruleset()]
    assert read == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
    ]


def test_it_escapes_text_and_reads_it_back_unchanged():
    with read_back(feed()) as calendar:
        action = by_uid(calendar)["action-77c3@trellis"][0]
        assert action.summary.value == "Due: send the CV; ask Dana, then Olga\nfor feedback"
        assert action.categories.value == ["Action"]


def test_it_sends_an_invitation_with_organizer_and_attendees():
    event = feed_events()[0]
    with read_back(build_invitation(event, method="REQUEST", now=NOW)) as calendar:
        assert calendar.method.value == "REQUEST"
        main = calendar.vevent_list[0]
        assert main.organizer.value == "mailto:alice@example.org"
        assert main.organizer.params["CN"] == ["Alice Coach"]
        attendee = main.attendee
        assert attendee.value == "mailto:bob@example.org"
        assert attendee.params["RSVP"] == ["TRUE"]
        assert attendee.params["PARTSTAT"] == ["NEEDS-ACTION"]
        assert int(main.sequence.value) == 4
        assert hasattr(main, "rrule")
        assert len(calendar.vevent_list) == 2  # the series and its moved occurrence


def test_it_sends_a_cancellation_of_the_whole_series():
    event = feed_events()[0]
    with read_back(build_invitation(event, method="CANCEL", now=NOW)) as calendar:
        assert calendar.method.value == "CANCEL"
        assert calendar.vevent.status.value == "CANCELLED"
        assert calendar.vevent.uid.value == "session-1f0c@trellis"


def test_it_sends_a_cancellation_of_one_occurrence():
    event = feed_events()[0]
    one = datetime(2026, 5, 12, 9, 0, tzinfo=LONDON)
    with read_back(build_invitation(event, method="CANCEL", now=NOW, occurrence=one)) as calendar:
        vevent = calendar.vevent
        assert vevent.status.value == "CANCELLED"
        assert vevent.recurrence_id.value.astimezone(UTC) == one.astimezone(UTC)
        assert not hasattr(vevent, "rrule")


def test_it_sends_one_rescheduled_occurrence_on_its_own():
    event = feed_events()[0]
    moved = datetime(2026, 7, 7, 9, 0, tzinfo=LONDON)
    with read_back(
        build_invitation(event, method="REQUEST", now=NOW, occurrence=moved)
    ) as calendar:
        vevent = calendar.vevent
        assert vevent.dtstart.value.astimezone(LONDON).time() == time(14, 0)
        assert vevent.recurrence_id.value.astimezone(UTC) == moved.astimezone(UTC)


def test_it_refuses_an_invitation_without_people():
    lonely = feed_events()[1]
    with pytest.raises(ValueError, match=ERROR_NO_ORGANIZER):
        build_invitation(lonely, method="REQUEST", now=NOW)


def test_it_refuses_events_a_calendar_could_not_show():
    start = datetime(2026, 4, 2, 15, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match=ERROR_UID):
        CalendarEvent(uid=" ", summary="x", start=start, end=start + HOUR)
    with pytest.raises(ValueError, match=ERROR_END):
        CalendarEvent(uid="u", summary="x", start=start, end=start)
    with pytest.raises(ValueError, match=ERROR_ALL_DAY_MIX):
        CalendarEvent(uid="u", summary="x", start=date(2026, 4, 2), end=start)
