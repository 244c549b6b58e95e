"""{% event_label event %}: an event's title for its coachee and their coach, its type for others."""

from typing import Any

from django import template

from trellis.scheduling import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def event_label(context: dict[str, Any], event: Any) -> str:
    member = getattr(context["request"], "member", None)
    if member is None:
        return str(event.type_label)
    return selectors.event_label(member=member, event=event)
