"""A calendar line reads the same as the template partial it replaced, in every state and
language, and escapes what people typed."""
# ruff: noqa: RUF001  (the en dash of a time range, as the page shows it)

from datetime import UTC, datetime
from itertools import product

import pytest
from django.template import Context, Template
from django.utils import translation

from trellis.scheduling.calendar_items import CalendarItem
from trellis.scheduling.templatetags.calendar_lines import calendar_line, plan_session_lines

# the partial the week calendar and the agenda rendered each item with, before calendar_line
PARTIAL = Template(
    """{% load i18n %}<li class="item {{ item.kind }}{% if item.cancelled %} cancelled{% endif %}">
  {% if item.start %}<time datetime="{{ item.start_iso }}">{{ item.start_clock }}</time>–<time datetime="{{ item.end_iso }}">{{ item.end_clock }}</time>{% endif %}
  <a href="{{ item.url }}">{{ item.title }}</a>{% if item.who %} <span class="muted">· {{ item.who }}</span>{% endif %}
  {% if item.cancelled %}<span class="badge">{% if item.late %}{% translate "cancelled, late" %}{% else %}{% translate "cancelled" %}{% endif %}</span>{% elif item.moved %}<span class="badge">{% translate "moved" %}</span>{% endif %}
  {% if item.kind == "action" %}<span class="visually-hidden">{% translate "(action due)" %}</span>{% elif item.kind == "event" %}<span class="visually-hidden">{% translate "(career event)" %}</span>{% endif %}
</li>
"""
)

START = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
END = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)


def _items() -> list[CalendarItem]:
    found = []
    for kind, timed, cancelled, late, moved, who in product(
        ("session", "action", "event"),
        (True, False),
        (True, False),
        (True, False),
        (True, False),
        ("", 'Bea "B" <O\'Neil> & co'),
    ):
        found.append(
            CalendarItem(
                kind,
                START if timed else None,
                END if timed else None,
                "Review <b>plan</b> & next steps",
                "/o/northwind/calendar/sessions/abc/?a=1&b=2",
                cancelled=cancelled,
                late=late,
                moved=moved,
                who=who,
                start_iso=START.isoformat() if timed else "",
                end_iso=END.isoformat() if timed else "",
                start_clock="09:30" if timed else "",
                end_clock="10:30" if timed else "",
            )
        )
    return found


@pytest.mark.parametrize("language", ["en-gb", "de", "es", "pt-br"])
def test_every_line_reads_as_the_partial_did(language: str) -> None:
    with translation.override(language):
        for item in _items():
            assert calendar_line(item) == PARTIAL.render(Context({"item": item})), item


def test_what_people_typed_is_escaped() -> None:
    line = calendar_line(_items()[-1])
    assert "<b>" not in line and "&lt;b&gt;plan&lt;/b&gt; &amp; next steps" in line
    assert "&lt;O&#x27;Neil&gt;" in line and "a=1&amp;b=2" in line


# the loop the calendar's 'Plan sessions' list rendered its rows with, before plan_session_lines
PLAN_SESSIONS = Template(
    """{% for e in engagements %}
  <li><a href="{{ e.url }}">{{ e.name }}</a> <span class="muted">{{ e.topic }}</span></li>
{% endfor %}"""
)


def test_the_plan_sessions_list_reads_as_its_loop_did() -> None:
    rows = [
        {
            "uuid": "a",
            "url": "/o/northwind/calendar/e/a/?x=1&y=2",
            "name": "Bea <O'Neil>",
            "topic": "",
        },
        {
            "uuid": "b",
            "url": "/o/northwind/calendar/e/b/",
            "name": "With Alice",
            "topic": 'Lead "well" & <b>',
        },
    ]
    assert plan_session_lines(rows) == PLAN_SESSIONS.render(Context({"engagements": rows}))
    assert plan_session_lines([]) == ""
    assert "&lt;b&gt;" in plan_session_lines(rows) and "x=1&amp;y=2" in plan_session_lines(rows)
