from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from trellis.core.schedule import (
    Recurrence,
    Series,
    cadence_dates,
    cancel_following,
    cancel_occurrence,
    expand,
    is_late_cancellation,
    move_occurrence,
    next_cadence_date,
    original_starts,
    reschedule_following,
    split_series,
)
from trellis.core.schedule.recurrence import (
    ERROR_NOT_AN_OCCURRENCE,
    ERROR_UNBOUNDED,
    ERROR_UNTIL_AND_COUNT,
)
from trellis.core.schedule.times import ERROR_NAIVE, ERROR_ZONE

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
HOUR = timedelta(hours=1)
YEAR = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def all_of(series):
    return expand(series, start=YEAR[0], end=YEAR[1])


@pytest.mark.parametrize(
    ("zone", "first", "until", "clock_changes"),
    [
        # London: summer time from 29 March 2026, back to GMT on 25 October 2026.
        ("Europe/London", datetime(2026, 3, 3, 9, 0), date(2026, 11, 10), 2),
        # New York: daylight time from 8 March 2026, back to standard time on 1 November 2026.
        ("America/New_York", datetime(2026, 2, 23, 10, 0), date(2026, 11, 20), 2),
    ],
)
def test_it_keeps_the_local_time_of_a_fortnightly_series_across_clock_changes(
    zone, first, until, clock_changes
):
    tz = ZoneInfo(zone)
    series = Series(
        start=first.replace(tzinfo=tz),
        duration=HOUR,
        timezone=zone,
        recurrence=Recurrence.fortnightly(until=until),
    )
    occurrences = all_of(series)
    local = [o.start.astimezone(tz) for o in occurrences]
    assert all(o.start.tzinfo is UTC for o in occurrences)
    assert {(t.hour, t.minute) for t in local} == {(first.hour, first.minute)}
    assert all(b.date() - a.date() == timedelta(days=14) for a, b in pairwise(local))
    assert local[-1].date() <= until
    assert local[-1].date() + timedelta(days=14) > until
    # The UTC time moves by an hour at each change, which is how the local time stays put.
    utc_hours = [o.start.hour for o in occurrences]
    changes = sum(1 for a, b in pairwise(utc_hours) if a != b)
    assert changes == clock_changes


def test_it_shows_a_series_in_each_viewers_zone():
    series = Series(
        start=datetime(2026, 3, 3, 9, 0, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.weekly(count=5),
    )
    seen_in_new_york = [o.start.astimezone(NEW_YORK).hour for o in all_of(series)]
    # New York changes its clocks three weeks before London: for those weeks the gap is 4 hours.
    assert seen_in_new_york == [4, 5, 5, 5, 4]


def test_it_ends_a_series_after_a_count():
    series = Series(
        start=datetime(2026, 1, 5, 17, 0, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.weekly(count=3),
    )
    assert [o.start.date() for o in all_of(series)] == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),
    ]


def test_it_includes_the_until_date():
    series = Series(
        start=datetime(2026, 1, 5, 17, 0, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.weekly(until=date(2026, 1, 19)),
    )
    assert len(all_of(series)) == 3


def test_it_keeps_a_monthly_series_on_the_31st_in_every_month():
    series = Series(
        start=datetime(2026, 1, 31, 12, 0, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.monthly(count=4),
    )
    assert [o.start.astimezone(LONDON).date() for o in all_of(series)] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]


def test_it_moves_a_session_in_the_skipped_hour_to_just_after_the_change():
    series = Series(
        start=datetime(2026, 3, 22, 1, 30, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.weekly(count=2),
    )
    second = all_of(series)[1].start.astimezone(LONDON)
    assert (second.date(), second.time()) == (date(2026, 3, 29), time(2, 30))


def test_it_treats_a_series_without_recurrence_as_one_session():
    single = Series(
        start=datetime(2026, 5, 1, 9, tzinfo=LONDON), duration=HOUR, timezone="Europe/London"
    )
    assert len(all_of(single)) == 1


def test_it_expands_an_endless_series_only_within_a_window():
    endless = Series(
        start=datetime(2026, 1, 5, 9, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.weekly(),
    )
    window = expand(
        endless, start=datetime(2026, 2, 1, tzinfo=UTC), end=datetime(2026, 3, 1, tzinfo=UTC)
    )
    assert [o.start.day for o in window] == [2, 9, 16, 23]
    with pytest.raises(ValueError, match=ERROR_UNBOUNDED):
        list(original_starts(endless))


def test_it_includes_a_session_already_running_when_the_window_opens():
    series = Series(start=datetime(2026, 1, 5, 9, tzinfo=UTC), duration=2 * HOUR, timezone="UTC")
    found = expand(
        series, start=datetime(2026, 1, 5, 10, tzinfo=UTC), end=datetime(2026, 1, 6, tzinfo=UTC)
    )
    assert len(found) == 1


WEEKLY = Series(
    start=datetime(2026, 1, 5, 9, 0, tzinfo=LONDON),
    duration=HOUR,
    timezone="Europe/London",
    recurrence=Recurrence.weekly(count=6),
)
THIRD = datetime(2026, 1, 19, 9, 0, tzinfo=UTC)


def test_it_cancels_one_occurrence_and_can_still_show_it_as_cancelled():
    series = cancel_occurrence(WEEKLY, THIRD)
    assert THIRD not in [o.start for o in all_of(series)]
    shown = expand(series, start=YEAR[0], end=YEAR[1], include_cancelled=True)
    assert [o.original_start for o in shown if o.cancelled] == [THIRD]


def test_it_refuses_to_cancel_a_time_that_is_not_an_occurrence():
    wrong = THIRD + HOUR
    with pytest.raises(
        ValueError,
        match=ERROR_NOT_AN_OCCURRENCE.format(start=wrong.isoformat()).replace("+", r"\+"),
    ):
        cancel_occurrence(WEEKLY, wrong)


def test_it_reschedules_one_occurrence_even_out_of_the_window():
    new_start = datetime(2026, 2, 20, 14, 0, tzinfo=UTC)
    series = move_occurrence(WEEKLY, THIRD, start=new_start)
    moved = [o for o in all_of(series) if o.moved]
    assert [(o.original_start, o.start, o.end) for o in moved] == [
        (THIRD, new_start, new_start + HOUR)
    ]
    february = expand(
        series, start=datetime(2026, 2, 20, tzinfo=UTC), end=datetime(2026, 2, 21, tzinfo=UTC)
    )
    assert [o.start for o in february] == [new_start]


def test_it_splits_a_counted_series_without_losing_or_adding_occurrences():
    series = cancel_occurrence(WEEKLY, datetime(2026, 1, 5, 9, tzinfo=UTC))
    head, tail = split_series(series, THIRD)
    assert head is not None
    assert head.recurrence.count == 2
    assert tail.recurrence.count == 4
    together = [o.start for o in all_of(head) + all_of(tail)]
    assert together == [o.start for o in all_of(series)]
    assert all_of(tail)[0].start == THIRD


def test_it_splits_a_series_ending_on_a_date():
    series = Series(
        start=datetime(2026, 1, 5, 9, tzinfo=LONDON),
        duration=HOUR,
        timezone="Europe/London",
        recurrence=Recurrence.weekly(until=date(2026, 2, 9)),
    )
    head, tail = split_series(series, THIRD)
    assert [o.start.day for o in all_of(head)] == [5, 12]
    assert [o.start.day for o in all_of(tail)] == [19, 26, 2, 9]


def test_it_splits_at_the_first_occurrence_into_just_a_tail():
    head, tail = split_series(WEEKLY, datetime(2026, 1, 5, 9, tzinfo=UTC))
    assert head is None
    assert [o.start for o in all_of(tail)] == [o.start for o in all_of(WEEKLY)]


def test_it_cancels_this_and_the_following_occurrences():
    remaining = cancel_following(WEEKLY, THIRD)
    assert [o.start.day for o in all_of(remaining)] == [5, 12]
    assert cancel_following(WEEKLY, datetime(2026, 1, 5, 9, tzinfo=UTC)) is None


def test_it_reschedules_the_rest_of_a_series_keeping_cancelled_dates_cancelled():
    series = cancel_occurrence(WEEKLY, datetime(2026, 1, 26, 9, tzinfo=UTC))
    # From the third session on: Tuesdays at 15:00 instead of Mondays at 09:00.
    head, tail = reschedule_following(series, THIRD, start=datetime(2026, 1, 20, 15, tzinfo=LONDON))
    assert [o.start.day for o in all_of(head)] == [5, 12]
    tail_starts = [(o.start.day, o.start.hour) for o in all_of(tail)]
    assert tail_starts == [(20, 15), (3, 15), (10, 15)]  # 27 January stays cancelled


def test_it_records_a_late_cancellation_inside_the_window():
    starts = datetime(2026, 1, 19, 9, tzinfo=UTC)
    window = timedelta(hours=24)
    assert is_late_cancellation(
        starts_at=starts, cancelled_at=starts - timedelta(hours=23), window=window
    )
    assert not is_late_cancellation(
        starts_at=starts, cancelled_at=starts - timedelta(hours=25), window=window
    )
    assert is_late_cancellation(starts_at=starts, cancelled_at=starts + HOUR, window=window)


def test_it_lists_review_dates_on_a_cadence():
    assert cadence_dates(start=date(2026, 1, 5), every_weeks=4, until=date(2026, 3, 30)) == [
        date(2026, 1, 5),
        date(2026, 2, 2),
        date(2026, 3, 2),
        date(2026, 3, 30),
    ]
    assert next_cadence_date(start=date(2026, 1, 5), every_weeks=4, today=date(2026, 2, 3)) == date(
        2026, 3, 2
    )
    assert next_cadence_date(start=date(2026, 1, 5), every_weeks=4, today=date(2026, 2, 2)) == date(
        2026, 2, 2
    )
    assert next_cadence_date(
        start=date(2026, 1, 5), every_weeks=4, today=date(2025, 12, 1)
    ) == date(2026, 1, 5)


def test_it_refuses_naive_datetimes_unknown_zones_and_double_endings():
    with pytest.raises(ValueError, match="start must be an aware datetime"):
        Series(start=datetime(2026, 1, 5, 9), duration=HOUR, timezone="Europe/London")
    with pytest.raises(ValueError, match="Unknown time zone 'Mars/Olympus'"):
        Series(start=datetime(2026, 1, 5, 9, tzinfo=UTC), duration=HOUR, timezone="Mars/Olympus")
    with pytest.raises(ValueError, match=ERROR_UNTIL_AND_COUNT):
        Recurrence.weekly(until=date(2026, 2, 1), count=3)
    assert "aware" in ERROR_NAIVE and "IANA" in ERROR_ZONE
