"""Grow an organization fast with bulk inserts: coachees with engagements, goals, actions,
check-ins, reviews, career events and scheduled sessions. Used by the query-count tests (a page
must send as many queries with 3 coachees as with 30) and by benchmarks/web.py (10,000 coachees).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

from django.utils import timezone

from trellis.accounts.models import Membership, Organization, Team, User
from trellis.engagements.models import Engagement
from trellis.goals.models import Action, CheckIn, Goal, GoalScore, Review
from trellis.scheduling.models import CareerEvent, ScheduledSession, SessionSeries

BATCH = 2000
TEAMS = ("Engineering", "Sales", "Operations", "Finance", "Support")


@dataclass(frozen=True)
class Grown:
    coachees: int
    engagements: int
    goals: int
    actions: int


def _chunks(items: list[Any], size: int = BATCH) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _bulk(model: Any, objects: list[Any]) -> list[Any]:
    made: list[Any] = []
    for chunk in _chunks(objects):
        made.extend(model.objects.bulk_create(chunk))
    return made


def grow(
    org: Organization,
    *,
    coachees: int,
    coach: Membership | None = None,
    sponsor: Membership | None = None,
    for_coach: int | None = None,
    extra_coaches: int = 0,
    now: datetime | None = None,
) -> Grown:
    """Add `coachees` people, each in one active engagement with two goals (one shared with the
    sponsor), two actions per goal, a check-in per action, a review, a career event and two
    scheduled sessions (last week and this week). `coach` coaches `for_coach` of them (all when
    None), the `extra_coaches` new coaches the rest; `sponsor` sponsors the same ones as `coach`.
    """
    now = now or timezone.now()
    today = now.date()
    tag = uuid4().hex[:8]
    teams = [Team.objects.get_or_create(org=org, name=name)[0] for name in TEAMS]
    users = _bulk(
        User,
        [
            User(email=f"c{i}-{tag}@bulk.example", name=f"Coachee {tag} {i:05d}")
            for i in range(coachees + extra_coaches)
        ],
    )
    people = _bulk(
        Membership,
        [
            Membership(
                org=org,
                user=u,
                is_coachee=i < coachees,
                is_coach=i >= coachees,
                team=teams[i % len(teams)],
            )
            for i, u in enumerate(users)
        ],
    )
    for person, user in zip(people, users, strict=True):
        person.user = user
    learners, new_coaches = people[:coachees], people[coachees:]
    focus = coachees if for_coach is None else min(for_coach, coachees)
    if coach is None and new_coaches:
        focus = 0
    if focus < coachees and not new_coaches:
        raise ValueError("grow: extra_coaches must be at least 1 when for_coach < coachees")

    def coach_of(i: int) -> Membership:
        if i < focus and coach is not None:
            return coach
        return new_coaches[i % len(new_coaches)]

    started = today - timedelta(days=60)
    engagements = _bulk(
        Engagement,
        [
            Engagement(
                org=org,
                coach=coach_of(i),
                coachee=c,
                sponsor=sponsor if i < focus else None,
                topic=f"Growing as a lead ({i})",
                started_on=started,
            )
            for i, c in enumerate(learners)
        ],
    )
    _grow_participants(engagements, now)
    goals = _bulk(
        Goal,
        [
            Goal(
                org=org,
                owner=e.coachee,
                engagement=e,
                title=f"Goal {n} of {e.coachee.user.name}",
                due_date=today + timedelta(days=30 + n),
                visibility=Goal.Visibility.SHARED if n == 0 else Goal.Visibility.PRIVATE,
                gas_expected="As planned",
                shared_with=e.sponsor if n == 0 else None,
            )
            for e in engagements
            for n in range(2)
        ],
    )
    actions = _bulk(
        Action,
        [
            Action(
                goal=g,
                what=f"Step {n} towards {g.title}",
                owner_id=g.owner_id,
                due_date=today + timedelta(days=(-3 if n == 0 else 5) + (g.pk % 7)),
                commitment=4 + (g.pk % 6),
                status=Action.Status.IN_PROGRESS,
                percent=20 * n,
                created_at=now - timedelta(days=30),
            )
            for g in goals
            for n in range(2)
        ],
    )
    _bulk(
        CheckIn,
        [
            CheckIn(
                action=a,
                by_id=a.owner_id,
                percent=a.percent,
                note="Going",
                created_at=now - timedelta(days=2 + a.pk % 20),
            )
            for a in actions
        ],
    )
    reviews = _bulk(
        Review,
        [
            Review(
                org=org,
                coachee=e.coachee,
                engagement=e,
                reviewed_on=today - timedelta(days=10),
                by=e.coach,
            )
            for e in engagements
        ],
    )
    by_engagement: dict[int, list[Goal]] = {}
    for g in goals:
        by_engagement.setdefault(g.engagement_id, []).append(g)
    _bulk(
        GoalScore,
        [
            GoalScore(review=r, goal=g, score=(g.pk % 3) - 1)
            for r in reviews
            for g in by_engagement[r.engagement_id]
        ],
    )
    _bulk(
        CareerEvent,
        [
            CareerEvent(
                org=org,
                coachee=e.coachee,
                engagement=e,
                coach=e.coach,
                sponsor=e.sponsor,
                type=CareerEvent.Type.PERFORMANCE_REVIEW,
                date=today + timedelta(days=i % 5),
                logged_by=e.coachee,
            )
            for i, e in enumerate(engagements)
        ],
    )
    _grow_sessions(org, engagements, now)
    return Grown(len(learners), len(engagements), len(goals), len(actions))


def _grow_participants(engagements: list[Engagement], now: datetime) -> None:
    """Accepted places for the coach, the coachee and the sponsor, where engagements have them."""
    from trellis.engagements import models

    participant = getattr(models, "EngagementParticipant", None)
    if participant is None:
        return
    role, accepted = participant.Role, participant.Acceptance.ACCEPTED
    rows = []
    for e in engagements:
        places = [(e.coach_id, role.LEAD_COACH), (e.coachee_id, role.COACHEE)]
        if e.sponsor_id:
            places.append((e.sponsor_id, role.SPONSOR))
        rows += [
            participant(
                engagement=e,
                member_id=member_id,
                role=r,
                acceptance=accepted,
                responded_at=now,
                coachee_approved_at=now,
            )
            for member_id, r in places
        ]
    _bulk(participant, rows)


def _grow_sessions(org: Organization, engagements: list[Engagement], now: datetime) -> None:
    monday = now.date() - timedelta(days=now.weekday())
    series = _bulk(
        SessionSeries,
        [
            SessionSeries(
                org=org,
                engagement=e,
                coach_id=e.coach_id,
                coachee_id=e.coachee_id,
                sponsor_id=e.sponsor_id,
                organizer_id=e.coach_id,
                timezone="UTC",
                starts_at=_at(monday - timedelta(days=7), i),
                freq="weekly",
                count=2,
                materialized_until=_at(monday + timedelta(days=7), 0),
            )
            for i, e in enumerate(engagements)
        ],
    )
    _bulk(
        ScheduledSession,
        [
            ScheduledSession(
                series=s,
                org=org,
                coach_id=s.coach_id,
                coachee_id=s.coachee_id,
                original_start=s.starts_at + timedelta(days=7 * n),
                start=s.starts_at + timedelta(days=7 * n),
                end=s.starts_at + timedelta(days=7 * n, hours=1),
                outcome="held" if n == 0 else "",
            )
            for s in series
            for n in range(2)
        ],
    )


def _at(monday: date, i: int) -> datetime:
    """A working hour in the week of `monday`, spread over its weekdays by i."""
    day = monday + timedelta(days=i % 5)
    return datetime(day.year, day.month, day.day, 8 + i % 9, 0, tzinfo=UTC)


def grow_plan(engagement: Engagement, *, goals: int, now: datetime | None = None) -> None:
    """Add goals to one engagement's plan, each with two actions, a check-in each and a score."""
    now = now or timezone.now()
    today = now.date()
    made = _bulk(
        Goal,
        [
            Goal(
                org_id=engagement.org_id,
                owner_id=engagement.coachee_id,
                engagement=engagement,
                title=f"Extra goal {n}",
                due_date=today + timedelta(days=20 + n),
                visibility=Goal.Visibility.SHARED if n % 2 else Goal.Visibility.PRIVATE,
                shared_with_id=engagement.sponsor_id if n % 2 else None,
            )
            for n in range(goals)
        ],
    )
    actions = _bulk(
        Action,
        [
            Action(
                goal=g,
                what=f"Extra step {n}",
                owner_id=engagement.coachee_id,
                due_date=today + timedelta(days=n - 1),
                commitment=7,
                created_at=now - timedelta(days=5),
            )
            for g in made
            for n in range(2)
        ],
    )
    _bulk(
        CheckIn,
        [CheckIn(action=a, percent=10, created_at=now - timedelta(days=1)) for a in actions],
    )
    review = Review.objects.create(
        org_id=engagement.org_id,
        coachee_id=engagement.coachee_id,
        engagement=engagement,
        reviewed_on=today - timedelta(days=3),
    )
    _bulk(GoalScore, [GoalScore(review=review, goal=g, score=0) for g in made])


def places_for_pairs(org: Organization) -> int:
    """Accepted places for the engagements that have none (rows made without the services, as
    the demo seed makes them), so that their people see them; how many engagements got some."""
    bare = list(Engagement.objects.filter(org=org, participants__isnull=True))
    _grow_participants(bare, timezone.now())
    return len(bare)
