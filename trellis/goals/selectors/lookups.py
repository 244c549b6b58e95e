"""Lookups for goals, always within the caller's organization (the policy decides the rest),
and the actions due that reminders and feeds read."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.engagements.models import GRANTING_STATUSES, Engagement
from trellis.engagements.selectors import coached_engagement_ids
from trellis.goals.models import (
    ACTION_ROWS,
    Action,
    Goal,
    Review,
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
    the organization's and teams' goals. The engagements they coach are read first, so that each
    part of the condition is an index (the aligned levels have their own); joined in, they made
    PostgreSQL read every goal of the organization (10 ms at 10,000 coachees)."""
    coached = coached_engagement_ids(member)
    person = Q(level=Goal.Level.PERSON)
    return (
        Goal.objects.filter(org=member.org)
        .filter((person & (Q(owner=member) | Q(engagement_id__in=coached))) | ~person)
        .select_related("parent", "team")
        # for a page of goals: joined, PostgreSQL hashed every engagement and member (3 ms)
        # into a list (a manager's queryset for each goal cost 50 Python calls a goal)
        .prefetch_related("owner__user", "engagement", Prefetch("actions", to_attr=ACTION_ROWS))
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


@dataclass(frozen=True)
class PartneredAction:
    """An action the member supports, as My plan lists it: what, whose, when due."""

    uuid: UUID
    what: str
    due_date: date | None
    whose: str  # the goal's owner, by name


def partner_actions(*, member: Membership) -> list[PartneredAction]:
    """Actions where the member is the accountability partner (or owner of someone else's goal),
    as the columns the list shows: the actions, their goals' owners and users as rows cost My
    plan about 8,000 Python calls to compile, shown or not."""
    rows = kept_rows(
        "goals: partnered actions", _partnered, org_id=member.org_id, member_id=member.pk
    )
    return [
        PartneredAction(uuid, what, due_date, name or email)
        for uuid, what, due_date, name, email in rows
    ]


def _partnered(org_id: int, member_id: int) -> QuerySet[Action, Any]:
    return (
        Action.objects.filter(goal__org_id=org_id, status__in=OPEN)
        .filter(
            Q(accountability_partner_id=member_id)
            | Q(owner_id=member_id) & ~Q(goal__owner_id=member_id)
        )
        .order_by("due_date")
        .values_list(
            "uuid", "what", "due_date", "goal__owner__user__name", "goal__owner__user__email"
        )
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
