"""Small template helpers for plans: SVG progress bars, GAS levels, revision changes, a row of
the coach's list of plans, and the check-in form of an action on a plan."""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape as html_escape  # django.utils.html.escape without its lazy wrapper
from typing import Any
from uuid import UUID, uuid4

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from trellis.accounts.language import words_in_language
from trellis.core.charts import progress_bar
from trellis.goals.services.common import field_label, shown

register = template.Library()

BLANK = str(UUID(int=0))  # stands for a uuid in an address reversed once for many rows
ONE = Decimal(1)


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


@lru_cache(maxsize=256)
def _plan_address(slug: str, urlconf: str | None, prefix: str) -> str:
    """A plan's address with BLANK for the engagement's uuid: reversed once a process for each
    organization, URLconf and script prefix (the key), where a list reversed it for every row."""
    del urlconf, prefix  # part of the key only: reverse() reads them itself
    return reverse("goals:engagement_plan", args=[slug, BLANK])


def _whole_percent(value: float) -> str:
    """`value|floatformat:0` for a percentage (0 to 100): rounded half up, no grouping."""
    if value < 0:
        return str(floatformat(value, 0))
    return str(Decimal(str(value)).quantize(ONE, rounding=ROUND_HALF_UP))


ROW_WORDS = (
    ("stalled", gettext_noop("Stalled")),
    ("overdue", gettext_noop("%(count)s overdue")),
    ("commitment", gettext_noop("Commitment %(commitment)s/10")),
    ("on_track", gettext_noop("On track")),
    ("active", gettext_noop("%(count)s active")),
)


def _number(value: Any) -> str:
    """`localize(value)` (what `{{ value }}` shows), without its format lookups for a whole
    number when numbers are not grouped by thousands."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return str(localize(value))


@register.filter
def plan_row(row: Any, slug: str) -> SafeString:
    """A row of the coach's list of plans (goals/plans.html): written here rather than in the
    template, where its badges, links and numbers cost a thousand Python calls a row (a page of
    25 rows: a quarter of the page). Each value is escaped."""
    engagement, plan, attention = row.engagement, row.plan, row.plan.attention
    url = _plan_address(slug, get_urlconf(), get_script_prefix()).replace(
        BLANK, str(engagement.uuid)
    )
    user = engagement.coachee.user

    def badge(kind: str, text: str, shown: bool) -> str:
        return f'<span class="badge {kind}">{html_escape(text)}</span>' if shown else ""

    words = words_in_language(ROW_WORDS)
    stalled = badge("stalled", words["stalled"], attention.stalled)
    overdue = badge(
        "overdue",
        words["overdue"] % {"count": _number(attention.overdue)},
        bool(attention.overdue),
    )
    commitment = badge(
        "due_soon",
        words["commitment"] % {"commitment": _number(attention.lowest_commitment)},
        attention.low_commitment,
    )
    on_track = badge("ok", words["on_track"], not attention.needs_attention)
    progress = plan.progress
    percent = f"{_whole_percent(progress)}%" if progress is not None else ""
    active = words["active"] % {"count": _number(len(plan.active_goals))}
    cells = [
        f'<td><a href="{html_escape(url)}">{html_escape(str(user))}</a><br>'
        f'<span class="muted">{html_escape(str(engagement.topic))}</span></td>',
        f"<td>{stalled}\n        {overdue}\n        {commitment}\n        {on_track}</td>",
        f"<td>{progress_svg(progress, user.display_name)} {percent}</td>",
        f"<td>{html_escape(t_score(plan.t_score))} {html_escape(trend_arrow(plan.direction))}</td>",
        f"<td>{html_escape(active)}</td>",
    ]
    return mark_safe("<tr>\n      " + "\n      ".join(cells) + "\n    </tr>")  # values escaped


def _check_in_form_parts(context: template.Context) -> dict[str, str]:
    """What every check-in form of a plan shares, worked out once a page: its words, addresses
    and hidden fields (a plan has a form for each open action)."""
    slug = context["slug"]
    engagement = context.get("engagement")
    if context.get("mine"):
        came_from, back = "mine", reverse("goals:my_plan", args=[slug])
    else:
        assert engagement is not None  # a coach's view of a coachee's plan
        came_from = str(engagement.uuid)
        back = reverse("goals:engagement_plan", args=[slug, engagement.uuid])
    csrf = context.get("csrf_token")
    return {
        "post": html_escape(reverse("goals:check_in", args=[slug, BLANK])),
        "from": html_escape(came_from),
        "next": html_escape(back),
        "csrf": f'<input type="hidden" name="csrfmiddlewaretoken" value="{html_escape(str(csrf))}">'
        if csrf and csrf != "NOTPROVIDED"
        else "",
        **{key: html_escape(text) for key, text in words_in_language(CHECK_IN_WORDS).items()},
    }


CHECK_IN_WORDS = (
    ("check_in", gettext_noop("Check in")),
    ("progress", gettext_noop("Progress (%)")),
    ("done", gettext_noop("Done")),
    ("note", gettext_noop("Note")),
    ("blockers", gettext_noop("Blockers")),
    ("save", gettext_noop("Save check-in")),
)


@register.simple_tag(takes_context=True)
def check_in_form(context: template.Context, action: Any) -> SafeString:
    """An open action's check-in form on a plan (goals/plan.html), written here rather than in
    the template: a coachee's plan has one for each open action, and its tags cost about 700
    Python calls a form (My plan: 7,400 of its 75,000). Each value is escaped; the language
    panel is the insights app's own tag."""
    from trellis.api.idempotency import FIELD  # the same hidden field as {% idempotency_field %}
    from trellis.insights.templatetags.insights import language_insight

    kept = context.render_context
    words = kept.get("check_in_form")
    if words is None:
        words = kept["check_in_form"] = _check_in_form_parts(context)
    uuid = action.uuid
    post = words["post"].replace(BLANK, str(uuid))
    is_open = context.get("check_in_action") == uuid and context.get("check_in_error")
    on_what = _("on %(what)s") % {"what": conditional_escape(action.what)}
    percent = conditional_escape(localize(action.percent))
    insight = language_insight(context, "note-", uuid)
    return mark_safe(
        f'<details class="check-in"{" open" if is_open else ""}>\n'
        f'            <summary>{words["check_in"]}<span class="visually-hidden"> {on_what}</span></summary>\n'
        f'            <form method="post" action="{post}" hx-post="{post}" hx-target="#plan" hx-swap="outerHTML">\n'
        f'              {words["csrf"]}<input type="hidden" name="{FIELD}" value="{uuid4()}">\n'
        f'              <input type="hidden" name="from" value="{words["from"]}">\n'
        f'              <input type="hidden" name="next" value="{words["next"]}">\n'
        f'              <label for="percent-{uuid}">{words["progress"]}</label>\n'
        f'              <input type="number" min="0" max="100" name="percent" id="percent-{uuid}" value="{percent}">\n'
        f'              <label><input type="checkbox" name="done"> {words["done"]}</label>\n'
        f'              <label for="note-{uuid}">{words["note"]}</label>\n'
        f'              <input type="text" name="note" id="note-{uuid}">{insight}\n'
        f'              <label for="blockers-{uuid}">{words["blockers"]}</label>\n'
        f'              <input type="text" name="blockers" id="blockers-{uuid}">\n'
        f'              <button type="submit">{words["save"]}</button>\n'
        f"            </form>\n"
        f"          </details>"
    )
