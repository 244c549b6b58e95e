"""Reads for engagements, coaching sessions and notes, filtered to what the caller may see."""

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Q, QuerySet
from django.utils import timezone

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.frameworks import Artifacts, artifacts_markdown
from trellis.core.frameworks import CoachingSession as Engine
from trellis.core.frameworks.answers import DateParser
from trellis.core.goals import parse_due
from trellis.engagements.models import CoachingSession, Engagement, SessionNote
from trellis.frameworks.selectors import framework_of


def engagements_visible_to(*, member: Membership) -> QuerySet[Engagement]:
    qs = Engagement.objects.filter(org=member.org).select_related(
        "coach__user", "coachee__user", "sponsor__user"
    )
    if member.is_admin:
        return qs
    return qs.filter(Q(coach=member) | Q(coachee=member) | Q(sponsor=member))


def engagement_get(*, member: Membership, uuid: str) -> Engagement | None:
    """Any engagement of the caller's organization (the policy then decides); None for other tenants."""
    return (
        Engagement.objects.filter(org=member.org, uuid=uuid)
        .select_related("coach__user", "coachee__user", "sponsor__user")
        .first()
    )


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
    qs = CoachingSession.objects.filter(org=member.org).select_related(
        "coach__user", "coachee__user", "framework_version", "engagement"
    )
    own = Q(coach=member) | Q(coachee=member)
    if member.is_admin:
        return qs.filter(own | Q(engagement__isnull=False))
    return qs.filter(own | Q(engagement__sponsor=member))


def session_get(*, member: Membership, uuid: str) -> CoachingSession | None:
    """Any session of the caller's organization (the policy then decides); None otherwise."""
    return (
        CoachingSession.objects.filter(org=member.org, uuid=uuid)
        .select_related("coach__user", "coachee__user", "framework_version", "engagement")
        .first()
    )


def sessions_of_engagement(*, engagement: Engagement) -> QuerySet[CoachingSession]:
    return engagement.sessions.select_related("framework_version", "coach__user", "coachee__user")


def session_engine(session: CoachingSession) -> Engine:
    """The session engine, restored with the exact framework version the session runs with."""
    return Engine.from_dict(session.state, framework_of(session.framework_version))


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
    notes = session.notes.select_related("author__user")
    return [note for note in notes if _may_read(member, note)]


def notes_shared_with_sponsor(*, engagement: Engagement) -> QuerySet[SessionNote]:
    return SessionNote.objects.filter(
        session__engagement=engagement,
        visibility=SessionNote.Visibility.SHARED,
        shared_with_sponsor=True,
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
