import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from trellis.core.schedule import Availability, Interval, WeeklyWindow, free_slots
from trellis.core.schedule.slots import ERROR_INTERVAL_ORDER, ERROR_WEEKDAY

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY, SUNDAY = 1, 6
HOUR = timedelta(hours=1)
# Long before anyone books.
NOW = datetime(2026, 3, 1, tzinfo=UTC)


def tuesday_mornings(**rules):
    return Availability(
        timezone="Europe/Berlin",
        windows=(WeeklyWindow(TUESDAY, time(9), time(12)),),
        **rules,
    )


def berlin(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


def local_starts(slots):
    return [s.start.astimezone(BERLIN).strftime("%d %H:%M") for s in slots]


def slots_in_week(availability, **kwargs):
    return free_slots(
        availability,
        start=berlin(16, 0),
        end=berlin(23, 0),
        now=kwargs.pop("now", NOW),
        **kwargs,
    )


def test_it_offers_slots_from_the_weekly_pattern_on_the_coachs_clock():
    slots = slots_in_week(tuesday_mornings())
    assert local_starts(slots) == ["17 09:00", "17 10:00", "17 11:00"]
    assert all(s.start.tzinfo is UTC and s.end - s.start == HOUR for s in slots)


def test_it_keeps_availability_on_the_local_clock_across_a_clock_change():
    # Berlin moves to summer time on Sunday 29 March 2026.
    slots = free_slots(
        tuesday_mornings(),
        start=berlin(23, 0),
        end=berlin(31, 23),
        now=NOW,
    )
    assert local_starts(slots) == [
        "24 09:00",
        "24 10:00",
        "24 11:00",
        "31 09:00",
        "31 10:00",
        "31 11:00",
    ]
    assert [s.start.hour for s in slots] == [8, 9, 10, 7, 8, 9]


def test_it_steps_slots_more_finely_than_their_length():
    slots = slots_in_week(tuesday_mornings(step=timedelta(minutes=30)))
    assert local_starts(slots) == ["17 09:00", "17 09:30", "17 10:00", "17 10:30", "17 11:00"]


def test_it_never_offers_a_slot_that_overlaps_a_booking():
    booked = [Interval(berlin(17, 10, 30), berlin(17, 11, 0))]
    slots = slots_in_week(tuesday_mornings(step=timedelta(minutes=30)), bookings=booked)
    assert local_starts(slots) == ["17 09:00", "17 09:30", "17 11:00"]


def test_it_keeps_buffers_free_around_every_session():
    booked = [Interval(berlin(17, 10), berlin(17, 11))]
    availability = tuesday_mornings(
        step=timedelta(minutes=15),
        buffer_before=timedelta(minutes=15),
        buffer_after=timedelta(minutes=30),
    )
    slots = slots_in_week(availability, bookings=booked)
    # Before the booking: a slot must end 30 minutes before it (its own after-buffer), so
    # 08:30 at the latest, outside the window; 09:00 would end at 10:00. After it: the booking's
    # 30-minute after-buffer runs to 11:30, and a slot then would end at 12:30, past the window.
    assert local_starts(slots) == []
    roomier = Availability(
        timezone="Europe/Berlin",
        windows=(WeeklyWindow(TUESDAY, time(8), time(13)),),
        step=timedelta(minutes=15),
        buffer_before=timedelta(minutes=15),
        buffer_after=timedelta(minutes=30),
    )
    starts = local_starts(slots_in_week(roomier, bookings=booked))
    assert "17 11:30" in starts and "17 11:15" not in starts
    assert "17 08:30" in starts and "17 08:45" not in starts


def test_it_removes_exceptions_to_the_weekly_pattern():
    day_off = [Interval(berlin(17, 0), berlin(18, 0))]
    assert slots_in_week(tuesday_mornings(), blocked=day_off) == []


def test_it_adds_one_off_availability():
    sunday = [Interval(berlin(22, 14), berlin(22, 16))]
    slots = slots_in_week(tuesday_mornings(), extra=sunday)
    assert local_starts(slots) == ["17 09:00", "17 10:00", "17 11:00", "22 14:00", "22 15:00"]


def test_it_respects_the_minimum_notice():
    now = berlin(17, 8, 30)
    slots = slots_in_week(tuesday_mornings(minimum_notice=2 * HOUR), now=now)
    assert local_starts(slots) == ["17 11:00"]


def test_it_skips_wall_clock_times_a_clock_change_removes():
    night_owl = Availability(
        timezone="Europe/Berlin",
        windows=(WeeklyWindow(SUNDAY, time(1), time(4)),),
        slot_length=timedelta(minutes=30),
    )
    slots = free_slots(night_owl, start=berlin(29, 0), end=berlin(30, 0), now=NOW)
    assert "29 02:00" not in local_starts(slots)
    assert "29 02:30" not in local_starts(slots)
    assert local_starts(slots)[:2] == ["29 01:00", "29 01:30"]


def test_it_refuses_impossible_windows():
    with pytest.raises(ValueError, match=re.escape(ERROR_WEEKDAY.format(weekday=7))):
        WeeklyWindow(7, time(9), time(10))
    with pytest.raises(ValueError, match=ERROR_INTERVAL_ORDER):
        Interval(berlin(17, 10), berlin(17, 9))


def test_it_walks_only_the_shown_range_of_a_very_long_extra_window():
    from trellis.core.schedule.slots import _starts_in_extra

    availability = tuesday_mornings(step=timedelta(minutes=15))
    decades = Interval(datetime(2000, 1, 1, 0, 7, tzinfo=UTC), datetime(2090, 1, 1, tzinfo=UTC))
    week = Interval(berlin(16, 0), berlin(23, 0))
    starts = list(_starts_in_extra(decades, availability, week))
    # every start inside the week, aligned on the extra window's own steps, and no more
    assert len(starts) == 7 * 24 * 4 - 4  # the last three quarters of the week cannot hold an hour
    assert starts[0] >= week.start and starts[-1] + HOUR <= week.end
    assert all(s.minute % 15 == 7 for s in starts)
    slots = slots_in_week(availability, extra=[decades])
    assert set(starts) <= {s.start for s in slots}  # plus the Tuesday window's own
