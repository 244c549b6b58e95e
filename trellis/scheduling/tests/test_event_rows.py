"""The Events list's rows read the same as the template loop they replaced, for every reader and
language, and escape what people typed."""

from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from trellis.scheduling import services
from trellis.scheduling.models import CareerEvent
from trellis.scheduling.templatetags.career_events import event_rows

# the loop the Events page rendered its rows with, before event_rows
LOOP = Template(
    """{% load i18n career_events %}{% for e in page %}<tr>
  <td>{{ e.date|date:"j M Y" }}</td>
  <td>{% event_label e as shown %}<a href="{% url 'scheduling:event' request.org.slug e.uuid %}">{{ shown }}</a>{% if shown != e.type_label %} <span class="muted">({{ e.type_label }})</span>{% endif %}</td>
  <td>{{ e.coachee.user }}</td>
  <td>{% with n=e.firing_list|length %}{% if n %}{% blocktranslate count counter=n %}{{ counter }} opened{% plural %}{{ counter }} opened{% endblocktranslate %}{% else %}—{% endif %}{% endwith %}</td>
</tr>{% endfor %}"""
)


@pytest.fixture
def events(world):
    found = []
    for n, (kind, title, custom) in enumerate(
        [
            (CareerEvent.Type.JOB_INTERVIEW, "Interview <b>at</b> O'Neil & Co", ""),
            (CareerEvent.Type.PERFORMANCE_REVIEW, "", ""),
            (CareerEvent.Type.CUSTOM, "", 'Board "pitch" <prep>'),
        ]
    ):
        event = services.career_event_log(
            actor=world.bob,
            coachee=world.bob,
            type=kind,
            date=date(2026, 3, 10 + n),
            title=title,
            custom_type=custom,
        )
        event.firing_list = [object()] * n  # type: ignore[attr-defined]  # what the page prefetches: the sessions it opened
        found.append(event)
    return found


@pytest.mark.parametrize("language", ["en-gb", "de", "pt-br"])
@pytest.mark.parametrize("persona", ["bob", "alice", "dana", "olga"])
def test_every_row_reads_as_the_loop_did(world, events, persona, language) -> None:
    request = RequestFactory().get("/o/acme/events/")
    request.member = world.member(persona)  # type: ignore[attr-defined]
    request.org = request.member.org  # type: ignore[attr-defined]
    with translation.override(language):
        context = Context({"request": request, "page": events})
        assert event_rows(context, events) == LOOP.render(context)


def test_what_people_typed_is_escaped(world, events) -> None:
    request = RequestFactory().get("/o/acme/events/")
    request.member = world.bob  # type: ignore[attr-defined]
    request.org = world.bob.org  # type: ignore[attr-defined]
    rows = event_rows(Context({"request": request}), events)
    assert "<b>" not in rows and "Interview &lt;b&gt;at&lt;/b&gt; O&#x27;Neil &amp; Co" in rows
    assert "Board &quot;pitch&quot; &lt;prep&gt;" in rows
