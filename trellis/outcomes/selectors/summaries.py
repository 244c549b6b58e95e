"""Per-engagement summaries: what a sponsor may see of each engagement, a coachee's own progress."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.core.instruments import change as instrument_change
from trellis.core.instruments import score as instrument_score
from trellis.engagements.models import Agreement, Engagement, EngagementParticipant
from trellis.goals.models import Review
from trellis.instruments.models import Administration, Respondent
from trellis.instruments.selectors import instrument_of
from trellis.outcomes.selectors.rows import _attendance_key
from trellis.scheduling.models import Outcome, ScheduledSession


@dataclass(frozen=True)
class Sponsored:
    """One engagement a sponsor arranged, as far as its contract and its coachee let them see."""

    uuid: str
    coachee: str
    status: str
    length: str  # what was agreed (the sponsor signed it)
    cadence: str
    attendance: dict[str, int] | None  # None: the contract keeps attendance from the sponsor
    shared_goals: dict[str, int] | None  # goals the coachee shared with this sponsor, by status


def sponsor_summary(*, member: Membership, now: datetime | None = None) -> list[Sponsored]:
    """What was agreed, attendance and the goals shared with the sponsor, per engagement they
    sponsor (four queries); goal attainment and instrument change stay in the aggregate."""
    now = now or timezone.now()
    places = EngagementParticipant.objects.filter(
        member=member,
        role=EngagementParticipant.Role.SPONSOR,
        acceptance=EngagementParticipant.Acceptance.ACCEPTED,
        left_at__isnull=True,
        coachee_approved_at__isnull=False,
    )
    engagements = list(
        Engagement.objects.filter(org=member.org, pk__in=places.values("engagement_id"))
        .select_related("coachee__user")
        .order_by("coachee__user__name", "id")
    )
    ids = [e.pk for e in engagements]
    agreements: dict[int, Agreement] = {}
    for agreement in Agreement.objects.filter(engagement_id__in=ids).order_by("version"):
        agreements[agreement.engagement_id] = agreement  # the latest version wins
    attendance: dict[int, Counter[str]] = defaultdict(Counter)
    for engagement_id, outcome, status, late, start in ScheduledSession.objects.filter(
        series__engagement_id__in=ids, start__lte=now
    ).values_list("series__engagement_id", "outcome", "status", "late", "start"):
        attendance[engagement_id][_attendance_key(outcome, status, late, start, now)] += 1
    goals: dict[int, Counter[str]] = defaultdict(Counter)
    from trellis.goals.models import Goal

    for engagement_id, status in Goal.objects.filter(
        engagement_id__in=ids, visibility=Goal.Visibility.SHARED, shared_with=member
    ).values_list("engagement_id", "status"):
        goals[engagement_id][status] += 1
    found = []
    for e in engagements:
        latest = agreements.get(e.pk)
        items = set(latest.sponsor_sees or []) if latest else set()
        found.append(
            Sponsored(
                uuid=str(e.uuid),
                coachee=str(e.coachee.user),
                status=e.get_status_display(),
                length=latest.length if latest else "",
                cadence=latest.cadence if latest else "",
                attendance=dict(attendance[e.pk]) if "attendance" in items else None,
                shared_goals=dict(goals[e.pk]) if "goal_summaries" in items else None,
            )
        )
    return found


@dataclass(frozen=True)
class MyEngagement:
    """A coachee's own engagement in their progress report."""

    topic: str
    coach: str
    status: str
    held: int
    no_show: int
    late: int
    gas: list[tuple[date, float]]  # (review day, T-score), oldest first
    instruments: list[tuple[str, float, float, str]]  # name, before, after, verdict


def my_progress(*, member: Membership, now: datetime | None = None) -> list[MyEngagement]:
    """The member's own engagements as a coachee (five queries, whatever their number)."""
    now = now or timezone.now()
    engagements = list(
        Engagement.objects.filter(org=member.org, coachee=member)
        .exclude(status__in=[Engagement.Status.PROPOSED, Engagement.Status.DECLINED])
        .select_related("coach__user")
        .order_by("-started_on", "-id")
    )
    ids = [e.pk for e in engagements]
    attendance: dict[int, Counter[str]] = defaultdict(Counter)
    for engagement_id, outcome, status, late, start in ScheduledSession.objects.filter(
        series__engagement_id__in=ids, start__lte=now
    ).values_list("series__engagement_id", "outcome", "status", "late", "start"):
        attendance[engagement_id][_attendance_key(outcome, status, late, start, now)] += 1
    gas: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for engagement_id, on, t_score in (
        Review.objects.filter(engagement_id__in=ids, coachee=member, t_score__isnull=False)
        .order_by("reviewed_on", "id")
        .values_list("engagement_id", "reviewed_on", "t_score")
    ):
        gas[engagement_id].append((on, t_score or 0.0))
    instruments: dict[int | None, list[tuple[str, float, float, str]]] = defaultdict(list)
    answered = dict(
        Respondent.objects.filter(member=member, answered_at__isnull=False).values_list(
            "administration_id", "answers"
        )
    )
    for post in Administration.objects.filter(
        pk__in=list(answered), baseline_id__in=list(answered)
    ).select_related("instrument"):
        instrument = instrument_of(post.instrument)
        try:
            pre = instrument_score(instrument, answered[post.baseline_id]).total  # type: ignore[index]
            after = instrument_score(instrument, answered[post.pk]).total
        except Exception:
            continue
        verdict = instrument_change(instrument, pre, after).verdict
        instruments[post.engagement_id].append((instrument.name, pre, after, verdict))
    unlinked = instruments.pop(None, [])
    found = []
    for index, e in enumerate(engagements):
        counts = attendance[e.pk]
        found.append(
            MyEngagement(
                topic=e.topic,
                coach=str(e.coach.user),
                status=e.get_status_display(),
                held=counts[Outcome.HELD.value],
                no_show=counts["no_show"],
                late=counts[Outcome.LATE_CANCELLATION.value],
                gas=gas[e.pk],
                instruments=instruments[e.pk] + (unlinked if index == 0 else []),
            )
        )
    return found
