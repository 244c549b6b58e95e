"""The demo has schedules, a fortnightly series across a clock change, events that opened
sessions, and a feed a newcomer can subscribe to; seeding twice changes nothing."""

from zoneinfo import ZoneInfo

from trellis.engagements.models import CoachingSession
from trellis.scheduling.demo import FORTNIGHTLY, TEAM_SESSION
from trellis.scheduling.models import (
    Booking,
    CalendarFeedToken,
    CareerEvent,
    MemberAttendance,
    ScheduledSession,
    SessionSeries,
    TriggerFiring,
)
from trellis.web import demo

LONDON = ZoneInfo("Europe/London")


def counts():
    return [
        m.objects.count()
        for m in (
            SessionSeries,
            ScheduledSession,
            CareerEvent,
            TriggerFiring,
            Booking,
            CoachingSession,
            MemberAttendance,
        )
    ]


def test_it_seeds_schedules_events_and_a_feed_once(db, capsys):
    demo.seed()
    series = SessionSeries.objects.get(title=FORTNIGHTLY)
    rows = list(series.occurrences.order_by("start"))
    assert {o.start.astimezone(LONDON).strftime("%a %H:%M") for o in rows} == {"Tue 09:00"}
    assert len({o.start.astimezone(ZoneInfo("UTC")).hour for o in rows}) == 2  # crosses a change
    promotion = CareerEvent.objects.get(type="promotion_decision")
    firing = promotion.firings.get()
    assert firing.coaching_session_uuid is not None
    assert (
        CoachingSession.objects.get(uuid=firing.coaching_session_uuid).framework_version.key
        == "tgrow"
    )
    assert SessionSeries.objects.filter(kind="review").exists()
    assert ScheduledSession.objects.filter(status="cancelled").exists()
    token = CalendarFeedToken.objects.get(member__user__email="bob@northwind.example")
    assert token.uuid.hex in capsys.readouterr().out
    # the team's first group session, marked per member
    team = SessionSeries.objects.get(title=TEAM_SESSION).occurrences.order_by("start").first()
    marks = dict(
        MemberAttendance.objects.filter(occurrence=team).values_list("member__user__email", "mark")
    )
    assert marks["kai@northwind.example"] == "late_cancellation"
    assert marks["mei@northwind.example"] == "no_show"
    assert "held" in marks.values() and team.outcome == "held"
    before = counts()
    demo.seed()
    assert counts() == before
