"""The sponsor's home: attendance and what the coachee shared with them by name, nothing else."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.dateformat import format as dformat
from django.utils.translation import gettext

from trellis.accounts import policy
from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.engagements import selectors as engagement_selectors
from trellis.engagements import visibility
from trellis.engagements.models import Engagement, SessionNote
from trellis.goals.models import Goal
from trellis.scheduling.models import Outcome, ScheduledSession
from trellis.web.selectors.home.common import (
    ROWS,
)


@dataclass(frozen=True)
class SharedSummary:
    kind: str  # "goal" or "note"
    text: str
    detail: str


@dataclass
class SponsorRow:
    engagement: Engagement
    attendance: dict[str, int]
    shared: list[SharedSummary]
    next_session: datetime | None
    url: str

    @property
    def attendance_rows(self) -> list[tuple[str, int]]:
        labels = dict(Outcome.choices) | {
            "upcoming": gettext("Upcoming"),
            "to_log": gettext("Not logged yet"),
        }
        return [(str(labels.get(k, k)), n) for k, n in sorted(self.attendance.items())]


@dataclass
class SponsorHome:
    rows: list[SponsorRow]
    total: int


def sponsor_home(*, member: Membership, now: datetime) -> SponsorHome:
    """Attendance and what the coachee shared with this sponsor by name: nothing else. Which
    engagements, goals and notes that is, the access policy says (an accepted place and agreement)."""
    # in the coachees' order, without their people: the home names the first ROWS only
    visible = engagement_selectors.engagements_in_force_for(
        member=member, order=("coachee__user__name", "id")
    )
    # what the accepted agreement lets the sponsor see, read for all at once (the policy asks it)
    seeing = visibility.sponsor_sees_by_engagement(e.pk for e in visible)
    for e in visible:
        e._sponsor_sees = seeing.get(e.pk, visibility.MINIMUM)  # type: ignore[attr-defined]
    engagements = [
        e
        for e in visible
        if "sponsor" in e.participant_relations(member)
        and policy.allows(member, "calendar.session.view", e)
    ]
    shown = engagement_selectors.with_people_of(engagements[:ROWS])
    by_id = {e.pk: e for e in shown}
    attendance: dict[int, Counter[str]] = defaultdict(Counter)
    next_at: dict[int, datetime] = {}
    ids = list(by_id)
    until = now + timedelta(days=60)
    for o in kept_rows("home: sponsor's attendance", _occurrences, ids=ids, until=until):
        e_id = o["series__engagement_id"]
        if o["outcome"]:
            key = o["outcome"]
        elif o["status"] == ScheduledSession.Status.CANCELLED:
            key = Outcome.LATE_CANCELLATION if o["late"] else Outcome.CANCELLED
        elif o["start"] > now:
            key = "upcoming"
            if e_id not in next_at or o["start"] < next_at[e_id]:
                next_at[e_id] = o["start"]
        else:
            key = "to_log"
        if key != "upcoming":
            attendance[e_id][key] += 1
    shared: dict[int, list[SharedSummary]] = defaultdict(list)
    goals: list[Goal] = kept_rows("home: goals shared", _shared_goals, ids=ids, member_id=member.pk)
    for goal in goals:
        engagement = by_id[goal.engagement_id]  # type: ignore[index]
        goal.engagement = engagement  # its places are prefetched
        # the list selectors' way (engagements/visibility.py): the agreement in force lists goal
        # summaries, and the coachee shared this goal with this sponsor by name
        if "goal_summaries" in visibility.sponsor_sees(
            engagement
        ) and "shared_sponsor" in goal.relations_of(member):
            shared[goal.engagement_id].append(  # type: ignore[index]
                SharedSummary("goal", goal.title, goal.get_status_display())
            )
    notes: list[SessionNote] = kept_rows(
        "home: notes shared", _shared_notes, ids=ids, member_id=member.pk
    )
    for note in notes:
        note.session.engagement = by_id[note.session.engagement_id]  # type: ignore[index]
        if policy.allows(member, "note.shared.read", note):
            shared[note.session.engagement_id].append(  # type: ignore[index]
                SharedSummary("note", note.text, dformat(note.created_at, "j M Y"))
            )
    rows = [
        SponsorRow(
            engagement=e,
            attendance=dict(attendance[e.pk]),
            shared=shared[e.pk],
            next_session=next_at.get(e.pk),
            url=reverse("engagements:detail", args=[member.org.slug, e.uuid]),
        )
        for e in shown
    ]
    return SponsorHome(rows=rows, total=len(engagements))


# their SQL kept (accounts/kept_sql.py): the home builds them the same way on every visit


def _occurrences(ids: list[int], until: datetime) -> QuerySet[ScheduledSession, Any]:
    return ScheduledSession.objects.filter(series__engagement__in=ids, start__lte=until).values(
        "series__engagement_id", "outcome", "status", "late", "start"
    )


def _shared_goals(ids: list[int], member_id: int) -> QuerySet[Goal]:
    return Goal.objects.filter(
        engagement__in=ids,
        level=Goal.Level.PERSON,
        visibility=Goal.Visibility.SHARED,
        shared_with_id=member_id,
    ).order_by("created_at", "id")


def _shared_notes(ids: list[int], member_id: int) -> QuerySet[SessionNote]:
    return (
        SessionNote.objects.filter(
            session__engagement__in=ids,
            visibility=SessionNote.Visibility.SHARED,
            shared_with_sponsor=True,
            shared_with_id=member_id,
        )
        .select_related("session")
        .order_by("-created_at", "-id")[: ROWS * 3]
    )
