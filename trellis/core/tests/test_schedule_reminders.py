from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from trellis.core.schedule import (
    DEFAULT_DELIVERY,
    Delivery,
    QuietHours,
    ReminderKind,
    after_quiet_hours,
    delivery_time,
    group_by_local_day,
    next_digest_at,
    reminder_time,
    session_reminders,
)

TOKYO = ZoneInfo("Asia/Tokyo")
LONDON = ZoneInfo("Europe/London")
NIGHTS = QuietHours(time(21), time(7, 30))


def test_it_reminds_a_day_and_an_hour_before_a_session():
    start = datetime(2026, 4, 14, 15, 0, tzinfo=UTC)
    planned = session_reminders(start, timezone="Europe/London")
    assert [p.send_at for p in planned] == [start - timedelta(days=1), start - timedelta(hours=1)]
    assert not any(p.deferred for p in planned)


def test_it_moves_a_reminder_out_of_quiet_hours_in_the_recipients_zone():
    # The hour-before reminder falls at 07:00 in London, inside a Londoner's quiet hours; for a
    # coachee in Tokyo the same reminders fall at 16:00 and 15:00 local time, outside them.
    start = datetime(2026, 4, 14, 8, 0, tzinfo=LONDON)
    londoner = session_reminders(start, timezone="Europe/London", quiet=NIGHTS)
    assert [p.send_at.astimezone(LONDON).strftime("%d %H:%M") for p in londoner] == [
        "13 08:00",
        "14 07:30",
    ]
    assert [p.deferred for p in londoner] == [False, True]
    in_tokyo = session_reminders(start, timezone="Asia/Tokyo", quiet=NIGHTS)
    assert not any(p.deferred for p in in_tokyo)


def test_it_drops_a_reminder_that_quiet_hours_would_push_past_the_start():
    start = datetime(2026, 4, 14, 7, 15, tzinfo=LONDON)
    planned = session_reminders(start, timezone="Europe/London", quiet=NIGHTS)
    assert [p.before for p in planned] == [timedelta(days=1)]


def test_it_skips_a_reminder_already_in_the_past_when_booked_at_short_notice():
    start = datetime(2026, 4, 14, 15, 0, tzinfo=UTC)
    booked_at = start - timedelta(hours=3)
    planned = session_reminders(start, timezone="UTC", not_before=booked_at)
    assert [p.before for p in planned] == [timedelta(hours=1)]


def test_it_handles_quiet_hours_on_either_side_of_midnight():
    late = datetime(2026, 4, 14, 22, 0, tzinfo=LONDON)
    early = datetime(2026, 4, 15, 6, 0, tzinfo=LONDON)
    expected = datetime(2026, 4, 15, 7, 30, tzinfo=LONDON)
    assert after_quiet_hours(late, timezone="Europe/London", quiet=NIGHTS) == expected
    assert after_quiet_hours(early, timezone="Europe/London", quiet=NIGHTS) == expected
    lunch = QuietHours(time(12), time(13))
    noon = datetime(2026, 4, 15, 12, 10, tzinfo=LONDON)
    assert (
        after_quiet_hours(noon, timezone="Europe/London", quiet=lunch).astimezone(LONDON).hour == 13
    )
    assert after_quiet_hours(noon, timezone="Europe/London", quiet=None) == noon


def test_it_times_event_preparation_before_the_event():
    event = datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)
    at = reminder_time(event, timedelta(days=3), timezone="Europe/London", quiet=NIGHTS)
    assert at == datetime(2026, 5, 29, 9, 0, tzinfo=LONDON)


def test_it_sends_the_next_digest_at_the_recipients_morning():
    now = datetime(2026, 4, 14, 12, 0, tzinfo=UTC)
    assert next_digest_at(now, timezone="Europe/London") == datetime(
        2026, 4, 15, 7, 30, tzinfo=LONDON
    )
    # Noon UTC is 21:00 in Tokyo: the next 07:30 there is the following morning.
    assert next_digest_at(now, timezone="Asia/Tokyo") == datetime(2026, 4, 15, 7, 30, tzinfo=TOKYO)
    before_digest = datetime(2026, 4, 14, 5, 0, tzinfo=UTC)
    assert next_digest_at(before_digest, timezone="Europe/London") == datetime(
        2026, 4, 14, 7, 30, tzinfo=LONDON
    )


def test_it_follows_each_persons_choice_per_kind():
    due = datetime(2026, 4, 14, 23, 0, tzinfo=LONDON)
    assert delivery_time(due, delivery=Delivery.OFF, timezone="Europe/London") is None
    assert delivery_time(due, delivery=Delivery.DIGEST, timezone="Europe/London") == datetime(
        2026, 4, 15, 7, 30, tzinfo=LONDON
    )
    immediate = delivery_time(
        due, delivery=Delivery.IMMEDIATELY, timezone="Europe/London", quiet=NIGHTS
    )
    assert immediate == datetime(2026, 4, 15, 7, 30, tzinfo=LONDON)
    exactly_at_digest = datetime(2026, 4, 15, 7, 30, tzinfo=LONDON)
    assert (
        delivery_time(exactly_at_digest, delivery=Delivery.DIGEST, timezone="Europe/London")
        == exactly_at_digest
    )


def test_it_sends_only_timely_reminders_on_their_own_by_default():
    immediate = {k for k, d in DEFAULT_DELIVERY.items() if d is Delivery.IMMEDIATELY}
    assert immediate == {ReminderKind.SESSION, ReminderKind.EVENT_PREPARATION}
    assert set(DEFAULT_DELIVERY) == set(ReminderKind)


def test_it_groups_a_digest_by_the_recipients_local_day():
    items = [
        (datetime(2026, 4, 14, 16, 0, tzinfo=UTC), "b"),  # 01:00 on the 15th in Tokyo
        (datetime(2026, 4, 14, 2, 0, tzinfo=UTC), "a"),
        (datetime(2026, 4, 14, 14, 0, tzinfo=UTC), "c"),  # 23:00 on the 14th in Tokyo
    ]
    in_tokyo = group_by_local_day(items, "Asia/Tokyo")
    assert {d.day: v for d, v in in_tokyo.items()} == {14: ["a", "c"], 15: ["b"]}
    in_london = group_by_local_day(items, "Europe/London")
    assert {d.day: v for d, v in in_london.items()} == {14: ["a", "c", "b"]}
