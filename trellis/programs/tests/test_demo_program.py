"""The demo's running program (issue 12, done when): Northwind's "First-line leaders" template,
imported from its TOML file, enrols 30 people in one step; each accepted person has their series on
the calendar; the funnel shows those still invited, the one who declined and a stalled participant;
there is a no-show; the start instrument is answered; the admin's page shows counts, not content:
the funnel, the next sessions, the answers counted and, a week on, the instrument overdue."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.programs import selectors
from trellis.programs.demo import FIRST_LINE, NO_SHOW_ONCE, STALLED
from trellis.programs.models import Program
from trellis.scheduling.models import Outcome, ScheduledSession, SessionSeries
from trellis.web import demo


def test_the_demo_runs_a_program_of_thirty_with_a_stall_a_no_show_and_answers(db, client, capsys):
    demo.seed()
    program = Program.objects.get(name=FIRST_LINE)
    rows = selectors.cohort_rows(program=program)
    assert len(rows) == 30
    funnel = selectors.funnel(rows)
    assert funnel["invited"] == 3 and funnel["ended"] == 1 and funnel["stalled"] >= 1
    stages = {row.enrolment.member.user.name: row.stage for row in rows}
    assert stages[STALLED] == "stalled"
    # every accepted person has their series, in their own time zone
    accepted = [r.enrolment for r in rows if r.stage not in ("invited", "ended")]
    series = SessionSeries.objects.filter(engagement__enrolment__program=program)
    assert series.count() == len(accepted) == 26
    for one in series.select_related("coachee__user"):
        assert one.timezone == one.coachee.user.time_zone
    assert ScheduledSession.objects.filter(
        series__engagement__enrolment__program=program,
        coachee__user__name=NO_SHOW_ONCE,
        outcome=Outcome.NO_SHOW_COACHEE,
    ).exists()
    statuses = selectors.instruments_of(program=program)
    assert statuses and any(s.answered > 0 for s in statuses)

    olga = Membership.objects.select_related("user").get(user__email="olga@northwind.example")
    client.force_login(olga.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/northwind/programs/{program.slug}/").content.decode()
    assert "Stalled" in page or "stalled" in page
    assert STALLED in page
    # next sessions and the instruments' answers, as counts
    (upcoming, *_) = selectors.next_sessions(program=program)
    assert f"{upcoming.coach.user} with {upcoming.coachee.user}" in page
    for status in statuses:
        assert f"{status.answered} of {status.asked}" in page
    assert "overdue" not in page  # sent today
    # a week and a day later the unanswered start instrument is overdue on the page
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        later = client.get(f"/o/northwind/programs/{program.slug}/").content.decode()
    assert "<strong>overdue</strong>" in later
