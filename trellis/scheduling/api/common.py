"""The scheduling API's router, conversions to answers and lookups."""

from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Router

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.scheduling import selectors
from trellis.scheduling.api.schemas import TriggerIO
from trellis.scheduling.forms import REPEAT_RULES
from trellis.scheduling.models import CareerEvent, ScheduledSession, SessionSeries, TriggerRule

router = Router(tags=["scheduling"])

ERROR_AWARE = gettext_lazy(
    "Give a date and time with its UTC offset, e.g. 2026-03-03T09:00:00+00:00."
)
ERROR_NO_MEMBER = gettext_lazy("No coachee of this organization has that id.")
ERROR_RANGE = gettext_lazy("The range is at most 92 days and ends after it starts.")

# helpers


def aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError({field: ERROR_AWARE})
    return value


def person_out(m: Membership) -> dict[str, object]:
    return {"id": m.uuid, "name": m.user.display_name}


def session_out(o: ScheduledSession, member: Membership) -> dict[str, object]:
    details = policy.allows(member, "calendar.session.details", o.series)
    return {
        "id": o.uuid,
        "series_id": o.series.uuid,
        "engagement_id": o.series.engagement.uuid,
        "kind": o.series.kind,
        "title": o.series.summary if details else None,
        "start": o.start,
        "end": o.end,
        "status": o.status,
        "moved": o.moved,
        "late_cancellation": o.late,
        "reason": o.reason if details else None,
        "coach": person_out(o.coach),
        "coachee": person_out(o.coachee),
        "attendance": selectors.attendance_of(o, now=timezone.now()).key,
    }


def series_out(s: SessionSeries, member: Membership) -> dict[str, object]:
    repeat = next((k for k, v in REPEAT_RULES.items() if v == (s.freq, s.interval)), s.freq)
    rows = s.occurrences.select_related(
        "series__engagement", "coach__user", "coachee__user"
    ).order_by("start")[:60]
    return {
        "id": s.uuid,
        "engagement_id": s.engagement.uuid,
        "kind": s.kind,
        "title": s.summary,
        "timezone": s.timezone,
        "starts_at": s.starts_at,
        "duration_minutes": s.duration_minutes,
        "repeat": repeat,
        "until": s.until,
        "count": s.count,
        "sequence": s.sequence,
        "cancelled": s.is_cancelled,
        "sessions": [session_out(o, member) for o in rows],
    }


def engagement_for(member: Membership, engagement_id: UUID, action: str) -> Engagement:
    engagement = selectors.engagement_get(member=member, uuid=engagement_id)
    if engagement is None:
        raise Http404
    policy.require(member, action, engagement)
    return engagement


def occurrence_for(member: Membership, session_id: UUID, action: str) -> ScheduledSession:
    found = selectors.occurrence_get(member=member, uuid=session_id)
    if found is None:
        raise Http404
    policy.require(member, action, found.series)
    return found


def event_for(member: Membership, event_id: UUID, action: str) -> CareerEvent:
    found = selectors.event_get(member=member, uuid=event_id)
    if found is None:
        raise Http404
    policy.require(member, action, found)
    return found


def event_out(e: CareerEvent, member: Membership) -> dict[str, object]:
    return {
        "id": e.uuid,
        "coachee": person_out(e.coachee),
        "type": e.type,
        "label": e.type_label,
        "date": e.date,
        # in the reader's language where Trellis wrote them (an overdue action's event)
        "title": e.title_shown if policy.allows(member, "event.details.read", e) else None,
        "notes": e.notes_shown if policy.allows(member, "event.notes.read", e) else None,
        "source": e.source,
        "sessions": [
            {
                "id": f.uuid,
                "framework_key": f.framework_key,
                "by_rule": f.rule_id is not None,
                "coaching_session_id": f.coaching_session_uuid,
                "error": f.error,
            }
            for f in e.firings.all()
        ],
    }


def trigger_out(r: TriggerRule) -> dict[str, object]:
    fields = TriggerIO.model_fields
    return {"id": r.uuid, **{name: getattr(r, name) for name in fields}}
