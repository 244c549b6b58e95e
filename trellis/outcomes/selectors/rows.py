"""The engagements a viewer counts, as plain rows, and the helpers that turn a row into facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from trellis.accounts.models import Membership
from trellis.core.outcomes import Fact
from trellis.engagements.models import Agreement, Engagement, EngagementParticipant
from trellis.scheduling.models import Outcome, ScheduledSession


def _engagements(
    member: Membership, kind: str
) -> tuple[list[dict], dict[int, set[str]], QuerySet[Engagement]]:
    """The engagements the viewer counts (one query, two with a sponsor's contracts), each as a
    dict of plain values; and, for a sponsor, what each contract lets them see."""
    rows = Engagement.objects.filter(org=member.org).order_by()
    if kind == "coach":
        places = EngagementParticipant.objects.filter(
            member=member,
            role__in=[EngagementParticipant.Role.LEAD_COACH, EngagementParticipant.Role.CO_COACH],
            acceptance=EngagementParticipant.Acceptance.ACCEPTED,
            left_at__isnull=True,
        )
        rows = rows.filter(pk__in=places.values("engagement_id"))
    elif kind == "sponsor":
        places = EngagementParticipant.objects.filter(
            member=member,
            role=EngagementParticipant.Role.SPONSOR,
            acceptance=EngagementParticipant.Acceptance.ACCEPTED,
            left_at__isnull=True,
            coachee_approved_at__isnull=False,
        )
        rows = rows.filter(pk__in=places.values("engagement_id"))
    values: list[dict] = list(
        rows.values(  # type: ignore[arg-type]
            "id",
            "coachee_id",
            "coach__uuid",
            "coachee__team_id",
            "status",
            "started_on",
            "ended_on",
            "end_reason",
            "created_at",
            "enrolment__program__slug",
            "coachee__attributes",
        )
    )
    allowed: dict[int, set[str]] = {}
    if kind == "sponsor":
        latest: dict[int, tuple[int, list[str]]] = {}
        for engagement_id, version, items in Agreement.objects.filter(
            engagement_id__in=[v["id"] for v in values]
        ).values_list("engagement_id", "version", "sponsor_sees"):
            if engagement_id not in latest or version > latest[engagement_id][0]:
                latest[engagement_id] = (version, list(items or []))
        allowed = {e: set(items) for e, (_, items) in latest.items()}
        values = [v for v in values if "attendance" in allowed.get(v["id"], set())]
    return values, allowed, rows


@dataclass(frozen=True)
class _Where:
    """An engagement's place on the filters: its program, its coachee's team, its coach, and its
    coachee's own attributes."""

    program: str
    team: str
    coach: str
    attributes: frozenset[tuple[str, str]]


def _where(e: dict) -> _Where:
    found = e.get("where")  # kept on the row: an engagement has many facts
    if found is None:
        found = e["where"] = _Where(
            e["enrolment__program__slug"] or "",
            str(e["coachee__team_id"] or ""),
            str(e["coach__uuid"]),
            frozenset(
                (str(name), str(value))
                for name, value in (e["coachee__attributes"] or {}).items()
                if value not in ("", None)
            ),
        )
    return found


def _fact(
    person: int,
    metric: str,
    category: str,
    value: float = 1.0,
    *,
    where: _Where,
    on: date | None = None,
) -> Fact:
    return Fact(
        person,
        metric,
        category,
        value,
        where.program,
        where.team,
        where.coach,
        on,
        where.attributes,
    )


def _attendance_key(outcome: str, status: str, late: bool, start: datetime, now: datetime) -> str:
    # The same reading as scheduling.selectors.attendance_of, on plain values (no per-row queries).
    if outcome in (Outcome.NO_SHOW_COACH, Outcome.NO_SHOW_COACHEE):
        return "no_show"
    if outcome:
        return outcome
    if status == ScheduledSession.Status.CANCELLED:
        return Outcome.LATE_CANCELLATION.value if late else Outcome.CANCELLED.value
    return "upcoming" if start > now else "to_log"


def _bin(value: float, edges: list[tuple[float, str]], last: str) -> str:
    for edge, key in edges:
        if value < edge:
            return key
    return last


def _sessions_bin(held: int) -> str:
    return _bin(held, [(1, "0"), (3, "1-2"), (6, "3-5"), (10, "6-9")], "10+")


def _t_bin(t_score: float) -> str:
    return _bin(t_score, [(40, "below40"), (50, "40-49"), (60, "50-59")], "60+")
