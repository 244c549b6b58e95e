"""The coachee's home: the one thing to do now (a documented rule), the next session, actions due, wins, trends."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.dateformat import format as dformat
from django.utils.translation import gettext

from trellis.accounts.models import Membership
from trellis.engagements import selectors as engagement_selectors
from trellis.engagements.models import Engagement
from trellis.goals import selectors as goal_selectors
from trellis.goals.models import Action
from trellis.instruments.models import Administration, Respondent
from trellis.scheduling import selectors as scheduling_selectors
from trellis.scheduling.models import ScheduledSession
from trellis.web.selectors.home.common import (
    ROWS,
    WINS_WITHIN,
    SessionItem,
    _local_today,
    _not_logged,
    _session_item,
    _session_rows,
    _with_people,
    _zone,
)


@dataclass(frozen=True)
class NextStep:
    """The one thing to do now: what, why, and where."""

    text: str
    why: str
    url: str
    link_label: str


@dataclass(frozen=True)
class Win:
    text: str
    on: date


@dataclass
class CoacheeHome:
    next_session: SessionItem | None
    due: list[goal_selectors.ActionLine]
    due_total: int
    next_step: NextStep
    wins: list[Win]
    plan: goal_selectors.Plan
    proposals: list[Engagement] = field(default_factory=list)


def _first_step(
    member: Membership,
    *,
    plan: goal_selectors.Plan,
    proposals: list[Engagement],
    to_log: ScheduledSession | None,
    unanswered: Administration | None,
    next_session: ScheduledSession | None,
    now: datetime,
) -> NextStep:
    """The one thing to do now, by this rule (first match wins; docs/homes.md):

    1. an engagement waits for your answer (nothing starts without your say);
    2. a session of yours ended and nobody logged it: note what you take away while it is fresh;
    3. an action is overdue: do it, or change its date (most overdue first);
    4. a questionnaire waits for your answers;
    5. an action is due in the next two days: check in on it;
    6. a session starts within a day: prepare for it;
    7. you have no active goal: set one;
    8. otherwise: write a reflection.
    """
    slug = member.org.slug
    if proposals:
        e = proposals[0]
        return NextStep(
            gettext("Answer the coaching proposal from %(name)s")
            % {"name": e.coach.user.display_name},
            gettext("Nothing starts without your say."),
            reverse("engagements:detail", args=[slug, e.uuid]),
            gettext("Read and answer"),
        )
    if to_log is not None:
        return NextStep(
            gettext("Note what you take away from your last session"),
            gettext("It ended %(when)s; a few lines while it is fresh.")
            % {"when": dformat(to_log.end.astimezone(_zone(member)), "D j M, H:i")},
            reverse("scheduling:session_log", args=[slug, to_log.uuid]),
            gettext("Log your session"),
        )
    if plan.overdue:
        line = min(plan.overdue, key=lambda a: a.sort_key)
        return NextStep(
            gettext("Do it or re-plan it: %(what)s") % {"what": line.action.what},
            gettext("It was due %(when)s.") % {"when": dformat(line.action.due_date, "D j M")},  # type: ignore[arg-type]
            reverse("goals:action_detail", args=[slug, line.action.uuid]),
            gettext("Open the action"),
        )
    if unanswered is not None:
        return NextStep(
            gettext("Answer the questionnaire: %(title)s") % {"title": unanswered.title},
            gettext("Your answers show what changes; they stay yours."),
            reverse("instruments:administration", args=[slug, unanswered.uuid]),
            gettext("Answer it"),
        )
    if plan.due_soon:
        line = min(plan.due_soon, key=lambda a: a.sort_key)
        return NextStep(
            gettext("Check in on: %(what)s") % {"what": line.action.what},
            gettext("It is due %(when)s.") % {"when": dformat(line.action.due_date, "D j M")},  # type: ignore[arg-type]
            reverse("goals:check_in", args=[slug, line.action.uuid]),
            gettext("Check in"),
        )
    if next_session is not None and next_session.start - now <= timedelta(days=1):
        return NextStep(
            gettext("Prepare for your next session"),
            gettext("What do you want from it? Look over your plan first."),
            reverse("goals:my_plan", args=[slug]),
            gettext("Open your plan"),
        )
    if not plan.active_goals:
        return NextStep(
            gettext("Set your first goal"),
            gettext("A goal turns the coaching into steps you can see."),
            reverse("goals:goal_new", args=[slug]),
            gettext("Set a goal"),
        )
    return NextStep(
        gettext("Write a short reflection"),
        gettext("What went well this week, and what did you learn?"),
        reverse("insights:reflect", args=[slug]),
        gettext("Reflect"),
    )


def _wins(member: Membership, plan: goal_selectors.Plan, now: datetime) -> list[Win]:
    done = (
        Action.objects.filter(
            owner=member, status=Action.Status.DONE, updated_at__gte=now - WINS_WITHIN
        )
        .order_by("-updated_at", "-id")
        .values_list("what", "updated_at")[:ROWS]
    )
    zone = _zone(member)
    wins = [
        Win(gettext("Done: %(what)s") % {"what": what}, at.astimezone(zone).date())
        for what, at in done
    ]
    if len(plan.trend) >= 2 and plan.trend[-1].t_score > plan.trend[-2].t_score:
        before, after = plan.trend[-2], plan.trend[-1]
        wins.insert(
            0,
            Win(
                gettext("Your goal attainment rose from a T-score of %(before)s to %(after)s")
                % {"before": f"{before.t_score:.0f}", "after": f"{after.t_score:.0f}"},
                after.on,
            ),
        )
    return wins[:ROWS]


def _people_of(plan: goal_selectors.Plan) -> list[Membership]:
    """The people a plan names (its coaches, its actions' owners and partners), already read."""
    found: list[Membership] = []
    for line in plan.goals:
        if line.goal.engagement is not None:
            found.append(line.goal.engagement.coach)
        for a in line.actions:
            found.append(a.action.owner)
            if a.action.accountability_partner is not None:
                found.append(a.action.accountability_partner)
    return found


def coachee_home(*, member: Membership, now: datetime) -> CoacheeHome:
    today = _local_today(member, now)
    plan = goal_selectors.plan_build(coachee=member, today=today, whole=True, now=now)
    # the people the plan read: the sessions' and proposals' people are looked up here first
    named = _people_of(plan)
    upcoming_rows = _session_rows(
        "coachee's next session", _next, member_id=member.pk, now=now, until=now + UPCOMING
    )
    to_log_rows = _session_rows(
        "coachee's session to log", _to_log, member_id=member.pk, since=now - TO_LOG, now=now
    )
    # the coach of a session is, most often, the coach the plan already named
    _with_people(member, upcoming_rows, to_log_rows, known=named)
    upcoming = upcoming_rows[0] if upcoming_rows else None
    to_log = to_log_rows[0] if to_log_rows else None
    unanswered_row = (
        Respondent.objects.filter(
            member=member,
            answered_at__isnull=True,
            administration__status=Administration.Status.OPEN,
        )
        .select_related("administration")
        .order_by("-administration__created_at", "-id")
        .first()
    )
    proposals = engagement_selectors.proposals_for(member=member, known=named)[:1]
    due = [a for a in plan.actions if a.overdue or a.due_soon]
    return CoacheeHome(
        next_session=_session_item(upcoming, member, now) if upcoming else None,
        due=due[:ROWS],
        due_total=len(due),
        next_step=_first_step(
            member,
            plan=plan,
            proposals=proposals,
            to_log=to_log,
            unanswered=unanswered_row.administration if unanswered_row else None,
            next_session=upcoming,
            now=now,
        ),
        wins=_wins(member, plan, now),
        plan=plan,
        proposals=proposals,
    )


UPCOMING = timedelta(days=60)  # the next session is looked for this far ahead
TO_LOG = timedelta(days=7)  # a session nobody logged is offered for this long


def _next(member: Membership, now: datetime, until: datetime) -> QuerySet[ScheduledSession]:
    found = scheduling_selectors.occurrences_as_coachee(member=member, start=now, end=until)
    return found.filter(status=ScheduledSession.Status.SCHEDULED, start__gte=now).order_by(
        "start", "id"
    )[:1]


def _to_log(member: Membership, since: datetime, now: datetime) -> QuerySet[ScheduledSession]:
    found = scheduling_selectors.occurrences_as_coachee(member=member, start=since, end=now)
    return _not_logged(found, now).order_by("-end", "-id")[:1]
