"""Demo data for the home pages: what makes each demo login's home show something to act on
today, whenever `make demo` runs (times are relative to now). Idempotent, like every demo part.

- Alice (coach): a session with Hannah later today to start, one with Ravi that ended an hour ago
  to log, a session held this morning with Bob (hours this month), and Ravi's no-show last week.
- Bob (coachee), Alice, Dana (sponsor) and Olga (admin) get the daily home digest; the worker
  sends it at their digest time (the emails land in var/mail/).
"""

from datetime import datetime, timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.engagements.models import Engagement
from trellis.scheduling import services as scheduling
from trellis.scheduling.models import HomeDigest, Outcome, ReminderSettings, SessionSeries
from trellis.scheduling.services.reminders import DEFAULT_QUIET

DIGEST_PEOPLE = ("alice", "bob", "dana", "olga")
TODAY_TITLE = "Prepare the key-account pitch"
LOG_TITLE = "Operations role: the interview story"
HELD_TITLE = "Sprint planning debrief"
MISSED_TITLE = "Operations role: first steps"


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _once(demo: DemoOrgs, coachee: str, title: str, start: datetime, outcome: str = "") -> None:
    engagement = Engagement.objects.filter(
        org=demo.northwind, coach=demo.nw["alice"], coachee=demo.nw[coachee]
    ).first()
    if engagement is None or engagement.status != Engagement.Status.ACTIVE:
        return
    if SessionSeries.objects.filter(engagement=engagement, title=title).exists():
        return
    series = scheduling.session_schedule(
        actor=demo.nw["alice"],
        engagement=engagement,
        start=start,
        title=title,
        timezone_name="Europe/London",
        invite=False,
    )
    if outcome:
        occurrence = series.occurrences.get()
        scheduling.attendance_record(actor=demo.nw["alice"], occurrence=occurrence, outcome=outcome)


def seed(demo: DemoOrgs) -> None:
    now = timezone.now()
    _once(demo, "hannah", TODAY_TITLE, _hour(now) + timedelta(hours=2))
    _once(demo, "ravi", LOG_TITLE, _hour(now) - timedelta(hours=2))
    _once(demo, "bob", HELD_TITLE, _hour(now) - timedelta(hours=4), Outcome.HELD)
    _once(demo, "ravi", MISSED_TITLE, _hour(now) - timedelta(days=6), Outcome.NO_SHOW_COACHEE)
    # plan these sessions' reminders now, as the scheduling demo did for its own (a second seed
    # then finds nothing new to plan)
    scheduling.reminder_pass()
    for name in DIGEST_PEOPLE:
        ReminderSettings.objects.update_or_create(
            member=demo.nw[name],
            defaults={"home_digest": HomeDigest.DAILY},
            create_defaults={
                "home_digest": HomeDigest.DAILY,
                "quiet_start": DEFAULT_QUIET[0],
                "quiet_end": DEFAULT_QUIET[1],
                "digest_time": datetime.min.time().replace(hour=8),
            },
        )
