"""The home's repeated lines written in Python rather than as template includes and loops: a
session line (`{{ s|home_session_line }}`), a line of what a coachee shared (`{{ i|shared_line }}`)
and the rows of the coachees table (`{% engagement_table_rows rows %}`).

A coach's home shows a dozen sessions, five shared lines and ten engagements; each line's dates,
translated sentence, link and badges through the template cost 300 to 700 Python calls (the coach's
home at 10,000 coachees: about 13,000 of its 128,000). They read as the templates they replaced
(test_home_lines.py compares them), on the person's clock (the home renders in their zone: `localtime`, as the date filter does). Every
value is escaped here.
"""

from html import escape  # what django.utils.html.escape calls, without its lazy-text wrapper
from typing import Any
from uuid import UUID

from django import template
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

register = template.Library()

BLANK = str(UUID(int=0))


@register.filter
def home_session_line(s: Any) -> SafeString:
    """A session on the home (web/selectors/home SessionItem): when, what, with whom, whether
    they came, and the link to start, log or open it."""
    start = localtime(s.start)
    name = escape(str(s.with_name))
    said = gettext("· %(title)s with %(with_name)s") % {
        "title": escape(str(s.title)),
        "with_name": name,
    }
    return mark_safe(
        f'\n<li class="home-item"><strong>{escape(date_format(start, "D j M, H:i"))}</strong> {said}\n'
        f'  <span class="badge">{escape(str(s.attendance))}</span> <a href="{escape(s.url)}">'
        f'{escape(str(s.link_label))}<span class="visually-hidden"> ({name}, '
        f"{escape(date_format(start, 'j M H:i'))})</span></a></li>\n"
    )


@register.filter
def shared_line(i: Any) -> SafeString:
    """A check-in or a shared session note on the coach's home (SharedItem)."""
    did = gettext("checked in on") if i.kind == "check-in" else gettext("wrote a note:")
    text = (
        f'\n        <p class="home-text">{escape(truncatechars(i.text, 240))}</p>'
        if i.text
        else "\n        "
    )
    return mark_safe(
        f'\n      <li class="home-item"><strong>{escape(str(i.who))}</strong> · {escape(did)} '
        f'<a href="{escape(i.url)}">{escape(str(i.about))}</a> <span class="muted">'
        f"{escape(date_format(localtime(i.at), 'D j M, H:i'))}</span>{text}</li>"
    )


@register.simple_tag(takes_context=True)
def engagement_table_rows(context: Any, rows: Any) -> SafeString:
    """The coachees table's rows on the coach's home: coach, coachee (a link), topic, since, status."""
    url = reverse("engagements:detail", args=[context["request"].org.slug, BLANK])
    lines = []
    for e in rows:
        since = escape(date_format(e.started_on, "j M Y")) if e.started_on else ""
        lines.append(
            f"\n    <tr><td>{escape(str(e.coach.user))}</td><td><a href="
            f'"{escape(url.replace(BLANK, str(e.uuid)))}">{escape(str(e.coachee.user))}</a></td>\n'
            f"      <td>{escape(str(e.topic or '—'))}</td><td>{since}</td>"
            f"<td>{escape(str(e.get_status_display()))}</td></tr>\n  "
        )
    return mark_safe("".join(lines))
