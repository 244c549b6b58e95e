"""A track's event-driven sessions: a program template's `[event_sessions]` names the career events
that open a focused session (the executive-career track: a promotion decision, a role change, an
interview, an offer, a setback...). When such an event is logged for someone whose engagement came
from an enrolment in that program, a session of the template's framework is opened in it, once per
event, whatever org-wide trigger rules say (a rule that already opened one is enough)."""

from trellis.programs.models import Enrolment
from trellis.scheduling.models import CareerEvent, TriggerFiring
from trellis.scheduling.services.events import event_session_open


def track_event_session(event: CareerEvent) -> TriggerFiring | None:
    """The session the event's track asks for, or None (no track, or not one of its events)."""
    if event.engagement_id is None:
        return None
    enrolment = (
        Enrolment.objects.filter(engagement_id=event.engagement_id)
        .select_related("program")
        .order_by("pk")
        .first()
    )
    if enrolment is None:
        return None
    wanted = enrolment.program.template.event_sessions
    if wanted is None or event.type not in wanted.on:
        return None
    return event_session_open(event=event, framework_key=wanted.framework)
