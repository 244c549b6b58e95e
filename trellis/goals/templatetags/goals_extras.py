"""Small template helpers for plans: SVG progress bars, GAS levels, revision changes."""

from typing import Any

from django import template
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
