"""`{% efficacy_hint "textarea-id" %}` (the inclusive-wording hint wherever a participant or a
peer coach writes), `{% efficacy_section program %}` (a program page's section: the stories
link and, for who runs or coaches in it, the self-efficacy change) and
`{% after_check_in action %}` (the small-win prompt once an action is done, and the one-tap mood
after one's own check-in)."""

from datetime import timedelta
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.efficacy import selectors
from trellis.efficacy.models import Mood, SmallWin
from trellis.efficacy.selectors import ProgramScope
from trellis.goals.models import Action

register = template.Library()
NOTHING = mark_safe("")
MOOD_WINDOW = timedelta(hours=1)


def _member(context: template.Context) -> Membership | None:
    return getattr(context.get("request"), "member", None)


@register.simple_tag(takes_context=True)
def efficacy_hint(context: template.Context, *target: Any) -> SafeString:
    member = _member(context)
    if member is None or not policy.allows(member, "efficacy.hint"):
        return NOTHING
    return render_to_string(
        "efficacy/_hint.html",
        {"target": "".join(str(p) for p in target), "slug": member.org.slug},
    )


@register.simple_tag(takes_context=True)
def efficacy_section(context: template.Context, program: Any) -> SafeString:
    member = _member(context)
    scope = ProgramScope(program)
    if member is None or not policy.allows(member, "efficacy.program.view", scope):
        return NOTHING
    reviews = policy.allows(member, "efficacy.story.review", scope)
    return render_to_string(
        "efficacy/_section.html",
        {
            "slug": member.org.slug,
            "program": program,
            "to_review": selectors.stories_to_review(program=program).count() if reviews else 0,
            "change": selectors.efficacy_change(program=program)
            if policy.allows(member, "efficacy.change.read", scope)
            else None,
        },
    )


@register.simple_tag(takes_context=True)
def after_check_in(context: template.Context, action: Any) -> SafeString:
    member = _member(context)
    if member is not None and action is not None and not isinstance(action, Action):
        action = Action.objects.filter(goal__org=member.org, uuid=action).first()
    if member is None or action is None or action.owner_id != member.pk:
        return NOTHING
    win_action = None
    if (
        action.status == "done"
        and not SmallWin.objects.filter(member=member, action=action).exists()
    ):
        win_action = action
    latest = action.check_ins.filter(by=member).order_by("-created_at").first()
    mood_check_in = None
    if (
        latest is not None
        and latest.created_at > timezone.now() - MOOD_WINDOW
        and not Mood.objects.filter(check_in=latest).exists()
    ):
        mood_check_in = latest
    if win_action is None and mood_check_in is None:
        return NOTHING
    request = context.get("request")
    return render_to_string(
        "efficacy/_after_check_in.html",
        {
            "slug": member.org.slug,
            "win_action": win_action,
            "mood_check_in": mood_check_in,
            "mood_levels": Mood.Level.choices,
            "next": _here(request),
        },
        request=request,
    )


def _here(request: Any) -> str:
    """The page the person is on (for htmx, the page that sent the request), to come back to."""
    if request is None:
        return ""
    current = request.headers.get("HX-Current-URL", "")
    if current:
        from urllib.parse import urlsplit

        parts = urlsplit(current)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return str(request.get_full_path())


@register.simple_tag(takes_context=True)
def peer_hint(context: template.Context, target: str, engagement: Any) -> SafeString:
    """The inclusive-wording hint for a peer coach writing in a peer engagement (coaches already
    have the coaches' hint there; this one is for peers without the coach role)."""
    member = _member(context)
    if member is None or engagement is None or engagement.kind != "peer":
        return NOTHING
    if policy.allows(member, "language.inclusive.use"):
        return NOTHING  # the coaches' hint is on the page already
    if "peer" not in engagement.participant_relations(member):
        return NOTHING
    return efficacy_hint(context, target)
