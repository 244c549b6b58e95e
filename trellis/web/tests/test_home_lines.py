"""The home's Python-written lines read the same as the templates they replaced, in every
state, language and time zone, and escape what people typed."""

from datetime import UTC, date, datetime
from itertools import product
from types import SimpleNamespace
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from trellis.web.templatetags.home_lines import (
    engagement_table_rows,
    home_session_line,
    shared_line,
)

# web/_home_session.html, which the coach's and the coachee's homes included for each session
SESSION = Template(
    '{% load i18n %}\n<li class="home-item"><strong>{{ s.start|date:"D j M, H:i" }}</strong> {% blocktranslate trimmed with title=s.title with_name=s.with_name %}· {{ title }} with {{ with_name }}{% endblocktranslate %}\n  <span class="badge">{{ s.attendance }}</span> <a href="{{ s.url }}">{{ s.link_label }}<span class="visually-hidden"> ({{ s.with_name }}, {{ s.start|date:"j M H:i" }})</span></a></li>\n'
)
# the coach's home's loop of what coachees shared
SHARED = Template(
    """{% load i18n %}{% for i in shared %}
      <li class="home-item"><strong>{{ i.who }}</strong> · {% if i.kind == "check-in" %}{% translate "checked in on" %}{% else %}{% translate "wrote a note:" %}{% endif %} <a href="{{ i.url }}">{{ i.about }}</a> <span class="muted">{{ i.at|date:"D j M, H:i" }}</span>
        {% if i.text %}<p class="home-text">{{ i.text|truncatechars:240 }}</p>{% endif %}</li>{% endfor %}"""
)
# web/_engagement_rows.html's loop over the coachees table's rows
ROWS = Template(
    '{% load i18n %}{% for e in rows %}\n    <tr><td>{{ e.coach.user }}</td><td><a href="{% url \'engagements:detail\' request.org.slug e.uuid %}">{{ e.coachee.user }}</a></td>\n      <td>{{ e.topic|default:"—" }}</td><td>{{ e.started_on|date:"j M Y" }}</td><td>{{ e.get_status_display }}</td></tr>\n  {% endfor %}'
)

TYPED = 'Bea "B" <O\'Neil> & co'
AT = datetime(2026, 12, 7, 23, 30, tzinfo=UTC)  # another day in Berlin, the same in New York
LANGUAGES = ["en-gb", "de", "es", "pt-br"]
ZONES = ["UTC", "Europe/Berlin", "America/New_York"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("zone", ZONES)
def test_a_session_line_reads_as_its_template_did(language, zone) -> None:
    for title, name in product(["Weekly check-in", TYPED], ["Alice", TYPED]):
        s = SimpleNamespace(
            start=AT,
            title=title,
            with_name=name,
            attendance="Came" if name == "Alice" else "",
            url="/o/acme/calendar/sessions/x/log/?a=1&b=2#start-heading",
            link_label="Start the session",
        )
        with translation.override(language), timezone.override(ZoneInfo(zone)):
            assert home_session_line(s) == SESSION.render(Context({"s": s})), (title, name)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("zone", ZONES)
def test_a_shared_line_reads_as_the_loop_did(language, zone) -> None:
    items = [
        SimpleNamespace(
            who=who, kind=kind, about=TYPED, url="/o/acme/actions/x/?a=1&b=2", at=AT, text=text
        )
        for who, kind, text in product(
            ["Bob", TYPED], ["check-in", "note"], ["", "done · Blocked: <none> & more", "x" * 300]
        )
    ]
    with translation.override(language), timezone.override(ZoneInfo(zone)):
        assert "".join(shared_line(i) for i in items) == SHARED.render(Context({"shared": items}))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coachees_rows_read_as_the_loop_did(world, language) -> None:
    request = RequestFactory().get("/o/acme/")
    request.org = world.org  # type: ignore[attr-defined]
    typed = SimpleNamespace(
        coach=world.alice,
        coachee=world.bob,
        uuid=uuid4(),
        topic=TYPED,
        started_on=date(2026, 3, 1),
        get_status_display=lambda: "Active",
    )
    blank = SimpleNamespace(**{**vars(typed), "topic": "", "started_on": None})
    rows = [world.engagement, typed, blank]
    context = Context({"request": request, "rows": rows})
    with translation.override(language):
        assert engagement_table_rows(context, rows) == ROWS.render(context)


def test_what_people_typed_is_escaped() -> None:
    s = SimpleNamespace(
        start=AT, title=TYPED, with_name=TYPED, attendance="", url="/?a=1&b=2", link_label="Open"
    )
    line = home_session_line(s)
    assert "<O" not in line and "&lt;O&#x27;Neil&gt; &amp; co" in line and "a=1&amp;b=2" in line
