"""Reads for goals: a coachee's plan (tree, actions by urgency, progress, GAS trend), the coach's
list sorted by attention, histories, and the lookups the pages and the API need."""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Literal
from uuid import UUID

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.core.goals import (
    ActionProgress,
    ActionStatus,
    Attention,
    DueState,
    GasReview,
    TrendPoint,
    due_state,
    gas_trend,
    goal_progress,
    is_stalled,
    plan_sort_key,
    slipped_days,
    trend_direction,
)
from trellis.engagements.models import GRANTING_STATUSES, Engagement
from trellis.goals.models import (
    Action,
    CheckIn,
    Goal,
    GoalScore,
    GoalVersion,
    Review,
    Revision,
    StakeholderFeedback,
)

OPEN = (Action.Status.PLANNED, Action.Status.IN_PROGRESS)


# lookups, always within the caller's organization (the policy decides the rest)


def goal_get(*, member: Membership, uuid: UUID | str) -> Goal | None:
    return (
        Goal.objects.filter(org=member.org, uuid=uuid)
        .select_related("owner__user", "engagement", "parent", "team")
        .first()
    )


def action_get(*, member: Membership, uuid: UUID | str) -> Action | None:
    return (
        Action.objects.filter(goal__org=member.org, uuid=uuid)
        .select_related("goal__engagement", "goal__owner__user", "owner__user")
        .select_related("accountability_partner__user")
        .first()
    )


def review_get(*, member: Membership, uuid: UUID | str) -> Review | None:
    return (
        Review.objects.filter(org=member.org, uuid=uuid)
        .select_related("coachee__user", "engagement", "by__user")
        .prefetch_related("scores__goal")
        .first()
    )


def engagement_get(*, member: Membership, uuid: UUID | str) -> Engagement | None:
    return (
        Engagement.objects.filter(org=member.org, uuid=uuid)
        .select_related("coach__user", "coachee__user", "sponsor__user")
        .first()
    )


def member_get(*, member: Membership, uuid: UUID | str) -> Membership | None:
    return (
        Membership.objects.filter(org=member.org, uuid=uuid, is_active=True)
        .select_related("user")
        .first()
    )


def goals_visible_to(*, member: Membership) -> QuerySet[Goal]:
    """Goals the member may read in full: their own, their coachees' in their engagements, and
    the organization's and teams' goals."""
    person = Q(level=Goal.Level.PERSON)
    return (
        Goal.objects.filter(org=member.org)
        .filter((person & (Q(owner=member) | Q(engagement__coach=member))) | ~person)
        .select_related("owner__user", "engagement", "parent", "team")
        .prefetch_related("actions")
        .order_by("created_at", "id")
    )


def reviews_visible_to(*, member: Membership) -> QuerySet[Review]:
    return (
        Review.objects.filter(org=member.org)
        .filter(Q(coachee=member) | Q(engagement__coach=member))
        .select_related("coachee__user", "engagement", "by__user")
        .prefetch_related("scores__goal")
        .order_by("reviewed_on", "created_at")
    )


def aligned_goals(*, member: Membership) -> QuerySet[Goal]:
    """The organization's and teams' goals: what person goals can sit under."""
    return (
        Goal.objects.filter(org=member.org, status=Goal.Status.ACTIVE)
        .exclude(level=Goal.Level.PERSON)
        .select_related("team", "parent")
        .order_by("-level", "title")
    )


def partner_actions(*, member: Membership) -> QuerySet[Action]:
    """Actions where the member is the accountability partner (or owner of someone else's goal)."""
    return (
        Action.objects.filter(goal__org=member.org, status__in=OPEN)
        .filter(Q(accountability_partner=member) | Q(owner=member) & ~Q(goal__owner=member))
        .select_related("goal__owner__user", "owner__user")
        .order_by("due_date")
    )


def members_for_partner(*, member: Membership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(org=member.org, is_active=True)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def engagements_of_coachee(*, coachee: Membership) -> QuerySet[Engagement]:
    return (  # a proposed or declined engagement has no plan (it grants nothing)
        Engagement.objects.filter(coachee=coachee, status__in=GRANTING_STATUSES).select_related(
            "coach__user"
        )
    )


def actions_overdue(*, org_id: int, today: date) -> QuerySet[Action]:
    """Open actions past their due date, for reminders and event-driven sessions elsewhere."""
    return Action.objects.filter(
        goal__org_id=org_id,
        goal__status=Goal.Status.ACTIVE,
        status__in=OPEN,
        due_date__lt=today,
    ).select_related("goal__owner__user", "goal__engagement", "owner__user")


def actions_due_for(*, member: Membership) -> QuerySet[Action]:
    """Open actions with a due date that the member owns or that are on their plan (calendars).

    Their goals' ids are read first: `owner OR goal IN (...)` lets the database use an index
    for each side, where `owner OR goal__owner` scanned every action. A membership belongs to
    one organization, so both sides are in the member's."""
    own_goals = list(Goal.objects.filter(owner=member).values_list("pk", flat=True))
    return (
        Action.objects.filter(status__in=OPEN, due_date__isnull=False)
        .filter(Q(owner=member) | Q(goal_id__in=own_goals))
        .select_related("goal")
    )


# the plan


@dataclass
class ActionLine:
    action: Action
    state: DueState
    slipped_days: int
    last_check_in: CheckIn | None
    sort_key: tuple[int, date]

    @property
    def overdue(self) -> bool:
        return self.state == DueState.OVERDUE

    @property
    def due_soon(self) -> bool:
        return self.state == DueState.DUE_SOON


@dataclass
class GoalLine:
    goal: Goal
    in_plan: bool
    progress: float | None = None
    actions: list[ActionLine] = field(default_factory=list)
    last_score: int | None = None
    children: list["GoalLine"] = field(default_factory=list)
    aligned_count: int = 0  # person goals under an organization or team goal


@dataclass
class Plan:
    coachee: Membership
    engagement: Engagement | None
    goals: list[GoalLine]
    tree: list[GoalLine]
    actions: list[ActionLine]
    trend: list[TrendPoint]
    progress_points: list[tuple[date, float]]
    attention: Attention
    today: date

    @property
    def active_goals(self) -> list[GoalLine]:
        return [g for g in self.goals if g.goal.status == Goal.Status.ACTIVE]

    @property
    def closed_goals(self) -> list[GoalLine]:
        return [g for g in self.goals if g.goal.status != Goal.Status.ACTIVE]

    @property
    def t_score(self) -> float | None:
        return self.trend[-1].t_score if self.trend else None

    @property
    def direction(self) -> Literal["up", "down", "flat"] | None:
        return trend_direction(self.trend)

    @property
    def progress(self) -> float | None:
        """Progress of the active goals, weighted by each goal's weight."""
        counted = [(g.goal.weight, g.progress) for g in self.active_goals if g.progress is not None]
        total = sum(w for w, _ in counted)
        return sum(w * p for w, p in counted) / total if total else None

    @property
    def overdue(self) -> list[ActionLine]:
        return [a for a in self.actions if a.overdue]

    @property
    def due_soon(self) -> list[ActionLine]:
        return [a for a in self.actions if a.due_soon]


def action_line(action: Action, today: date) -> ActionLine:
    status = ActionStatus(action.status)
    history = [date.fromisoformat(d) for d in action.due_history]
    check_ins = list(action.check_ins.all())  # prefetched, newest first
    return ActionLine(
        action=action,
        state=due_state(action.due_date, today=today, status=status),
        slipped_days=slipped_days(history),
        last_check_in=check_ins[0] if check_ins else None,
        sort_key=plan_sort_key(action.due_date, today=today, status=status),
    )


def _progress(actions: Iterable[Action]) -> float | None:
    return goal_progress(
        ActionProgress(weight=a.weight, percent=a.percent, status=ActionStatus(a.status))
        for a in actions
    )


def _plan_goals(coachee: Membership, engagement: Engagement | None, whole: bool) -> QuerySet[Goal]:
    goals = Goal.objects.filter(owner=coachee, level=Goal.Level.PERSON)
    if not whole:
        goals = goals.filter(engagement=engagement)
    actions = Action.objects.select_related("owner__user", "accountability_partner__user")
    return (
        goals.select_related("engagement__coach__user", "parent")
        .prefetch_related(Prefetch("actions", queryset=actions.prefetch_related("check_ins")))
        .order_by(F("due_date").asc(nulls_last=True), "created_at", "id")
    )


def _reviews(coachee: Membership, engagement: Engagement | None, whole: bool) -> QuerySet[Review]:
    reviews = Review.objects.filter(coachee=coachee)
    if not whole:
        reviews = reviews.filter(engagement=engagement)
    return reviews.prefetch_related("scores__goal")


def gas_points(reviews: Iterable[Review]) -> list[TrendPoint]:
    """The T-score at each review date (reviews on the same day count together)."""
    by_day: dict[date, dict[str, int]] = defaultdict(dict)
    weights: dict[str, float] = {}
    for review in reviews:
        for score in review.scores.all():
            if score.score is not None:
                by_day[review.reviewed_on][str(score.goal.uuid)] = score.score
                weights[str(score.goal.uuid)] = score.weight
    return gas_trend(
        [GasReview(reviewed_on=day, scores=scores) for day, scores in by_day.items()], weights
    )


def progress_points(goals: Sequence[Goal], limit: int = 40) -> list[tuple[date, float]]:
    """Plan progress after each day with a check-in, replaying the check-ins in order."""
    actions = [a for g in goals if g.status != Goal.Status.DROPPED for a in g.actions.all()]
    events = sorted(
        ((c.created_at, c, a) for a in actions for c in a.check_ins.all()),
        key=lambda item: (item[0], item[1].pk),
    )
    if not events:
        return []
    percent: dict[int, float] = {}
    done: set[int] = set()
    points: dict[date, float] = {}
    for moment, check_in, action in events:
        if check_in.percent is not None:
            percent[action.pk] = check_in.percent
        if check_in.done:
            done.add(action.pk)
        day = moment.date()
        by_goal: dict[int, list[ActionProgress]] = defaultdict(list)
        for a in actions:
            if a.created_at.date() > day or a.status == Action.Status.DROPPED:
                continue
            status = ActionStatus.DONE if a.pk in done else ActionStatus.IN_PROGRESS
            by_goal[a.goal_id].append(
                ActionProgress(weight=a.weight, percent=percent.get(a.pk, 0.0), status=status)
            )
        weights = {g.pk: g.weight for g in goals}
        measured = [(weights[gid], goal_progress(items)) for gid, items in by_goal.items()]
        counted = [(w, p) for w, p in measured if p is not None]
        total = sum(w for w, _ in counted)
        if total:
            points[day] = sum(w * p for w, p in counted) / total
    return sorted(points.items())[-limit:]


def tree_of(lines: list[GoalLine]) -> list[GoalLine]:
    """Plan goals under their organization and team goals (shown for context), roots first."""
    nodes: dict[int, GoalLine] = {line.goal.pk: line for line in lines}
    roots: list[GoalLine] = []
    for line in lines:
        child, parent = line, line.goal.parent
        while parent is not None:
            known = parent.pk in nodes
            node = nodes.setdefault(parent.pk, GoalLine(goal=parent, in_plan=False))
            if child not in node.children:
                node.children.append(child)
            if known:
                break
            child, parent = node, parent.parent
        else:
            if child not in roots:
                roots.append(child)
    return roots


def session_times(engagement: Engagement, *, now: datetime) -> list[datetime]:
    """When the engagement's sessions took place: coaching sessions when they finished, and
    calendar sessions recorded as held (attendance: a no-show, a cancellation or a session nobody
    logged is not activity). A session opened but not yet held is not activity either."""
    # imported here: the engagements and scheduling apps read the goals app's selectors too
    from trellis.engagements.selectors import sessions_of_engagement
    from trellis.scheduling.selectors import held_times

    held = [s.finished_at for s in sessions_of_engagement(engagement=engagement) if s.finished_at]
    held += held_times(engagement=engagement, since=_started(engagement), now=now)
    return held


def _started(engagement: Engagement) -> datetime:
    return datetime.combine(engagement.started_on, time.min, tzinfo=UTC)


def engagement_stalled(
    engagement: Engagement,
    *,
    check_ins: Iterable[datetime],
    sessions: Iterable[datetime],
    reviews: Iterable[date] = (),
    now: datetime | None = None,
) -> bool:
    """No session and no check-in for STALLED_AFTER_DAYS days (reviews count as sessions)."""
    if engagement.status != Engagement.Status.ACTIVE:
        return False
    review_times = [datetime.combine(d, time(12), tzinfo=UTC) for d in reviews]
    return is_stalled(
        started=_started(engagement),
        now=now or timezone.now(),
        days=settings.STALLED_AFTER_DAYS,
        sessions=[*sessions, *review_times],
        check_ins=check_ins,
    )


def plan_build(
    *,
    coachee: Membership,
    today: date,
    engagement: Engagement | None = None,
    whole: bool = False,
    now: datetime | None = None,
) -> Plan:
    """A coachee's plan: one engagement's goals, their own goals (engagement None), or all (whole)."""
    goals = _share_engagements(list(_plan_goals(coachee, engagement, whole)), engagement)
    reviews = list(_reviews(coachee, engagement, whole))
    stalled = False
    if engagement is not None and not whole:
        stalled = engagement_stalled(
            engagement,
            check_ins=[
                c.created_at for g in goals for a in g.actions.all() for c in a.check_ins.all()
            ],
            sessions=session_times(engagement, now=now or timezone.now()),
            reviews=[r.reviewed_on for r in reviews],
            now=now,
        )
    return _assemble(coachee, engagement, goals, reviews, stalled=stalled, today=today)


def _share_engagements(goals: list[Goal], engagement: Engagement | None) -> list[Goal]:
    """One Engagement object per engagement, so that what the access policy reads of it (its
    participants) is read once per engagement, not once per goal."""
    shared: dict[int, Engagement] = {engagement.pk: engagement} if engagement is not None else {}
    for goal in goals:
        if goal.engagement_id is not None:
            goal.engagement = shared.setdefault(goal.engagement_id, goal.engagement)  # type: ignore[arg-type]
    return goals


def _assemble(
    coachee: Membership,
    engagement: Engagement | None,
    goals: list[Goal],
    reviews: list[Review],
    *,
    stalled: bool,
    today: date,
    summary: bool = False,
) -> Plan:
    """The plan from its goals (actions and check-ins prefetched) and reviews (scores prefetched).
    A `summary` (a row of the coach's list) leaves out the goal tree and the progress history."""
    last_scores: dict[int, int] = {}
    for review in reviews:
        for score in review.scores.all():
            if score.score is not None:
                last_scores[score.goal_id] = score.score
    lines = []
    for goal in goals:
        actions = [action_line(a, today) for a in goal.actions.all()]
        actions.sort(key=lambda line: line.sort_key)
        lines.append(
            GoalLine(
                goal=goal,
                in_plan=True,
                progress=_progress(goal.actions.all()),
                actions=actions,
                last_score=last_scores.get(goal.pk),
            )
        )
    active = [line for line in lines if line.goal.status == Goal.Status.ACTIVE]
    open_actions = sorted(
        (a for line in active for a in line.actions if a.action.is_open),
        key=lambda line: line.sort_key,
    )
    commitments = [a.action.commitment for a in open_actions if a.action.commitment is not None]
    return Plan(
        coachee=coachee,
        engagement=engagement,
        goals=lines,
        tree=[] if summary else tree_of(active),
        actions=open_actions,
        trend=gas_points(reviews),
        progress_points=[] if summary else progress_points(goals),
        attention=Attention(
            overdue=sum(1 for a in open_actions if a.overdue),
            stalled=stalled,
            lowest_commitment=min(commitments) if commitments else None,
        ),
        today=today,
    )


def actions_of(*, goal: Goal) -> QuerySet[Action]:
    return goal.actions.select_related(
        "owner__user", "accountability_partner__user"
    ).prefetch_related("check_ins")


def goal_progress_of(*, goal: Goal) -> float | None:
    return _progress(goal.actions.all())


def goals_to_review(*, coachee: Membership, engagement: Engagement | None) -> QuerySet[Goal]:
    """The active goals of one plan, with their actions, in plan order."""
    return _plan_goals(coachee, engagement, whole=False).filter(status=Goal.Status.ACTIVE)


def person_goal_counts(*, parents: Sequence[Goal]) -> dict[int, int]:
    """How many person goals sit under each organization or team goal (counts, never titles)."""
    rows = (
        Goal.objects.filter(parent__in=parents, level=Goal.Level.PERSON)
        .values("parent_id")
        .annotate(n=Count("id"))
    )
    return {row["parent_id"]: row["n"] for row in rows}


def plan_rows(plan: Plan) -> list[dict[str, object]]:
    """The plan as rows for a CSV file: each goal, then its actions."""
    rows: list[dict[str, object]] = []
    for line in plan.goals:
        goal = line.goal
        rows.append(
            {
                "kind": "goal",
                "goal": goal.title,
                "action": "",
                "owner": goal.owner.user.display_name if goal.owner else "",
                "status": goal.status,
                "due_date": goal.due_date.isoformat() if goal.due_date else "",
                "due_state": "",
                "slipped_days": "",
                "progress_percent": "" if line.progress is None else round(line.progress),
                "commitment": "",
                "weight": goal.weight,
                "gas_last_score": "" if line.last_score is None else line.last_score,
                "last_check_in": "",
            }
        )
        for a in line.actions:
            action = a.action
            rows.append(
                {
                    "kind": "action",
                    "goal": goal.title,
                    "action": action.what,
                    "owner": action.owner.user.display_name,
                    "status": action.status,
                    "due_date": action.due_date.isoformat() if action.due_date else "",
                    "due_state": a.state.value,
                    "slipped_days": a.slipped_days,
                    "progress_percent": action.percent,
                    "commitment": action.commitment or "",
                    "weight": action.weight,
                    "gas_last_score": "",
                    "last_check_in": a.last_check_in.created_at.isoformat()
                    if a.last_check_in
                    else "",
                }
            )
    return rows


# the coach's, sponsor's and admin's list


@dataclass
class PlanRow:
    engagement: Engagement
    plan: Plan


@dataclass
class CountRow:
    engagement: Engagement
    goals: int
    open_actions: int
    check_ins: int
    reviews: int


@dataclass
class SponsorRow:
    engagement: Engagement
    shared_goals: int


@dataclass
class PlansPage:
    """One page of each list the member has: rows of the current page, and the pages."""

    coaching: list[PlanRow]
    sponsoring: list[SponsorRow]
    counts: list[CountRow]
    coaching_page: Page | None = None
    sponsoring_page: Page | None = None
    counts_page: Page | None = None


PLANS_PER_PAGE = 25
ATTENTION_FILTERS = ("needs", "ok")


def plans_for(
    *,
    member: Membership,
    today: date,
    now: datetime | None = None,
    pages: dict[str, str | None] | None = None,
    status: str = "",
    attention: str = "",
    per_page: int = PLANS_PER_PAGE,
) -> PlansPage:
    """Coach: their coachees' plans, most in need of attention first. Sponsor: the plans they
    sponsor, with how many goals each coachee shares. Admin: counts only. Each list is one page
    (`pages` maps "coaching", "sponsoring" and "counts" to the page asked for), filtered by the
    engagement's status and, for the coach, by attention ("needs" or "ok"); a constant number of
    queries whatever the number of engagements."""
    pages = pages or {}
    now = now or timezone.now()
    engagements = Engagement.objects.filter(org=member.org, status__in=GRANTING_STATUSES)
    if status in (Engagement.Status.ACTIVE, Engagement.Status.PAUSED):
        engagements = engagements.filter(status=status)
    engagements = engagements.select_related("coach__user", "coachee__user", "sponsor__user")
    result = PlansPage(coaching=[], sponsoring=[], counts=[])
    if member.is_coach:
        mine = list(engagements.filter(coach=member))
        attention_of = attention_by_engagement(mine, today=today, now=now)
        if attention in ATTENTION_FILTERS:
            wanted = attention == "needs"
            mine = [e for e in mine if attention_of[e.pk].needs_attention == wanted]
        mine.sort(key=lambda e: (attention_of[e.pk].sort_key(), e.coachee.user.name))
        result.coaching_page = Paginator(mine, per_page).get_page(pages.get("coaching"))
        shown = list(result.coaching_page.object_list)
        stalled = {e.pk: attention_of[e.pk].stalled for e in shown}
        plans = plans_of_engagements(shown, today=today, stalled=stalled)
        result.coaching = [PlanRow(e, plans[e.pk]) for e in shown]
    shared = Count(
        "goals",
        filter=Q(
            goals__visibility=Goal.Visibility.SHARED,
            goals__shared_with=member,  # shared with this sponsor by name, not an earlier one
            goals__level=Goal.Level.PERSON,
            goals__owner=F("coachee"),
        ),
    )
    sponsored = (
        engagements.filter(sponsor=member)
        .annotate(n_shared=shared)
        .order_by("coachee__user__name", "id")
    )
    result.sponsoring_page = Paginator(sponsored, per_page).get_page(pages.get("sponsoring"))
    result.sponsoring = [
        SponsorRow(e, e.n_shared)  # type: ignore[attr-defined]
        for e in result.sponsoring_page
    ]
    if member.is_admin:
        result.counts_page = Paginator(
            engagements.order_by("-started_on", "-id"), per_page
        ).get_page(pages.get("counts"))
        result.counts = count_rows(list(result.counts_page.object_list))
    return result


def count_rows(engagements: list[Engagement]) -> list[CountRow]:
    """Goals, open actions, check-ins and reviews of each engagement (numbers, never content)."""
    ids = [e.pk for e in engagements]
    goals = dict(
        Goal.objects.filter(engagement__in=ids).values_list("engagement_id").annotate(n=Count("id"))
    )
    open_actions = dict(
        Action.objects.filter(goal__engagement__in=ids, status__in=OPEN)
        .values_list("goal__engagement_id")
        .annotate(n=Count("id"))
    )
    check_ins = dict(
        CheckIn.objects.filter(action__goal__engagement__in=ids)
        .values_list("action__goal__engagement_id")
        .annotate(n=Count("id"))
    )
    reviews = dict(
        Review.objects.filter(engagement__in=ids)
        .values_list("engagement_id")
        .annotate(n=Count("id"))
    )
    return [
        CountRow(
            e,
            goals.get(e.pk, 0),
            open_actions.get(e.pk, 0),
            check_ins.get(e.pk, 0),
            reviews.get(e.pk, 0),
        )
        for e in engagements
    ]


def attention_by_engagement(
    engagements: Sequence[Engagement], *, today: date, now: datetime
) -> dict[int, Attention]:
    """What `plan_build` says of each engagement's attention, read with aggregates: overdue
    actions and the lowest commitment of the open actions of active goals, and whether nothing
    (session held, check-in, review) happened for STALLED_AFTER_DAYS days."""
    from trellis.engagements.models import CoachingSession
    from trellis.scheduling.selectors import last_held_by_engagement

    ids = [e.pk for e in engagements]
    in_plan = Q(
        goal__engagement__in=ids,
        goal__level=Goal.Level.PERSON,
        goal__owner=F("goal__engagement__coachee"),
    )
    open_rows = {
        row["goal__engagement_id"]: row
        for row in Action.objects.filter(in_plan, goal__status=Goal.Status.ACTIVE, status__in=OPEN)
        .values("goal__engagement_id")
        .annotate(overdue=Count("id", filter=Q(due_date__lt=today)), lowest=Min("commitment"))
    }
    last_check_in = dict(
        CheckIn.objects.filter(
            action__goal__engagement__in=ids,
            action__goal__level=Goal.Level.PERSON,
            action__goal__owner=F("action__goal__engagement__coachee"),
        )
        .values_list("action__goal__engagement_id")
        .annotate(last=Max("created_at"))
    )
    last_session = dict(
        CoachingSession.objects.filter(engagement__in=ids, finished_at__isnull=False)
        .values_list("engagement_id")
        .annotate(last=Max("finished_at"))
    )
    last_held = last_held_by_engagement(engagement_ids=ids, now=now)
    last_review = dict(
        Review.objects.filter(engagement__in=ids, coachee=F("engagement__coachee"))
        .values_list("engagement_id")
        .annotate(last=Max("reviewed_on"))
    )
    found = {}
    for e in engagements:
        row: Mapping[str, Any] = open_rows.get(e.pk, {})
        sessions = [t for t in (last_session.get(e.pk), last_held.get(e.pk)) if t is not None]
        stalled = engagement_stalled(
            e,
            check_ins=[last_check_in[e.pk]] if e.pk in last_check_in else [],
            sessions=sessions,
            reviews=[last_review[e.pk]] if e.pk in last_review else [],
            now=now,
        )
        found[e.pk] = Attention(
            overdue=row.get("overdue") or 0, stalled=stalled, lowest_commitment=row.get("lowest")
        )
    return found


def plans_of_engagements(
    engagements: Sequence[Engagement], *, today: date, stalled: dict[int, bool]
) -> dict[int, Plan]:
    """The plans of several engagements in a constant number of queries (for a page of rows)."""
    goals = (
        Goal.objects.filter(
            engagement__in=[e.pk for e in engagements],
            level=Goal.Level.PERSON,
            owner=F("engagement__coachee"),
        )
        .prefetch_related("actions__check_ins")
        .order_by(F("due_date").asc(nulls_last=True), "created_at", "id")
    )
    reviews = Review.objects.filter(
        engagement__in=[e.pk for e in engagements], coachee=F("engagement__coachee")
    ).prefetch_related("scores__goal")
    goals_of: dict[int, list[Goal]] = defaultdict(list)
    for goal in goals:
        goals_of[goal.engagement_id].append(goal)  # type: ignore[index]
    reviews_of: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        reviews_of[review.engagement_id].append(review)  # type: ignore[index]
    return {
        e.pk: _assemble(
            e.coachee,
            e,
            goals_of[e.pk],
            reviews_of[e.pk],
            stalled=stalled.get(e.pk, False),
            today=today,
            summary=True,
        )
        for e in engagements
    }


def sponsor_plan(*, engagement: Engagement, today: date) -> Plan:
    """The summary a sponsor sees: only the goals the coachee shared with this sponsor (by name,
    so a new sponsor does not inherit what was shared with the one before); no actions, no scores."""
    plan = plan_build(coachee=engagement.coachee, engagement=engagement, today=today)
    shared = [
        GoalLine(goal=line.goal, in_plan=True, progress=line.progress)
        for line in plan.goals
        if line.goal.visibility == Goal.Visibility.SHARED
        and line.goal.shared_with_id is not None
        and line.goal.shared_with_id == engagement.sponsor_id
    ]
    return Plan(
        coachee=plan.coachee,
        engagement=engagement,
        goals=shared,
        tree=[line for line in shared if line.goal.status == Goal.Status.ACTIVE],
        actions=[],
        trend=[],
        progress_points=[],
        attention=Attention(),
        today=today,
    )


# history


@dataclass
class History:
    revisions: list[Revision]
    versions: list[GoalVersion]
    feedback: list[StakeholderFeedback]
    scores: list[GoalScore]


def goal_history(*, goal: Goal) -> History:
    """Every change to a goal and its actions, oldest first, with old wordings and feedback."""
    return History(
        revisions=list(
            goal.revisions.select_related("actor__user", "action", "review").order_by("at", "id")
        ),
        versions=list(goal.versions.select_related("replaced_by__user")),
        feedback=list(goal.feedback.select_related("by__user")),
        scores=list(goal.scores.select_related("review").order_by("review__reviewed_on")),
    )


def action_history(*, action: Action) -> list[Revision]:
    return list(action.revisions.select_related("actor__user", "review").order_by("at", "id"))


def check_ins_of(*, action: Action) -> QuerySet[CheckIn]:
    return action.check_ins.select_related("by__user")


def reviews_of(
    *, coachee: Membership, engagement: Engagement | None, whole: bool = False
) -> list[Review]:
    return list(_reviews(coachee, engagement, whole).select_related("by__user").reverse())
