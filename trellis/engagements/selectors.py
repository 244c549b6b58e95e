"""Reads for engagements, coaching sessions and notes, filtered to what the caller may see."""

import importlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from trellis.accounts import policy
from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.accounts.selectors import attach_people
from trellis.core.frameworks import Artifacts, PreviousPlan, artifacts_markdown, previous_plan
from trellis.core.frameworks import CoachingSession as Engine
from trellis.core.frameworks.answers import DateParser
from trellis.core.goals import parse_due
from trellis.engagements import visibility
from trellis.engagements.models import (
    GRANTING_STATUSES,
    PARTICIPANT_ROWS,
    Agreement,
    ClosingReview,
    CoachingSession,
    Engagement,
    EngagementParticipant,
    EngagementTransition,
    SessionNote,
)
from trellis.frameworks.selectors import framework_of


def _with_people(qs: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """Engagements with their participant rows (and people) read in one more query, not per row."""
    return qs.select_related("coach__user", "coachee__user", "sponsor__user").prefetch_related(
        Prefetch("participants", queryset=_places().order_by("added_at", "id"))
    )


def _places() -> QuerySet[EngagementParticipant]:
    return EngagementParticipant.objects.select_related("member__user")


def engagements_visible_to(
    *, member: Membership, status: str | None = None, rows_only: bool = False
) -> QuerySet[Engagement]:
    """An admin sees every engagement of the organization; anyone else those they hold a place in
    (a proposed one too, to answer it; not one they declined or left).

    `rows_only`: with the coach and coachee only, for a list's rows; `with_places` then reads the
    places of the rows that need them (a team, group or peer engagement's coachees)."""
    qs = Engagement.objects.filter(org=member.org)
    qs = qs.select_related("coach__user", "coachee__user") if rows_only else _with_people(qs)
    if status:
        qs = qs.filter(status=status)
    if member.is_admin:
        return qs
    places = EngagementParticipant.objects.filter(member=member, left_at__isnull=True).exclude(
        acceptance=EngagementParticipant.Acceptance.DECLINED
    )
    return qs.filter(pk__in=places.values("engagement_id"))


def engagements_in_force_for(*, member: Membership, order: Sequence[str] = ()) -> list[Engagement]:
    """The active and paused engagements in which the member holds a current place (admin or
    not), in `order` (else the engagements' own), each with the member's own places only: all
    the access policy reads to judge this member (`participant_relations`). For the homes, which
    list the member's own coaching or sponsoring and name a few of them (`with_people_of`):
    everyone's places and people cost models per row.

    Two queries, their SQL kept (accounts/kept_sql.py): the member's own places, which name the
    engagements and are what each holds in PARTICIPANT_ROWS (a list, where a prefetch into the
    manager built a query set per engagement); then those engagements, named by id (as a
    subquery, PostgreSQL hash-joined it with every engagement of the organization: 2.1 -> 0.3 ms
    at 10,000 coachees)."""
    places: list[EngagementParticipant] = kept_rows(
        "engagements: own places", _own_places, member_id=member.pk
    )
    ids = [
        p.engagement_id
        for p in places
        if p.left_at is None and p.acceptance != EngagementParticipant.Acceptance.DECLINED
    ]
    if not ids:
        return []
    found: list[Engagement] = kept_rows(
        f"engagements: in force, in order {', '.join(order)}",
        partial(_in_force, order=tuple(order)),
        ids=ids,
    )
    own: dict[int, list[EngagementParticipant]] = defaultdict(list)
    for place in places:
        own[place.engagement_id].append(place)
    for engagement in found:
        rows = own[engagement.pk]
        for place in rows:
            place.engagement = engagement
        setattr(engagement, PARTICIPANT_ROWS, rows)
    return found


def coached_engagement_ids(member: Membership) -> list[int]:
    """The ids of the engagements the member coaches, whatever their status, its SQL kept. A
    list that names them lets each be an index lookup where, as a subquery, PostgreSQL estimated
    half of an event or goal table and read it all (the Events list, the calendar, the goals API)."""
    return kept_rows("engagements: coached ids", _coached_ids, member_id=member.pk)


def _coached_ids(member_id: int) -> QuerySet[Engagement, Any]:
    return Engagement.objects.filter(coach_id=member_id).values_list("pk", flat=True)


def _own_places(member_id: int) -> QuerySet[EngagementParticipant]:
    """Every place the member holds or held, oldest first (the order PARTICIPANT_ROWS keeps)."""
    return EngagementParticipant.objects.filter(member_id=member_id).order_by("added_at", "id")


def _in_force(ids: list[int], order: Sequence[str]) -> QuerySet[Engagement]:
    in_force = Engagement.objects.filter(pk__in=ids, status__in=GRANTING_STATUSES)
    return in_force.order_by(*order) if order else in_force


def with_people_of(engagements: list[Engagement]) -> list[Engagement]:
    """These engagements with their coach's and coachee's people, read in one query."""
    attach_people([(engagements, ["coach", "coachee"])])
    return engagements


def with_places(rows: Iterable[Engagement]) -> list[Engagement]:
    """List rows (`rows_only`), with the places of those that show several coachees read in one
    query: a 1:1 row names its coachee, and reading every row's places cost models per row."""
    found = list(rows)
    several = [e for e in found if e.is_several]
    if several:
        order = _places().order_by("added_at", "id")
        prefetch_related_objects(several, Prefetch("participants", queryset=order))
    return found


def engagements_search(
    *,
    member: Membership,
    status: str = "",
    coach: str = "",
    text: str = "",
    rows_only: bool = False,
) -> QuerySet[Engagement]:
    """The engagements the member may see, with a status, a coach whose name or email contains
    `coach`, and a coachee's or coach's name or email containing `text`."""
    qs = engagements_visible_to(member=member, status=status or None, rows_only=rows_only)
    if coach:
        qs = qs.filter(
            Q(coach__user__name__icontains=coach) | Q(coach__user__email__icontains=coach)
        )
    if text:
        qs = qs.filter(
            Q(coachee__user__name__icontains=text)
            | Q(coachee__user__email__icontains=text)
            | Q(coach__user__name__icontains=text)
            | Q(coach__user__email__icontains=text)
        )
    return qs


def engagement_get(*, member: Membership, uuid: str) -> Engagement | None:
    """Any engagement of the caller's organization (the policy then decides); None for other tenants."""
    found = _with_people(Engagement.objects.filter(org=member.org, uuid=uuid)).first()
    if found is not None:
        found.org = member.org  # the caller's: its pages link by the organization's slug
    return found


def engagement_history(*, engagement: Engagement) -> QuerySet[EngagementTransition]:
    return engagement.history.select_related("by__user").order_by("at", "id")


def engagement_people(*, engagement: Engagement) -> list[EngagementParticipant]:
    """The current places (not left), lead coach first, then co-coaches, coachees, sponsors."""
    order = list(EngagementParticipant.Role.values)
    current = [p for p in engagement.participant_list() if p.left_at is None]
    return sorted(current, key=lambda p: (order.index(p.role), p.added_at))


def engagement_waiting_for(
    *, engagement: Engagement, member: Membership, as_read: bool = False
) -> list[EngagementParticipant]:
    """What waits for this member's answer: their own pending place, and, for the primary
    coachee, the sponsors and observers they have not approved yet. `as_read`: from the places
    the engagement was read with (engagement_get prefetches them with their people), for a page;
    else read afresh, for an answer about to be written."""
    places = (
        engagement.participant_list()
        if as_read
        else engagement.participants.select_related("member__user")
    )
    current = [p for p in places if p.left_at is None]
    own = [p for p in current if p.member_id == member.pk and p.acceptance == "pending"]
    if member.pk != engagement.coachee_id:
        return own
    approvals = [p for p in current if p.needs_coachee_approval and p.coachee_approved_at is None]
    return own + [p for p in approvals if p not in own]


@dataclass(frozen=True)
class PartyState:
    """One person who must accept the agreement, and whether they accepted this version."""

    member: Membership
    role: str
    accepted: bool
    accepted_at: datetime | None


def agreement_latest(*, engagement: Engagement) -> Agreement | None:
    return engagement.agreements.order_by("-version").first()


def agreement_state(*, engagement: Engagement, agreement: Agreement | None) -> list[PartyState]:
    """The coachees and sponsors who accept the agreement, and who accepted this version."""
    if agreement is None:
        return []
    accepted = {a.member_id: a.accepted_at for a in agreement.acceptances.all()}
    return [
        PartyState(
            p.member, p.get_role_display(), p.member_id in accepted, accepted.get(p.member_id)
        )
        for p in _agreement_parties(engagement)
    ]


def agreement_in_force(*, engagement: Engagement) -> Agreement | None:
    """The latest version every current party accepted (kept while a newer one waits)."""
    parties = {p.member_id for p in _agreement_parties(engagement)}
    for agreement in engagement.agreements.order_by("-version").prefetch_related("acceptances"):
        if parties <= {a.member_id for a in agreement.acceptances.all()}:
            return agreement
    return None


def _agreement_parties(engagement: Engagement) -> list[EngagementParticipant]:
    return [
        p
        for p in engagement.participant_list()
        if p.left_at is None
        and p.acceptance != EngagementParticipant.Acceptance.DECLINED
        and p.role in (EngagementParticipant.Role.COACHEE, EngagementParticipant.Role.SPONSOR)
    ]


def closing_reviews_of(*, engagement: Engagement) -> QuerySet[ClosingReview]:
    return engagement.closing_reviews.select_related("by__user")


def goals_to_close(*, engagement: Engagement) -> list[tuple[str, str]]:
    """(uuid, title) of the engagement's active person goals, to score at its closing review."""
    goal_model = importlib.import_module("trellis.goals.models").Goal
    goals = goal_model.objects.filter(engagement=engagement, level="person", status="active")
    return [(str(g.uuid), g.title) for g in goals.order_by("created_at", "id")]


def proposals_for(*, member: Membership, known: Iterable[Membership] = ()) -> list[Engagement]:
    """Engagements waiting for this member's answer (for their home page and the list); their
    people from the member, the people the page already read (`known`) and one query."""
    waiting = EngagementParticipant.objects.filter(
        member=member, left_at__isnull=True, acceptance=EngagementParticipant.Acceptance.PENDING
    )
    # named by id, read first: most people have none, and then the wide read of the engagements
    # with their people (nine tables) is neither sent nor even compiled (a millisecond of Python)
    ids = list(waiting.values_list("engagement_id", flat=True))
    if not ids:
        return []
    open_ones = Engagement.objects.filter(
        pk__in=ids, status__in=(Engagement.Status.PROPOSED, *GRANTING_STATUSES)
    )
    # a line each (who proposed what to whom): the coach, the coachee and the proposer, no
    # places; the people read apart (six joined tables cost more to compile than to run)
    found = list(open_ones.order_by("id"))
    attach_people([(found, ["coach", "coachee", "proposed_by"])], known=[member, *known])
    return found


def members_with_role(*, member: Membership, role: str) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(org=member.org, is_active=True, **{f"is_{role}": True})
        .select_related("user")
        .order_by("user__name")
    )


# -- coaching sessions ---------------------------------------------------------------------------


def sessions_visible_to(*, member: Membership) -> QuerySet[CoachingSession]:
    """Sessions the member may know about: their own as coach or coachee; the sessions of the
    engagements they sponsor and, for an admin, of every engagement (date and framework only).
    Someone's self-coaching is theirs alone."""
    qs = (
        CoachingSession.objects.filter(org=member.org)
        .select_related("coach__user", "coachee__user", "framework_version", "engagement")
        .prefetch_related("engagement__participants")  # the policy asks them for every row
    )
    own = Q(coach=member) | Q(coachee=member)
    if member.is_admin:
        return qs.filter(own | Q(engagement__isnull=False))
    # a sponsor: the sessions of the engagements whose agreement in force shows them attendance
    seen = visibility.sponsored_seeing(member, "attendance")
    return qs.filter(own | Q(engagement__sponsor=member, engagement_id__in=seen))


def session_get(*, member: Membership, uuid: str) -> CoachingSession | None:
    """Any session of the caller's organization (the policy then decides); None otherwise."""
    return (
        CoachingSession.objects.filter(org=member.org, uuid=uuid)
        .select_related("coach__user", "coachee__user", "framework_version", "engagement")
        .first()
    )


def sessions_of_engagement(
    *, engagement: Engagement, member: Membership | None = None
) -> QuerySet[CoachingSession]:
    """The engagement's coaching sessions (date, framework); none for a sponsor whose agreement in
    force does not show them attendance."""
    if member is not None and policy.withheld_from_sponsor(member, engagement, "attendance"):
        return CoachingSession.objects.none()
    return engagement.sessions.select_related("framework_version", "coach__user", "coachee__user")


def session_engine(session: CoachingSession) -> Engine:
    """The session engine, restored with the exact framework version the session runs with."""
    return Engine.from_dict(session.state, framework_of(session.framework_version))


def previous_plan_of(engagement: Engagement) -> PreviousPlan | None:
    """What the engagement's latest finished session planned, for the next one to review."""
    last = (
        engagement.sessions.filter(status=CoachingSession.Status.FINISHED)
        .exclude(artifacts=None)
        .select_related("framework_version", "coachee__user")
        .order_by("-finished_at", "-id")
        .first()
    )
    if last is None or last.finished_at is None:
        return None
    finished_on = last.finished_at.astimezone(_zone(last.coachee.user.time_zone)).date()
    return previous_plan(
        last.artifacts, framework=last.framework_version.name, finished_on=finished_on.isoformat()
    )


def went_back_from(session: CoachingSession, stage: str) -> str:
    """The message when saving `stage` just took the session back to the goal ("" otherwise)."""
    went_back = session.state.get("went_back") or []
    if (
        went_back
        and went_back[-1]["from"] == stage
        and session.state["current"] == went_back[-1]["to"]
    ):
        return str(went_back[-1]["message"])
    return ""


def date_reader(coachee: Membership, when: datetime) -> DateParser:
    """Reads dates written in words ("end of June") from the day `when` is in the coachee's zone."""
    today = when.astimezone(_zone(coachee.user.time_zone)).date()
    return lambda text: parse_due(text, today=today)


def session_artifacts(session: CoachingSession) -> Artifacts:
    """What the session produced; dates in words are read from the day it finished."""
    engine = session_engine(session)
    return engine.artifacts(date_reader(session.coachee, session.finished_at or timezone.now()))


def session_markdown(session: CoachingSession, notes: list[SessionNote]) -> str:
    """The Markdown export: the artifacts, then the notes the reader may see (never private)."""
    framework = framework_of(session.framework_version)
    title = f"{framework.name} session, {session.started_at:%Y-%m-%d}"
    text = artifacts_markdown(session_artifacts(session), framework, title=title)
    shared = [note for note in notes if note.visibility == SessionNote.Visibility.SHARED]
    if shared:
        text = text.rstrip("\n") + "\n\n## Shared notes\n\n"
        text += "".join(f"- {note.author.user}: {note.text}\n" for note in shared)
    return text


def artifacts_json(artifacts: Artifacts) -> Any:
    """Artifacts as plain JSON: tables for dataclasses, lists for tuples, ISO text for dates."""
    return _plain(artifacts)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def session_notes_for(*, member: Membership, session: CoachingSession) -> list[SessionNote]:
    """The notes of a session this member may read: the coach all of them, the coachee the
    shared ones, a sponsor those the coachee shared with them."""
    notes = session.notes.select_related("author__user", "shared_with__user")
    return [note for note in notes if _may_read(member, note)]


def notes_shared_with_sponsor(*, engagement: Engagement) -> QuerySet[SessionNote]:
    """The notes the coachee shared with the engagement's sponsor by name, while the agreement in
    force lets the sponsor see shared notes (trellis/engagements/visibility.py)."""
    if "shared_notes" not in visibility.sponsor_sees(engagement):
        return SessionNote.objects.none()
    return SessionNote.objects.filter(
        session__engagement=engagement,
        visibility=SessionNote.Visibility.SHARED,
        shared_with_sponsor=True,
        shared_with_id=engagement.sponsor_id,  # shared with this sponsor, not an earlier one
    ).select_related("author__user", "session__framework_version")


def _may_read(member: Membership, note: SessionNote) -> bool:
    if note.visibility == SessionNote.Visibility.PRIVATE:
        return policy.allows(member, "note.private.read", note)
    return policy.allows(member, "note.shared.read", note)


def plan_from_sessions(*, coachee: Membership) -> list[CoachingSession]:
    """Finished sessions whose goal and actions the goals app has not taken over yet."""
    return list(
        CoachingSession.objects.filter(
            coachee=coachee,
            status=CoachingSession.Status.FINISHED,
            artifacts_moved_at__isnull=True,
        ).select_related("framework_version", "coach__user")
    )


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
