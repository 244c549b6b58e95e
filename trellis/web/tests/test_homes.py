"""Each person's home page: what it shows them, what it never shows them, and the next step."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine

from trellis.engagements import services as engagements
from trellis.engagements.tests import agreements
from trellis.goals.models import Action, CheckIn, Goal
from trellis.programs import services as program_services
from trellis.scheduling.models import CareerEvent, Outcome, ScheduledSession, SessionSeries

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)  # a Wednesday
OVERDUE_ACTION = "Draft the delegation plan"
DONE_ACTION = "Talk to the finance lead"
CHECK_IN_NOTE = "Halfway there, the team liked it"
PRIVATE_NOTE = "He hesitates when asked about budgets"
UNSHARED_NOTE = "Bob's own takeaway, not for Dana"
SHARED_NOTE = "Bob asks for the lead role by Friday"
EVENT_TITLE = "Interview at Globex"


def _session(w: Any, start: datetime, **fields: Any) -> ScheduledSession:
    series = SessionSeries.objects.create(
        org=w.org,
        engagement=w.engagement,
        coach=w.alice,
        coachee=w.bob,
        sponsor=w.dana,
        organizer=w.alice,
        timezone="UTC",
        starts_at=start,
        title="Rehearse the ask",
    )
    return ScheduledSession.objects.create(
        series=series,
        org=w.org,
        coach=w.alice,
        coachee=w.bob,
        original_start=start,
        start=start,
        end=start + timedelta(hours=1),
        **fields,
    )


@pytest.fixture
def day(world: Any) -> Any:
    return build_day(world)


def build_day(world: Any) -> Any:
    """Bob's coaching on a Wednesday: a session this afternoon, one on Friday, one held on
    Monday and a no-show last week; an overdue action, a done one, a check-in, notes, an event."""
    w: Any = world
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        w.coaching = engagements.coaching_session_create(
            actor=w.alice, engagement=w.engagement, framework_key="grow", topic="Asking"
        )
        engagements.session_note_create(
            actor=w.alice, session=w.coaching, text=PRIVATE_NOTE, visibility="private"
        )
    with time_machine.travel(NOW - timedelta(days=2), tick=False):
        # before Alice's last visit: not "new" to her
        engagements.session_note_create(actor=w.bob, session=w.coaching, text=UNSHARED_NOTE)
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        note = engagements.session_note_create(actor=w.bob, session=w.coaching, text=SHARED_NOTE)
        engagements.session_note_share_with_sponsor(actor=w.bob, note=note, shared=True)
    agreements.agree(w.engagement)
    w.goal = Goal.objects.create(
        org=w.org,
        owner=w.bob,
        engagement=w.engagement,
        title="Lead the Q1 launch",
        visibility=Goal.Visibility.SHARED,
        shared_with=w.dana,
    )
    w.overdue = Action.objects.create(
        goal=w.goal,
        owner=w.bob,
        what=OVERDUE_ACTION,
        due_date=date(2026, 11, 28),
        commitment=4,
        status=Action.Status.IN_PROGRESS,
    )
    Action.objects.create(
        goal=w.goal,
        owner=w.bob,
        what=DONE_ACTION,
        status=Action.Status.DONE,
        percent=100,
        updated_at=NOW - timedelta(days=3),
    )
    CheckIn.objects.create(
        action=w.overdue,
        by=w.bob,
        percent=50,
        note=CHECK_IN_NOTE,
        created_at=NOW - timedelta(hours=1),
    )
    w.today = _session(w, NOW + timedelta(hours=4))
    w.friday = _session(w, NOW + timedelta(days=2))
    w.held = _session(w, NOW - timedelta(days=1, hours=2), outcome=Outcome.HELD)
    w.no_show = _session(w, NOW - timedelta(days=6), outcome=Outcome.NO_SHOW_COACHEE)
    w.to_log = _session(w, NOW - timedelta(hours=3))
    CareerEvent.objects.create(
        org=w.org,
        coachee=w.bob,
        engagement=w.engagement,
        coach=w.alice,
        sponsor=w.dana,
        type=CareerEvent.Type.JOB_INTERVIEW,
        title=EVENT_TITLE,
        date=date(2026, 12, 8),
        logged_by=w.bob,
    )
    from trellis.web.models import HomeVisit

    HomeVisit.objects.create(member=w.alice, seen_at=NOW - timedelta(days=1))
    return w


def _home(client: Any) -> str:
    with time_machine.travel(NOW, tick=False):
        response = client.get("/o/acme/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_coach_their_day_who_needs_them_and_why(day, login):
    page = _home(login(day.alice))
    assert "Your coaching day" in page
    log = f"/o/acme/calendar/sessions/{day.to_log.uuid}/log/"
    assert f'href="{log}">Log your session' in page  # ended this morning, nobody logged it
    start = f"/o/acme/calendar/sessions/{day.today.uuid}/log/#start-heading"
    assert f'href="{start}">Start the session' in page
    assert "Later this week" in page and "Fri 4 Dec" in page
    assert "Bob Coachee" in page
    assert "1 overdue action" in page
    assert "Low commitment (4/10)" in page
    assert "Missed session on Thu 26 Nov" in page
    assert f"Coming up Tue 8 Dec: {EVENT_TITLE}" in page  # the coach may read the title
    assert "Your load this month" in page and "1.0</span> hours held" in page


def test_it_shows_the_coach_what_coachees_shared_since_the_last_visit_only(day, login):
    page = _home(login(day.alice))
    assert CHECK_IN_NOTE in page
    assert SHARED_NOTE in page
    assert UNSHARED_NOTE not in page  # written before her last visit
    assert PRIVATE_NOTE not in page  # her own private note is not "shared with her"
    assert "since your last visit" in page


def test_it_counts_all_that_was_shared_and_shows_the_latest(day, login):
    heading = "since your last visit (Tue 1 Dec, 10:00) · {}</h3>"
    assert heading.format(2) in _home(login(day.alice))  # a check-in and a shared note
    for n in range(9):  # more check-ins than the list shows
        CheckIn.objects.create(
            action=day.overdue,
            by=day.bob,
            note=f"Step {n} done",
            created_at=NOW - timedelta(minutes=n),
        )
    page = _home(login(day.alice))
    assert heading.format(11) in page
    assert all(f"Step {n} done" in page for n in range(8))
    assert "Step 8 done" not in page and CHECK_IN_NOTE not in page  # older than the latest eight


def test_it_gives_the_coachee_one_thing_to_do_now_by_the_rule(day, login):
    page = _home(login(day.bob))
    assert "The one thing to do now" in page
    # rule 2: the session that ended this morning comes before the overdue action
    assert "Note what you take away from your last session" in page
    day.to_log.outcome = Outcome.HELD
    day.to_log.save()
    page = _home(login(day.bob))
    assert f"Do it or re-plan it: {OVERDUE_ACTION}" in page
    assert f"/o/acme/actions/{day.overdue.uuid}/" in page


def test_it_shows_the_coachee_their_next_session_actions_due_and_wins(day, login):
    page = _home(login(day.bob))
    assert "Your next session" in page and "Wed 2 Dec, 14:00" in page
    assert OVERDUE_ACTION in page and "overdue since" in page
    assert f"Done: {DONE_ACTION}" in page
    assert "Your trends" in page


def test_it_shows_the_sponsor_attendance_and_shared_summaries_and_nothing_else(day, login):
    page = _home(login(day.dana))
    assert "Coaching you sponsor" in page
    assert "Held: 1" in page and "No-show (coachee): 1" in page
    assert "Lead the Q1 launch" in page  # the goal Bob shared with Dana by name
    assert SHARED_NOTE in page  # the note Bob shared with Dana by name
    for secret in (OVERDUE_ACTION, DONE_ACTION, CHECK_IN_NOTE, PRIVATE_NOTE, UNSHARED_NOTE):
        assert secret not in page
    assert EVENT_TITLE not in page
    assert "Rehearse the ask" not in page  # a session's title is content


def test_it_shows_the_sponsor_no_shared_summary_before_the_agreement_is_accepted(world, login):
    w = world
    Goal.objects.create(
        org=w.org,
        owner=w.bob,
        engagement=w.engagement,
        title="Lead the Q1 launch",
        visibility=Goal.Visibility.SHARED,
        shared_with=w.dana,
    )
    page = _home(login(w.dana))
    assert "Bob Coachee" in page
    assert "Lead the Q1 launch" not in page


def test_it_shows_the_admin_counts_and_the_program_funnel_never_content(day, login):
    with time_machine.travel(NOW, tick=False):
        made = program_services.program_create(
            actor=day.olga,
            template_key="executive-one-to-one",
            name="Leaders 2027",
            starts_on=NOW.date(),
            pool=[program_services.PoolPlace(day.alice, 5, "Former CFO.")],
        )
        program_services.program_enrol(actor=day.olga, program=made, members=[day.bob])
    page = _home(login(day.olga))
    assert "Your organization at a glance" in page
    assert "Leaders 2027" in page and "Invited" in page
    assert "<td>1</td>" in page  # one enrolled
    assert 'href="/o/acme/outcomes/"' in page  # the outcome dashboards
    assert f'href="/o/acme/outcomes/?program={made.slug}"' in page
    assert "sessions held this month" in page
    for secret in (OVERDUE_ACTION, CHECK_IN_NOTE, SHARED_NOTE, EVENT_TITLE, "Lead the Q1 launch"):
        assert secret not in page


def test_the_admin_counts_are_the_organization_s(day):
    from trellis.accounts.selectors import role_counts
    from trellis.web.selectors.home import admin_home

    home = admin_home(member=day.olga, now=NOW)
    assert home.engagements == {"total": 1, "proposed": 0, "active": 1, "paused": 0, "ended": 0}
    # this month, up to now: yesterday's held session and this morning's that nobody logged
    assert home.attendance == {"held": 1, "no_show": 0, "late_cancellation": 0, "to_log": 1}
    counts = role_counts(org=day.org)
    assert counts["total"] == 4 and counts["admin"] == 1 and counts["coach"] >= 1
    assert home.roles == counts
    assert admin_home(member=day.carol, now=NOW).engagements["total"] == 1  # Globex's own


def test_the_admin_counts_are_kept_a_minute_and_say_when_they_were_counted(day, login):
    from trellis.accounts.models import Membership

    client = login(day.olga)
    first = _home(client)
    assert "Counted at 10:00; the counts are kept for a minute." in first
    assert '<p class="stat">4</p>' in first  # four people
    Membership.objects.filter(pk=day.dana.pk).update(is_active=False)  # another admin's change

    def page(at: datetime, query: str = "") -> str:
        with time_machine.travel(at, tick=False):
            return client.get("/o/acme/" + query).content.decode()

    assert '<p class="stat">4</p>' in page(NOW + timedelta(seconds=30))  # as counted at 10:00
    recounted = page(NOW + timedelta(seconds=30), "?recount=1")  # the link counts again
    assert '<p class="stat">3</p>' in recounted and "Counted at 10:00" in recounted
    later = page(NOW + timedelta(minutes=2))  # a minute on, counted afresh
    assert '<p class="stat">3</p>' in later and "Counted at 10:02" in later


def test_the_digest_counts_afresh(day):
    from trellis.accounts.models import Membership
    from trellis.web.selectors.home import admin_home
    from trellis.web.services.digest import digest_context

    assert admin_home(member=day.olga, now=NOW).roles["total"] == 4  # kept for a minute
    Membership.objects.filter(pk=day.dana.pk).update(is_active=False)
    assert admin_home(member=day.olga, now=NOW).roles["total"] == 4
    context = digest_context(member=day.olga, period="2026-12-02", now=NOW)
    assert context["admin"].roles["total"] == 3  # type: ignore[attr-defined]


def test_it_shows_carol_nothing_of_acme(day, login):
    with time_machine.travel(NOW, tick=False):
        assert login(day.carol).get("/o/acme/").status_code == 404


@time_machine.travel(NOW - timedelta(days=3), tick=False)
def _pulses_that_drop(world: Any, team: Any) -> None:
    """A team pulse of Bob's engagement, before and after: everyone answers lower the second time."""
    from trellis.instruments import services as instruments
    from trellis.instruments.models import Administration
    from trellis.instruments.tests.helpers import full_answers

    before = instruments.administration_create(
        actor=world.olga, key="team-pulse", target="team", team=team, title="Pulse, start"
    )
    for index, respondent in enumerate(before.respondents.order_by("id")):
        answers = {**full_answers("team-pulse", 5), "cliques": 1, "hear-late": 1, "waste": 1}
        answers["energy"] = 3 + index % 3  # some spread, so the baseline has an SD and an alpha
        instruments.answers_submit(respondent=respondent, answers=answers)
    instruments.administration_close(actor=world.olga, administration=before)
    after = instruments.administration_create(
        actor=world.olga,
        key="team-pulse",
        target="team",
        team=team,
        baseline=before,
        title="Pulse, midpoint",
    )
    for respondent in after.respondents.order_by("id"):
        instruments.answers_submit(respondent=respondent, answers=full_answers("team-pulse", 2))
    instruments.administration_close(actor=world.olga, administration=after)
    # the team's pulse belongs to the coaching engagement (as a team engagement's pulse does)
    Administration.objects.filter(pk__in=[before.pk, after.pk]).update(engagement=world.engagement)


def test_it_tells_the_coach_when_an_aggregate_they_may_see_dropped(world, login):
    from trellis.instruments.tests.conftest import team as make_team

    team = make_team.__wrapped__(world)  # type: ignore[attr-defined]
    _pulses_that_drop(world, team)
    page = _home(login(world.alice))
    assert "Result dropped: Pulse, midpoint" in page
    assert (
        _home(login(world.dana)).count("Pulse, midpoint") == 0
    )  # the sponsor's home: no such list


def test_it_shows_times_on_the_person_s_own_clock(day, login):
    day.alice.user.time_zone = "Europe/Madrid"
    day.alice.user.save(update_fields=["time_zone"])
    page = _home(login(day.alice))
    assert "Wed 2 Dec, 15:00" in page  # the 14:00 UTC session, in Madrid
