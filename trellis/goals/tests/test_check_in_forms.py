"""An action's check-in form on a plan reads the same as the template it replaced, for a
coachee's own plan and a coach's view of it, open after an error or closed, and escapes what people
typed."""

import re
from itertools import product
from types import SimpleNamespace
from uuid import uuid4

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from trellis.goals.templatetags.goals_extras import check_in_form
from trellis.insights import services

# the form goals/plan.html rendered for each open action, before check_in_form
FORM = Template(
    """{% load i18n idempotency insights %}<details class="check-in"{% if check_in_action == a.uuid and check_in_error %} open{% endif %}>
            <summary>{% translate "Check in" %}<span class="visually-hidden"> {% blocktranslate with what=a.what %}on {{ what }}{% endblocktranslate %}</span></summary>
            <form method="post" action="{% url 'goals:check_in' slug a.uuid %}" hx-post="{% url 'goals:check_in' slug a.uuid %}" hx-target="#plan" hx-swap="outerHTML">
              {% csrf_token %}{% load idempotency %}{% idempotency_field %}
              <input type="hidden" name="from" value="{% if mine %}mine{% else %}{{ engagement.uuid }}{% endif %}">
              <input type="hidden" name="next" value="{% if mine %}{% url 'goals:my_plan' slug %}{% else %}{% url 'goals:engagement_plan' slug engagement.uuid %}{% endif %}">
              <label for="percent-{{ a.uuid }}">{% translate "Progress (%)" %}</label>
              <input type="number" min="0" max="100" name="percent" id="percent-{{ a.uuid }}" value="{{ a.percent }}">
              <label><input type="checkbox" name="done"> {% translate "Done" %}</label>
              <label for="note-{{ a.uuid }}">{% translate "Note" %}</label>
              <input type="text" name="note" id="note-{{ a.uuid }}">{% load insights %}{% language_insight "note-" a.uuid %}
              <label for="blockers-{{ a.uuid }}">{% translate "Blockers" %}</label>
              <input type="text" name="blockers" id="blockers-{{ a.uuid }}">
              <button type="submit">{% translate "Save check-in" %}</button>
            </form>
          </details>"""
)
KEY = re.compile(r'name="idempotency_key" value="[^"]+"')


def _render(render, member, **values):
    request = RequestFactory().get("/o/acme/plan/")
    # each rendering its own request: an insight note is said once a request
    request.member = member  # type: ignore[attr-defined]
    context = Context({"request": request, "slug": member.org.slug, **values})
    return KEY.sub('name="idempotency_key" value="-"', str(render(context)))


@pytest.mark.parametrize("language", ["en-gb", "de", "pt-br"])
@pytest.mark.parametrize("insight", [True, False])
def test_every_form_reads_as_the_template_did(world, language, insight) -> None:
    services.preference_update(actor=world.bob, language_insight=insight, trend_shared_with=None)
    engagement = SimpleNamespace(uuid=uuid4())
    action = SimpleNamespace(uuid=uuid4(), what='Ask Bea "B" <O\'Neil> & co', percent=40)
    for member, mine, failed, percent, csrf in product(
        (world.bob, world.alice), (True, False), (True, False), (40, None), ("tok3n", "")
    ):
        action.percent = percent
        values = {
            "a": action,
            "mine": mine,
            "engagement": engagement,
            "check_in_action": action.uuid,
            "check_in_error": "Progress must be 0-100" if failed else "",
            "csrf_token": csrf,
        }
        with translation.override(language):
            ours = _render(lambda c: check_in_form(c, action), member, **values)
            theirs = _render(FORM.render, member, **values)
        assert ours == theirs, (member, mine, failed, percent, csrf)
        if member is world.bob and language == "en-gb":  # the panel is part of what is compared
            assert (f'data-for="note-{action.uuid}"' in ours) is insight


def test_what_people_typed_is_escaped(world) -> None:
    action = SimpleNamespace(uuid=uuid4(), what="<script>alert(1)</script> & more", percent=0)
    form = _render(lambda c: check_in_form(c, action), world.bob, a=action, mine=True)
    assert "<script>" not in form and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in form
