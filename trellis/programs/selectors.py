"""Reads for programs: who sees which program, the cohort's funnel, the pool with its load, the
next sessions and the instruments still unanswered. Counts and dates only: never content."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.programs.models import Enrolment, Program, ProgramCoach, ProgramInstrument
from trellis.scheduling.models import ScheduledSession
from trellis.scheduling.selectors import last_held_by_engagement

# marked for the catalogue: the program page shows each stage in the reader's language
FUNNEL = (
    gettext_noop("invited"),
    gettext_noop("accepted"),
    gettext_noop("active"),
    gettext_noop("stalled"),
    gettext_noop("ended"),
)
OVERDUE_AFTER = timedelta(days=7)


def program_url(program: Program, enrolment: Enrolment | None = None) -> str:
    path = reverse("programs:detail", kwargs={"slug": program.org.slug, "program": program.slug})
    return settings.SITE_URL + path


def programs_for(*, member: Membership) -> QuerySet[Program]:
    """Every program for an admin; for others those they coach in or are enrolled in."""
    programs = Program.objects.filter(org=member.org)
    if not member.is_admin:
        programs = programs.filter(
            Q(coaches__coach=member) | Q(enrolments__member=member)
        ).distinct()
    return programs.annotate(people=Count("enrolments", distinct=True)).order_by(
        "-starts_on", "name"
    )


def program_get(*, member: Membership, slug: str) -> Program | None:
    return Program.objects.filter(org=member.org, slug=slug).select_related("org").first()


def stage_of(
    enrolment: Enrolment,
    last_held: datetime | None,
    now: datetime,
    place: EngagementParticipant | None = None,
) -> str:
    """Where one person is in the funnel: invited, accepted, active, stalled or ended. In a shared
    team, group or circle it is their own `place` that says whether they are in: the engagement
    may be running while they have not answered yet, or after they declined."""
    engagement = enrolment.engagement
    if engagement is None or engagement.status == Engagement.Status.PROPOSED:
        return "invited"
    if engagement.status in (Engagement.Status.ENDED, Engagement.Status.DECLINED):
        return "ended"
    if place is not None and (place.left_at or place.acceptance == Acceptance.DECLINED):
        return "ended"
    if place is not None and place.acceptance == Acceptance.PENDING:
        return "invited"
    quiet = timedelta(days=settings.STALLED_AFTER_DAYS)
    since = last_held or enrolment.scheduled_at
    if since is not None and now - since > quiet:
        return "stalled"
    return "active" if last_held is not None else "accepted"


Acceptance = EngagementParticipant.Acceptance


@dataclass(frozen=True)
class Row:
    """One enrolled person as the program page shows them (no content: stage and dates)."""

    enrolment: Enrolment
    stage: str
    coach: Membership | None
    last_held: datetime | None


def cohort_rows(*, program: Program, now: datetime | None = None) -> list[Row]:
    return cohorts(programs=[program], now=now)[program.pk]


def cohorts(*, programs: Sequence[Program], now: datetime | None = None) -> dict[int, list[Row]]:
    """Each program's people as rows, for several programs in three queries (a program's page)."""
    enrolments = list(
        Enrolment.objects.filter(program__in=programs)
        .select_related("member__user", "engagement__coach__user")
        .order_by("enrolled_at", "id")  # each program's people in its own order
    )
    found: dict[int, list[Row]] = {program.pk: [] for program in programs}
    for e, stage, last in _staged(enrolments, now or timezone.now()):
        coach = e.engagement.coach if e.engagement else None
        found[e.program_id].append(Row(enrolment=e, stage=stage, coach=coach, last_held=last))
    return found


def funnels(
    *, programs: Sequence[Program], now: datetime | None = None
) -> dict[int, dict[str, int]]:
    """How many people of each program are at each stage of the funnel, for several programs
    (the admin's home): the same stages as `cohorts`, without reading anyone's name."""
    enrolments = list(Enrolment.objects.filter(program__in=programs).select_related("engagement"))
    counted: dict[int, Counter[str]] = {program.pk: Counter() for program in programs}
    for e, stage, _ in _staged(enrolments, now or timezone.now()):
        counted[e.program_id][stage] += 1
    return {pk: {stage: c.get(stage, 0) for stage in FUNNEL} for pk, c in counted.items()}


def _staged(
    enrolments: list[Enrolment], now: datetime
) -> list[tuple[Enrolment, str, datetime | None]]:
    """Each enrolment with its stage and when its engagement last held a session."""
    held = last_held_by_engagement(
        engagement_ids=[e.engagement_id for e in enrolments if e.engagement_id], now=now
    )
    shared = {e.engagement.pk for e in enrolments if e.engagement and e.engagement.is_several}
    places = (
        {
            (p.engagement_id, p.member_id): p
            for p in EngagementParticipant.objects.filter(
                engagement_id__in=shared, role=EngagementParticipant.Role.COACHEE
            ).order_by("added_at")  # someone invited again: their latest place
        }
        if shared
        else {}
    )
    staged = []
    for e in enrolments:
        last = held.get(e.engagement_id) if e.engagement_id else None
        place = places.get((e.engagement_id or 0, e.member_id))
        staged.append((e, stage_of(e, last, now, place), last))
    return staged


def funnel(rows: list[Row]) -> dict[str, int]:
    counted = Counter(row.stage for row in rows)
    return {stage: counted.get(stage, 0) for stage in FUNNEL}


@dataclass(frozen=True)
class PoolEntry:
    place: ProgramCoach
    taken: int

    @property
    def free(self) -> int:
        return max(0, self.place.capacity - self.taken)


def pool_of(*, program: Program) -> list[PoolEntry]:
    taken = Counter(
        Enrolment.objects.filter(program=program, engagement__isnull=False)
        .exclude(engagement__status__in=(Engagement.Status.ENDED, Engagement.Status.DECLINED))
        .values_list("engagement__coach_id", flat=True)
    )
    return [
        PoolEntry(place, taken.get(place.coach_id, 0))
        for place in program.coaches.select_related("coach__user")
    ]


def next_sessions(
    *, program: Program, now: datetime | None = None, limit: int = 10
) -> list[ScheduledSession]:
    now = now or timezone.now()
    return list(
        ScheduledSession.objects.filter(
            series__engagement__enrolment__program=program,
            start__gte=now,
            status=ScheduledSession.Status.SCHEDULED,
        )
        .select_related("coach__user", "coachee__user")
        .order_by("start")[:limit]
    )


@dataclass(frozen=True)
class InstrumentStatus:
    sent: ProgramInstrument
    answered: int
    asked: int
    overdue: bool


def instruments_of(*, program: Program, now: datetime | None = None) -> list[InstrumentStatus]:
    now = now or timezone.now()
    rows = ProgramInstrument.objects.filter(program=program).annotate(
        asked=Count("administration__respondents"),
        answered=Count(
            "administration__respondents",
            filter=Q(administration__respondents__answered_at__isnull=False),
        ),
    )
    return [
        InstrumentStatus(
            sent=row,
            answered=row.answered,
            asked=row.asked,
            overdue=row.answered < row.asked and now - row.sent_at > OVERDUE_AFTER,
        )
        for row in rows
    ]


def enrolment_of(*, member: Membership, program: Program) -> Enrolment | None:
    return (
        program.enrolments.filter(member=member)
        .select_related("engagement__coach__user", "chemistry_with__user")
        .first()
    )


def enrolment_get(*, member: Membership, uuid: str) -> Enrolment | None:
    return (
        Enrolment.objects.filter(uuid=uuid, program__org=member.org)
        .select_related("program__org", "member__user", "engagement")
        .first()
    )
