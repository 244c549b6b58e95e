"""The coach's, sponsor's and admin's list of plans, sorted by attention, a page at a time."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from trellis.accounts.kept_sql import kept_children, kept_rows
from trellis.accounts.models import Membership
from trellis.core.goals import (
    Attention,
)
from trellis.engagements import visibility
from trellis.engagements.models import GRANTING_STATUSES, Engagement
from trellis.engagements.selectors import with_people_of
from trellis.goals.models import (
    ACTION_ROWS,
    SCORE_ROWS,
    Action,
    CheckIn,
    Goal,
    GoalScore,
    Review,
)
from trellis.goals.selectors.lookups import (
    OPEN,
)
from trellis.goals.selectors.plan import (
    GoalLine,
    Plan,
    _assemble,
    engagement_stalled,
    plan_build,
)


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
    # The coach's and the sponsor's lists name the member, which keeps to their organization;
    # an organization condition beside it made SQLite read every engagement of the organization.
    engagements = Engagement.objects.filter(status__in=GRANTING_STATUSES)
    if status in (Engagement.Status.ACTIVE, Engagement.Status.PAUSED):
        engagements = engagements.filter(status=status)
    result = PlansPage(coaching=[], sponsoring=[], counts=[])
    if member.is_coach:
        # a row of the coach's list names the coachee alone
        # sorted by attention, then the coachee's name (read as a column): only the page's rows
        # are read with their people (a coach of 65 read 130 people for 25 rows)
        mine = _coached(member, status)
        attention_of = attention_by_engagement(mine, today=today, now=now)
        if attention in ATTENTION_FILTERS:
            wanted = attention == "needs"
            mine = [e for e in mine if attention_of[e.pk].needs_attention == wanted]
        mine.sort(key=lambda e: (attention_of[e.pk].sort_key(), e.coachee_name))
        result.coaching_page = Paginator(mine, per_page).get_page(pages.get("coaching"))
        shown = with_people_of(list(result.coaching_page.object_list))
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
            # and only where the agreement in force shows the sponsor goal summaries
            id__in=visibility.sponsored_seeing(member, "goal_summaries"),
        ),
    )
    # a sponsor's row names the coachee; an admin's counts row the coachee and the coach
    sponsored = (
        engagements.select_related("coachee__user")
        .filter(sponsor=member)
        .annotate(n_shared=shared)
        .order_by("coachee__user__name", "id")
    )
    result.sponsoring_page = Paginator(sponsored, per_page).get_page(pages.get("sponsoring"))
    # no rows: the empty page's query is not even compiled (wide, annotated: 2 ms of Python)
    result.sponsoring = [
        SponsorRow(e, e.n_shared)  # type: ignore[attr-defined]
        for e in (result.sponsoring_page if result.sponsoring_page.paginator.count else [])
    ]
    if member.is_admin:
        counted = engagements.select_related("coach__user", "coachee__user")
        result.counts_page = Paginator(
            counted.filter(org=member.org).order_by("-started_on", "-id"), per_page
        ).get_page(pages.get("counts"))
        result.counts = count_rows(list(result.counts_page.object_list))
    return result


def _coached(member: Membership, status: str) -> list[Any]:
    """The member's coaching in force (of one status, when it names one), each with its
    coachee's name as a column (the list sorts by it; only the page's rows read their people)."""
    values: dict[str, Any] = {"coach_id": member.pk}
    if status in (Engagement.Status.ACTIVE, Engagement.Status.PAUSED):
        values["status"] = status
    return kept_rows("goals: coached engagements", _coached_rows, **values)


def _coached_rows(coach_id: int, status: str = "") -> QuerySet[Engagement]:
    rows = Engagement.objects.filter(status__in=GRANTING_STATUSES, coach_id=coach_id)
    if status:
        rows = rows.filter(status=status)
    return rows.annotate(coachee_name=F("coachee__user__name"))


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
    """What `plan_build` says of each engagement's attention: overdue actions and the lowest
    commitment of the open actions of active goals, and whether nothing (session held, check-in,
    review) happened for STALLED_AFTER_DAYS days. One query, a value of each kind per engagement
    (correlated subqueries, each an index lookup): five grouped queries cost a coach's home and
    Plans page 13 ms. Its SQL is kept (accounts/kept_sql.py): built and compiled, its six
    subqueries cost those pages 12,000 Python calls a request."""
    ids = [e.pk for e in engagements]
    if not ids:
        return {}
    rows = kept_rows(
        "goals: attention by engagement", _attention_rows, ids=ids, today=today, now=now
    )
    found_rows = {row[0]: row for row in rows}
    found = {}
    for e in engagements:
        _, overdue_n, lowest_n, check_in, session, held, review = found_rows[e.pk]
        stalled = engagement_stalled(
            e,
            check_ins=[check_in] if check_in is not None else [],
            sessions=[t for t in (session, held) if t is not None],
            reviews=[review] if review is not None else [],
            now=now,
        )
        found[e.pk] = Attention(overdue=overdue_n or 0, stalled=stalled, lowest_commitment=lowest_n)
    return found


def _attention_rows(ids: list[int], today: date, now: datetime) -> QuerySet[Engagement, Any]:
    from trellis.engagements.models import CoachingSession
    from trellis.scheduling.selectors import last_held_of_outer

    in_plan = {"goal__level": Goal.Level.PERSON, "goal__owner": OuterRef("coachee")}
    open_actions = Action.objects.filter(
        goal__engagement=OuterRef("pk"), goal__status=Goal.Status.ACTIVE, status__in=OPEN, **in_plan
    ).order_by()
    overdue = (
        open_actions.filter(due_date__lt=today)
        .values("goal__engagement")
        .annotate(n=Count("id"))
        .values("n")
    )
    lowest = open_actions.filter(commitment__isnull=False).order_by("commitment")
    check_ins = CheckIn.objects.filter(
        action__goal__engagement=OuterRef("pk"),
        action__goal__level=Goal.Level.PERSON,
        action__goal__owner=OuterRef("coachee"),
    )
    sessions = CoachingSession.objects.filter(engagement=OuterRef("pk"), finished_at__isnull=False)
    reviews = Review.objects.filter(engagement=OuterRef("pk"), coachee=OuterRef("coachee"))
    return (
        Engagement.objects.filter(pk__in=ids)
        .annotate(
            overdue=Subquery(overdue),
            lowest=Subquery(lowest.values("commitment")[:1]),
            last_check_in=Subquery(check_ins.order_by("-created_at").values("created_at")[:1]),
            last_session=Subquery(sessions.order_by("-finished_at").values("finished_at")[:1]),
            last_held=Subquery(last_held_of_outer(now=now)),
            last_review=Subquery(reviews.order_by("-reviewed_on").values("reviewed_on")[:1]),
        )
        .values_list(
            "pk", "overdue", "lowest", "last_check_in", "last_session", "last_held", "last_review"
        )
    )


def plans_of_engagements(
    engagements: Sequence[Engagement], *, today: date, stalled: dict[int, bool]
) -> dict[int, Plan]:
    """The plans of several engagements in a constant number of queries (for a page of rows)."""
    ids = [e.pk for e in engagements]
    if not ids:
        return {}
    goals: list[Goal] = kept_rows("goals: plans' goals", _plans_goals, ids=ids)
    # a row shows progress and attention, not the check-ins
    kept_children(goals, "goals: plans' actions", _actions_of, fk="goal", to_attr=ACTION_ROWS)
    reviews: list[Review] = kept_rows("goals: plans' reviews", _plans_reviews, ids=ids)
    # T-scores; goals known by id
    kept_children(reviews, "goals: plans' scores", _scores_of, fk="review", to_attr=SCORE_ROWS)
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


def _plans_goals(ids: list[int]) -> QuerySet[Goal]:
    """The plan goals of these engagements."""
    return Goal.objects.filter(
        engagement__in=ids, level=Goal.Level.PERSON, owner=F("engagement__coachee")
    ).order_by(F("due_date").asc(nulls_last=True), "created_at", "id")


def _actions_of(ids: list[int]) -> QuerySet[Action]:
    return Action.objects.filter(goal_id__in=ids)


def _plans_reviews(ids: list[int]) -> QuerySet[Review]:
    """The coachee's reviews of these engagements."""
    return Review.objects.filter(engagement__in=ids, coachee=F("engagement__coachee"))


def _scores_of(ids: list[int]) -> QuerySet[GoalScore]:
    return GoalScore.objects.filter(review_id__in=ids)


def sponsor_plan(*, engagement: Engagement, today: date) -> Plan:
    """The summary a sponsor sees: only the goals the coachee shared with this sponsor (by name,
    so a new sponsor does not inherit what was shared with the one before); no actions, no scores.
    None at all while the agreement in force does not show the sponsor goal summaries."""
    plan = plan_build(coachee=engagement.coachee, engagement=engagement, today=today)
    agreed = "goal_summaries" in visibility.sponsor_sees(engagement)
    shared = [
        GoalLine(goal=line.goal, in_plan=True, progress=line.progress)
        for line in plan.goals
        if agreed
        and line.goal.visibility == Goal.Visibility.SHARED
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
