"""A row of the coach's list of plans reads the same as the template it replaced, in every state
and language, and escapes what people typed."""

from dataclasses import dataclass, field
from itertools import product
from uuid import uuid4

import pytest
from django.template import Context, Template
from django.utils import translation

from trellis.core.goals import Attention
from trellis.goals.templatetags.goals_extras import plan_row

# the row goals/plans.html rendered for each plan, before plan_row
ROW = Template(
    """{% load i18n goals_extras %}
    <tr>
      <td><a href="{% url 'goals:engagement_plan' slug row.engagement.uuid %}">{{ row.engagement.coachee.user }}</a><br><span class="muted">{{ row.engagement.topic }}</span></td>
      <td>{% if attention.stalled %}<span class="badge stalled">{% translate "Stalled" %}</span>{% endif %}
        {% if attention.overdue %}<span class="badge overdue">{% blocktranslate with count=attention.overdue %}{{ count }} overdue{% endblocktranslate %}</span>{% endif %}
        {% if attention.low_commitment %}<span class="badge due_soon">{% blocktranslate with commitment=attention.lowest_commitment %}Commitment {{ commitment }}/10{% endblocktranslate %}</span>{% endif %}
        {% if not attention.needs_attention %}<span class="badge ok">{% translate "On track" %}</span>{% endif %}</td>
      <td>{{ plan.progress|progress_svg:row.engagement.coachee.user.display_name }} {% if plan.progress is not None %}{{ plan.progress|floatformat:0 }}%{% endif %}</td>
      <td>{{ plan.t_score|t_score }} {{ plan.direction|trend_arrow }}</td>
      <td>{% blocktranslate with count=plan.active_goals|length %}{{ count }} active{% endblocktranslate %}</td>
    </tr>
    """
)


class Person:
    display_name = 'Bea "B" <O\'Neil> & co'

    def __str__(self) -> str:
        return self.display_name


@dataclass
class Plan:
    attention: Attention
    progress: float | None
    t_score: float | None
    direction: str | None
    active_goals: list[object] = field(default_factory=list)


@dataclass
class Engagement:
    topic: str
    uuid: object = field(default_factory=uuid4)
    coachee: object = field(default_factory=lambda: type("Coachee", (), {"user": Person()}))


@dataclass
class Row:
    engagement: Engagement
    plan: Plan


def _rows() -> list[Row]:
    return [
        Row(
            Engagement(topic="Lead <b>the</b> team & more"),
            Plan(
                Attention(overdue=overdue, stalled=stalled, lowest_commitment=commitment),
                progress,
                t_score,
                direction,
                active_goals=[object()] * active,
            ),
        )
        for overdue, stalled, commitment, progress, t_score, direction, active in product(
            (0, 3),
            (False, True),
            (None, 4, 8),
            (None, 0.0, 42.6, 42.5, 0.5, 99.5, 100.0, 66.66666666666667),
            (None, 48.25),
            (None, "up"),
            (0, 2),
        )
    ]


@pytest.mark.parametrize("language", ["en-gb", "de", "es", "pt-br"])
def test_every_row_reads_as_the_template_did(language: str) -> None:
    with translation.override(language):
        for row in _rows():
            context = {"row": row, "slug": "northwind", "plan": row.plan}
            expected = ROW.render(Context({**context, "attention": row.plan.attention}))
            assert "\n    " + plan_row(row, "northwind") + "\n    " == expected, row


def test_what_people_typed_is_escaped() -> None:
    line = plan_row(_rows()[0], "northwind")
    assert "<b>" not in line and "Lead &lt;b&gt;the&lt;/b&gt; team &amp; more" in line
    assert "&lt;O&#x27;Neil&gt;" in line
