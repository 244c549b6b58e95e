"""`{{ item|calendar_line }}`: one calendar item as its line on the week calendar and the agenda.

Written in Python rather than as a template partial: a coach's week shows a hundred items, and
the partial's dozen tags and variables for each cost a quarter of the page (the week calendar at
10,000 coachees: about 24,000 of its 87,000 Python calls). Every value is escaped here.
"""

from html import escape  # what django.utils.html.escape calls, without its lazy-text wrapper

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from trellis.accounts.language import words_in_language
from trellis.scheduling.calendar_items import CalendarItem

register = template.Library()


# a line's words, translated once a process for each language
LINE_WORDS = (
    ("cancelled, late", gettext_noop("cancelled, late")),
    ("cancelled", gettext_noop("cancelled")),
    ("moved", gettext_noop("moved")),
    ("action", gettext_noop("(action due)")),
    ("event", gettext_noop("(career event)")),
)


@register.filter
def calendar_line(item: CalendarItem) -> SafeString:
    parts = [f'<li class="item {escape(item.kind)}{" cancelled" if item.cancelled else ""}">\n  ']
    if item.start:
        parts.append(
            f'<time datetime="{escape(item.start_iso)}">{escape(item.start_clock)}</time>–'  # noqa: RUF001  (the en dash of a time range)
            f'<time datetime="{escape(item.end_iso)}">{escape(item.end_clock)}</time>'
        )
    parts.append(f'\n  <a href="{escape(item.url)}">{escape(item.title)}</a>')
    if item.who:
        parts.append(f' <span class="muted">· {escape(item.who)}</span>')
    words = words_in_language(LINE_WORDS)
    badge = ""
    if item.cancelled:
        badge = words["cancelled, late"] if item.late else words["cancelled"]
    elif item.moved:
        badge = words["moved"]
    parts.append(f'\n  <span class="badge">{escape(badge)}</span>' if badge else "\n  ")
    hidden = words.get(item.kind, "")
    parts.append(f'\n  <span class="visually-hidden">{escape(hidden)}</span>' if hidden else "\n  ")
    parts.append("\n</li>\n")
    return mark_safe("".join(parts))


@register.filter
def plan_session_lines(rows: list[dict[str, str]]) -> SafeString:
    """The 'Plan sessions' list's lines: a coach's fifty engagements, each a link and its topic
    (as a loop of three variables, about 6,000 of the week calendar's 65,000 Python calls)."""
    return mark_safe(
        "".join(
            f'\n  <li><a href="{escape(str(row["url"]))}">{escape(str(row["name"]))}</a>'
            f' <span class="muted">{escape(str(row["topic"]))}</span></li>\n'
            for row in rows
        )
    )
