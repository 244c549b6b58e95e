"""A coachee's plan: the goal tree, actions by urgency, progress, the GAS trend, attention."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Literal

from django.conf import settings
from django.db.models import Count, F, Prefetch, QuerySet
from django.utils import timezone

from trellis.accounts import selectors as accounts_selectors
from trellis.accounts.kept_sql import kept_rows
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
from trellis.engagements.models import Engagement
from trellis.goals.models import (
    ACTION_ROWS,
    CHECK_IN_ROWS,
    SCORE_ROWS,
    Action,
    CheckIn,
    Goal,
    Review,
)


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


def action_line(action: Action, today: date, *, check_ins: bool = True) -> ActionLine:
    """An action as a plan shows it; `check_ins=False` (a row of a list of plans, whose actions
    were read without their check-ins) leaves `last_check_in` empty."""
    status = ActionStatus(action.status)
    history = [date.fromisoformat(d) for d in action.due_history]
    last = action.check_in_rows()[:1] if check_ins else []  # prefetched, newest first
    return ActionLine(
        action=action,
        state=due_state(action.due_date, today=today, status=status),
        slipped_days=slipped_days(history),
        last_check_in=last[0] if last else None,
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
    # their people are read apart, once for the plan (with_plan_people)
    actions = Action.objects.prefetch_related(Prefetch("check_ins", to_attr=CHECK_IN_ROWS))
    return (
        # the goals above a plan goal (team, then organization), shown for context, with the team
        goals.select_related("engagement", "parent__team", "parent__parent")
        .prefetch_related(Prefetch("actions", queryset=actions, to_attr=ACTION_ROWS))
        .order_by(F("due_date").asc(nulls_last=True), "created_at", "id")
    )


def _kept(read: Any, coachee: Membership, engagement: Engagement | None, whole: bool) -> list[Any]:
    """`read(coachee, engagement, whole)`'s rows from SQL kept for each kind of plan (whole, one
    engagement's, the coachee's own): a plan's goals, with their engagement, parents and team
    joined, cost 10,000 Python calls to build and compile on every view of it."""
    kind = "whole" if whole else "own" if engagement is None else "engagement"

    def build(coachee_id: int, engagement_id: int = 0) -> QuerySet[Any]:
        # the query names the coachee and the engagement by their ids only
        person = Membership(pk=coachee_id)
        return read(person, Engagement(pk=engagement_id) if engagement_id else None, whole)

    values: dict[str, Any] = {"coachee_id": coachee.pk}
    if kind == "engagement":
        assert engagement is not None
        values["engagement_id"] = engagement.pk
    return kept_rows(f"goals: plan {read.__name__} ({kind})", build, **values)


def with_plan_people(goals: list[Goal], coachee: Membership) -> list[Goal]:
    """The plan's goals with their engagement's coach and their actions' owners and partners:
    the coachee (already in hand, with their user) and one query for anyone else."""
    actions = [a for g in goals for a in g.action_rows()]
    accounts_selectors.attach_people(
        [(goals, ["engagement.coach"]), (actions, ["owner", "accountability_partner"])],
        known=[coachee],
    )
    return goals


def _reviews(coachee: Membership, engagement: Engagement | None, whole: bool) -> QuerySet[Review]:
    reviews = Review.objects.filter(coachee=coachee)
    if not whole:
        reviews = reviews.filter(engagement=engagement)
    # the plan knows each score's goal by its id
    return reviews.prefetch_related(Prefetch("scores", to_attr=SCORE_ROWS))


def gas_points(reviews: Iterable[Review]) -> list[TrendPoint]:
    """The T-score at each review date (reviews on the same day count together)."""
    by_day: dict[date, dict[str, int]] = defaultdict(dict)
    weights: dict[str, float] = {}
    for review in reviews:
        for score in review.score_rows():
            if score.score is not None:  # a goal is known by its id: its row need not be read
                by_day[review.reviewed_on][str(score.goal_id)] = score.score
                weights[str(score.goal_id)] = score.weight
    return gas_trend(
        [GasReview(reviewed_on=day, scores=scores) for day, scores in by_day.items()], weights
    )


def progress_points(goals: Sequence[Goal], limit: int = 40) -> list[tuple[date, float]]:
    """Plan progress after each day with a check-in, replaying the check-ins in order."""
    actions = [a for g in goals if g.status != Goal.Status.DROPPED for a in g.action_rows()]
    events = sorted(
        ((c.created_at, c, a) for a in actions for c in a.check_in_rows()),
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
    goals = _share_engagements(_kept(_plan_goals, coachee, engagement, whole), engagement)
    with_plan_people(goals, coachee)
    reviews = _kept(_reviews, coachee, engagement, whole)
    stalled = False
    if engagement is not None and not whole:
        stalled = engagement_stalled(
            engagement,
            check_ins=[
                c.created_at for g in goals for a in g.action_rows() for c in a.check_in_rows()
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
        for score in review.score_rows():
            if score.score is not None:
                last_scores[score.goal_id] = score.score
    lines = []
    for goal in goals:
        actions = [action_line(a, today, check_ins=not summary) for a in goal.action_rows()]
        actions.sort(key=lambda line: line.sort_key)
        lines.append(
            GoalLine(
                goal=goal,
                in_plan=True,
                progress=_progress(goal.action_rows()),
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
    return _progress(goal.action_rows())


def goals_to_review(*, coachee: Membership, engagement: Engagement | None) -> list[Goal]:
    """The active goals of one plan, with their actions and people, in plan order."""
    goals = _plan_goals(coachee, engagement, whole=False).filter(status=Goal.Status.ACTIVE)
    return with_plan_people(list(goals), coachee)


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
