"""Demo schedules: series (one fortnightly across the next clock change), a review cadence, a
cancelled session, availability and a booking, trigger rules, career events that opened focused
sessions, a team's group session marked per member (attended, a late cancellation, a no-show), and
a calendar feed a newcomer can subscribe to. Idempotent: each piece is recognised
by its title, its owner or its unique key before it is made.
"""

import sys
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership
from trellis.core.schedule.times import from_wall_clock, zone
from trellis.engagements import demo_kinds
from trellis.engagements.models import Engagement
from trellis.scheduling import services
from trellis.scheduling.models import (
    Availability,
    Booking,
    CalendarFeedToken,
    CareerEvent,
    MemberAttendance,
    ScheduledSession,
    SchedulingSettings,
    SessionSeries,
    TriggerRule,
)
from trellis.scheduling.services.attendance import group_members
from trellis.scheduling.services.feeds import feed_url

FORTNIGHTLY = "Fortnightly coaching"


def next_clock_change(zone_name: str, after: date) -> date:
    """The first day after `after` whose UTC offset differs from the day before (DST)."""
    tz = zone(zone_name)
    day = after
    for _ in range(400):
        noon = datetime.combine(day, time(12), tzinfo=tz)
        if noon.utcoffset() != (noon + timedelta(days=1)).utcoffset():
            return day + timedelta(days=1)
        day += timedelta(days=1)
    return after + timedelta(days=180)


def _on(day: date, hour: int, minute: int, zone_name: str) -> datetime:
    return from_wall_clock(datetime.combine(day, time(hour, minute)), zone_name)


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _engagement(demo: DemoOrgs, coach: str, coachee: str) -> Engagement:
    # the pair's first engagement (the web demo's): a program's demo may add another later
    found = (
        Engagement.objects.filter(
            org=demo.northwind, coach=demo.nw[coach], coachee=demo.nw[coachee]
        )
        .order_by("pk")
        .first()
    )
    assert found is not None, (coach, coachee)
    return found


def _series(
    demo: DemoOrgs, coach: str, coachee: str, title: str, **kwargs: object
) -> SessionSeries:
    engagement = _engagement(demo, coach, coachee)
    found = SessionSeries.objects.filter(engagement=engagement, title=title).first()
    if found is not None:
        return found
    return services.session_schedule(
        actor=demo.nw[coach], engagement=engagement, title=title, invite=False, **kwargs
    )


def _schedules(demo: DemoOrgs, today: date) -> None:
    london = "Europe/London"
    change = next_clock_change(london, today)
    first = _weekday_on_or_after(today - timedelta(days=14), 1)  # a Tuesday two weeks ago
    _series(
        demo,
        "alice",
        "bob",
        FORTNIGHTLY,
        start=_on(first, 9, 0, london),
        timezone_name=london,
        freq="weekly",
        interval=2,
        until=change + timedelta(weeks=6),  # across the next clock change, same 09:00
        location="Room 2.14 or https://meet.example/alice-bob",
    )
    series = _series(
        demo,
        "marcus",
        "jamal",
        "Promotion-panel preparation",
        start=_on(_weekday_on_or_after(today - timedelta(days=7), 3), 10, 0, "America/New_York"),
        timezone_name="America/New_York",
        duration_minutes=45,
        freq="weekly",
        count=8,
    )
    upcoming = series.occurrences.filter(status="scheduled", start__gt=timezone.now()).first()
    if upcoming is not None and not series.occurrences.filter(status="cancelled").exists():
        services.occurrence_cancel(
            actor=demo.nw["jamal"],
            occurrence=upcoming,
            reason="Customer visit moved to that morning",
        )
    _series(
        demo,
        "sofia",
        "tom",
        "Monthly check-in",
        start=_on(_weekday_on_or_after(today, 0), 15, 0, "Europe/Madrid"),
        timezone_name="Europe/Madrid",
        freq="monthly",
        count=6,
    )
    lena = _engagement(demo, "sofia", "lena")
    if not SessionSeries.objects.filter(engagement=lena, kind="review").exists():
        services.cadence_set(
            actor=demo.nw["sofia"],
            engagement=lena,
            every_weeks=4,
            first=_on(_weekday_on_or_after(today + timedelta(days=3), 2), 11, 0, "Europe/Madrid"),
        )


def _availability(demo: DemoOrgs, today: date) -> None:
    alice = demo.nw["alice"]
    if not Availability.objects.filter(coach=alice).exists():
        services.availability_set(
            actor=alice,
            timezone_name="Europe/London",
            slot_minutes=60,
            buffer_before_minutes=0,
            buffer_after_minutes=15,
            notice_hours=24,
            windows=[(1, time(13), time(17)), (3, time(9), time(12)), (4, time(14), time(16))],
        )
    marcus = demo.nw["marcus"]
    if not Availability.objects.filter(coach=marcus).exists():
        services.availability_set(
            actor=marcus,
            timezone_name="America/New_York",
            slot_minutes=45,
            buffer_before_minutes=15,
            buffer_after_minutes=15,
            notice_hours=12,
            windows=[(0, time(9), time(12)), (2, time(13), time(17))],
        )
    hannah = _engagement(demo, "alice", "hannah")
    if not Booking.objects.filter(coachee=demo.nw["hannah"], is_active=True).exists():
        now = timezone.now()
        slots = services.free_slots(engagement=hannah, start=now, end=now + timedelta(days=14))
        if slots:
            services.slot_book(actor=demo.nw["hannah"], engagement=hannah, start=slots[0].start)


RULES = [
    # event type, when, days, framework, tell the sponsor
    (CareerEvent.Type.PROMOTION_DECISION, TriggerRule.When.ON_LOG, 0, "tgrow", True),
    (CareerEvent.Type.JOB_INTERVIEW, TriggerRule.When.BEFORE, 3, "tgrow", False),
    (CareerEvent.Type.SETBACK, TriggerRule.When.AFTER, 1, "oskar", False),
]


def _events(demo: DemoOrgs, today: date) -> None:
    olga = demo.nw["olga"]
    for event_type, when, days, framework, sponsor in RULES:
        if not TriggerRule.objects.filter(org=demo.northwind, event_type=event_type).exists():
            services.trigger_rule_create(
                actor=olga,
                event_type=event_type,
                when=when,
                days=days,
                framework_key=framework,
                notify_sponsor=sponsor,
            )
    SchedulingSettings.objects.get_or_create(
        org=demo.northwind, defaults={"cancellation_window_hours": 24}
    )
    events = [
        # coachee, logged by, type, in days, title, notes
        (
            "jamal",
            "greg",
            "promotion_decision",
            12,
            "Promotion panel: senior engineer",
            "Panel of two directors; Jamal presents the platform migration.",
        ),
        (
            "bob",
            "bob",
            "performance_review",
            20,
            "Mid-year review with Greg",
            "I want to ask for the tech-lead role.",
        ),
        (
            "hannah",
            "dana",
            "job_interview",
            2,
            "Interview for key-account lead",
            "Internal move; Dana is on the panel.",
        ),
        ("ravi", "ravi", "new_project", 30, "Operations dashboard launch", ""),
        ("lena", "sofia", "setback", -2, "Quarterly target missed", "Second quarter in a row."),
    ]
    for coachee, by, kind, days, title, notes in events:
        member: Membership = demo.nw[coachee]
        if CareerEvent.objects.filter(coachee=member, title=title).exists():
            continue
        services.career_event_log(
            actor=demo.nw[by],
            coachee=member,
            type=kind,
            date=today + timedelta(days=days),
            title=title,
            notes=notes,
        )


def _feed(demo: DemoOrgs) -> str:
    bob = demo.nw["bob"]
    token = CalendarFeedToken.objects.filter(member=bob, revoked_at=None).first()
    token = token or services.feed_token_create(member=bob)
    return feed_url(token)


def _attendance(demo: DemoOrgs) -> None:
    """Past sessions get their outcome: Alice and Bob's were held; Jamal missed his first one."""
    now = timezone.now()
    for coach, coachee, missed in (("alice", "bob", 0), ("marcus", "jamal", 1)):
        sessions = ScheduledSession.objects.filter(
            series__engagement=_engagement(demo, coach, coachee)
        )
        if sessions.filter(outcome="no_show_coachee").exists():
            missed = 0  # seeded before: the no-show stays the first one
        past = sessions.filter(
            status=ScheduledSession.Status.SCHEDULED, start__lte=now, outcome=""
        ).order_by("start")
        for i, occurrence in enumerate(past):
            services.attendance_record(
                actor=demo.nw[coach],
                occurrence=occurrence,
                outcome="no_show_coachee" if i < missed else "held",
            )


PEER_CIRCLE = "Peer circle"


def _peer_circle(demo: DemoOrgs, today: date) -> None:
    """The peer circle's first meeting (last Thursday evening) was held, so the rotation moved on."""
    engagement = Engagement.objects.filter(
        org=demo.northwind, kind=Engagement.Kind.PEER, topic=demo_kinds.PEER_TOPIC
    ).first()
    if engagement is None or engagement.status != Engagement.Status.ACTIVE:
        return
    series = SessionSeries.objects.filter(engagement=engagement, title=PEER_CIRCLE).first()
    if series is None:
        london = "Europe/London"
        first = _weekday_on_or_after(today - timedelta(days=7), 3)
        series = services.session_schedule(
            actor=demo.nw["sofia"],
            engagement=engagement,
            title=PEER_CIRCLE,
            start=_on(first, 17, 30, london),
            timezone_name=london,
            freq="weekly",
            count=6,
            invite=False,
        )
    first_one = series.occurrences.order_by("start").first()
    if first_one is not None and first_one.outcome == "" and first_one.start <= timezone.now():
        services.attendance_record(actor=demo.nw["jamal"], occurrence=first_one, outcome="held")


TEAM_SESSION = "Customer Support team session"
# the first team session's marks: Kai called off late, Mei did not come, the others attended
TEAM_LATE, TEAM_MISSED = "kai@northwind.example", "mei@northwind.example"


def _team_session(demo: DemoOrgs, today: date) -> None:
    """Northwind's Customer Support team meets weekly as one session (Marcus coaching); the first
    one's marks are per member: attended, a late cancellation (Kai), a no-show (Mei). Marcus's
    calendar names it "Customer Support", not one member."""
    engagement = Engagement.objects.filter(
        org=demo.northwind, kind=Engagement.Kind.TEAM, topic=demo_kinds.TEAM_TOPIC
    ).first()
    if engagement is None or engagement.status != Engagement.Status.ACTIVE:
        return
    series = SessionSeries.objects.filter(engagement=engagement, title=TEAM_SESSION).first()
    if series is None:
        london = "Europe/London"
        series = services.session_schedule(
            actor=demo.nw["marcus"],
            engagement=engagement,
            title=TEAM_SESSION,
            start=_on(_weekday_on_or_after(today - timedelta(days=7), 1), 10, 0, london),
            timezone_name=london,
            freq="weekly",
            count=6,
            invite=False,
        )
    first_one = series.occurrences.order_by("start").first()
    if first_one is None or first_one.start > timezone.now():
        return
    if MemberAttendance.objects.filter(occurrence=first_one).exists():
        return  # seeded before
    members = group_members(engagement)
    late = [m for m in members if m.user.email == TEAM_LATE]
    missed = {TEAM_LATE, TEAM_MISSED}
    services.group_attendance_record(
        actor=demo.nw["marcus"],
        occurrence=first_one,
        present=[m for m in members if m.user.email not in missed],
        late_cancelled=late,
    )


def seed(demo: DemoOrgs) -> None:
    today = timezone.now().astimezone(zone("Europe/London")).date()
    _schedules(demo, today)
    _attendance(demo)
    _peer_circle(demo, today)
    _team_session(demo, today)
    _availability(demo, today)
    _events(demo, today)
    services.reminder_pass()  # timed rules fire, reminders are planned; the worker sends them
    url = _feed(demo)
    sys.stdout.write(
        f"Calendar feed of bob@northwind.example, to subscribe in any calendar program:\n  {url}\n"
        "  (everyone finds their own under Calendar > Reminders & calendar feed)\n"
    )
