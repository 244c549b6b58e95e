"""`{% language_insight "textarea-id" %}` for coachees, `{% inclusive_hint "textarea-id" %}` for
coaches, and `{% language_trend engagement %}` for the plan page. Each renders nothing for someone
the feature is not for: a coachee who did not opt in, an organization that switched it off, a coach
the coachee does not share their trend with."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.insights import selectors
from trellis.insights.views import trend_context

register = template.Library()
NOTHING = mark_safe("")


def _member(context: template.Context) -> Membership | None:
    return getattr(context.get("request"), "member", None)


def _cached(context: template.Context, key: str, compute: Any) -> Any:
    """Once per request: a page may hold many text fields."""
    request = context.get("request")
    cache = request.__dict__.setdefault("_insights", {}) if request is not None else {}
    if key not in cache:
        cache[key] = compute()
    return cache[key]


# stands for the text field's id in a panel rendered once a request (letters only: kept as is)
TARGET = "trellisinsighttarget"


def _panel(context: template.Context, partial: str, parts: tuple[Any, ...]) -> SafeString:
    member = _member(context)
    assert member is not None
    target = "".join(str(part) for part in parts)
    # Without the request: the panel needs only these two values, and a request would run every
    # context processor (the navigation's query among them) again for each text field of a page.
    # Rendered once a request and given each field's id: My plan has a panel per open action.
    html = _cached(
        context,
        f"panel:{partial}",
        lambda: render_to_string(
            f"insights/_panel.html#{partial}", {"target": TARGET, "slug": member.org.slug}
        ),
    )
    return mark_safe(html.replace(TARGET, conditional_escape(target)))  # each id escaped


@register.simple_tag(takes_context=True)
def language_insight(context: template.Context, *target: Any) -> SafeString:
    """The live stance panel for the text field with this id (the parts are joined)."""
    member = _member(context)
    if not _cached(context, "insight", lambda: selectors.insight_on(member=member)):
        english_only = _cached(context, "english_only", lambda: _english_only(member))
        if english_only and _first_time(context, "english_only"):
            return _panel(context, "english_only", target)
        return NOTHING
    return _panel(context, "insight_panel", target)


def _first_time(context: template.Context, key: str) -> bool:
    """True once a request: a note said above the first text field of a page only."""
    request = context.get("request")
    said = request.__dict__.setdefault("_insights_said", set()) if request is not None else set()
    first = key not in said
    said.add(key)
    return first


def _english_only(member: Membership | None) -> bool:
    """Whether the insight is off only because the member uses Trellis in another language."""
    return (
        member is not None
        and member.is_active
        and member.is_coachee
        and member.org.language_insight_enabled
        and not selectors.writes_english(member=member)
        and selectors.preference_of(member=member).language_insight
    )


@register.simple_tag(takes_context=True)
def inclusive_hint(context: template.Context, *target: Any) -> SafeString:
    """The live inclusive-wording hint for the text field with this id, for coaches."""
    member = _member(context)
    if not _cached(
        context,
        "inclusive",
        lambda: (
            member is not None
            and policy.allows(member, "language.inclusive.use")
            and selectors.writes_english(member=member)
        ),
    ):
        return NOTHING
    return _panel(context, "inclusive_panel", target)


@register.simple_tag(takes_context=True)
def language_trend(context: template.Context, whose: Any = None) -> SafeString:
    """The coachee's weekly player-language share: for the coachee who uses the insight, and for
    their coach when the coachee shares it. `whose` is an engagement, a membership or nothing
    (the signed-in member)."""
    member = _member(context)
    coachee: Membership | None
    if isinstance(whose, Engagement):
        coachee = whose.coachee
    elif isinstance(whose, Membership):
        coachee = whose
    else:
        coachee = member
    if member is None or coachee is None or not coachee.is_coachee:
        return NOTHING
    preference = selectors.preference_of(member=coachee)
    if not preference.language_insight:
        return NOTHING
    if not policy.allows(member, "language.trend.read", preference):
        return NOTHING
    # the request as a value, not as render_to_string(request=...): that would run every
    # context processor again for one card (the card reads only the organization from it)
    return render_to_string(
        "insights/_panel.html#trend_card",
        {
            "request": context.get("request"),
            "coachee": coachee,
            "mine": coachee.pk == member.pk,
            **trend_context(coachee),
        },
    )
