"""Small template helpers for plans: SVG progress bars, GAS levels, revision changes, and a row
of the coach's list of plans."""

from html import escape as html_escape  # django.utils.html.escape without its lazy wrapper
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trellis.core.charts import progress_bar
from trellis.goals.services.common import field_label, shown

register = template.Library()


@register.filter
def progress_svg(percent: float | None, label: str) -> SafeString:
    # core.charts builds the SVG with ElementTree, which escapes every text.
    return mark_safe(progress_bar(percent, label=_("Progress of %(label)s") % {"label": label}))


@register.filter
def gas_level(score: int | None) -> str:
    if score is None:
        return _("not scored")
    return f"{score:+d}" if score else "0"


@register.filter
def changes_list(changes: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {
            "field": field_label(name),
            "from": shown(c.get("from"), name),
            "to": shown(c.get("to"), name),
        }
        for name, c in changes.items()
    ]


@register.filter
def t_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


ARROWS = {
    "up": gettext_lazy("↑ rising"),
    "down": gettext_lazy("↓ falling"),
    "flat": gettext_lazy("→ steady"),
}


@register.filter
def trend_arrow(direction: str | None) -> str:
    return str(ARROWS.get(direction or "", ""))


@register.filter
def level_reached(score: Any) -> str:
    """A review score's level described in the goal's own words (GoalScore)."""
    if score.score is None:
        return ""
    return str(score.goal.gas_levels.describe(score.score))


@register.filter
def plan_row(row: Any, slug: str) -> SafeString:
    """A row of the coach's list of plans (goals/plans.html): written here rather than in the
    template, where its badges, links and numbers cost a thousand Python calls a row (a page of
    25 rows: a quarter of the page). Each value is escaped."""
    engagement, plan, attention = row.engagement, row.plan, row.plan.attention
    url = reverse("goals:engagement_plan", args=[slug, engagement.uuid])
    user = engagement.coachee.user

    def badge(kind: str, text: str, shown: bool) -> str:
        return f'<span class="badge {kind}">{html_escape(text)}</span>' if shown else ""

    stalled = badge("stalled", _("Stalled"), attention.stalled)
    overdue = badge(
        "overdue",
        _("%(count)s overdue") % {"count": localize(attention.overdue)},
        bool(attention.overdue),
    )
    commitment = badge(
        "due_soon",
        _("Commitment %(commitment)s/10") % {"commitment": localize(attention.lowest_commitment)},
        attention.low_commitment,
    )
    on_track = badge("ok", _("On track"), not attention.needs_attention)
    progress = plan.progress
    percent = f"{floatformat(progress, 0)}%" if progress is not None else ""
    active = _("%(count)s active") % {"count": localize(len(plan.active_goals))}
    cells = [
        f'<td><a href="{html_escape(url)}">{html_escape(str(user))}</a><br>'
        f'<span class="muted">{html_escape(str(engagement.topic))}</span></td>',
        f"<td>{stalled}\n        {overdue}\n        {commitment}\n        {on_track}</td>",
        f"<td>{progress_svg(progress, user.display_name)} {percent}</td>",
        f"<td>{html_escape(t_score(plan.t_score))} {html_escape(trend_arrow(plan.direction))}</td>",
        f"<td>{html_escape(active)}</td>",
    ]
    return mark_safe("<tr>\n      " + "\n      ".join(cells) + "\n    </tr>")  # values escaped
