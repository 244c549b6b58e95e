"""`{% leadership_session_links session %}`: on a coaching session of an engagement with a
leadership track (a leadership program template, or a leadership goal on the engagement), links
to record a decision from this session and to the organization's mission and values, and the
parts of the mission and the values the session worked on (its coach and coachee tick them)."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from trellis.accounts import policy
from trellis.leadership import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def leadership_session_links(context: template.Context, session: Any) -> SafeString:
    member = getattr(context.get("request"), "member", None)
    engagement = getattr(session, "engagement", None)
    if member is None or engagement is None or not selectors.has_leadership_track(engagement):
        return mark_safe("")
    may_decide = policy.allows(member, "decision.create") and policy.allows(
        member, "session.content.read", session
    )
    may_read_mission = policy.allows(member, "mission.read")
    if not (may_decide or may_read_mission):
        return mark_safe("")
    reads_content = policy.allows(member, "session.content.read", session)
    linked = selectors.session_parts(session) if reads_content else []
    return render_to_string(
        "leadership/_session_links.html",
        {
            "session": session,
            "slug": member.org.slug,
            "may_decide": may_decide,
            "may_read_mission": may_read_mission,
            "mission": list(selectors.mission_of(member.org)) if may_read_mission else [],
            "linked": linked,
            "linked_ids": {part.pk for part in linked},
            "may_link": may_read_mission and policy.allows(member, "session.run", session),
        },
        request=context.get("request"),
    )
