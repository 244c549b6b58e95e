"""What the stakeholder tests share: Bob's leadership goal (coached by Alice) with four
stakeholders from outside Trellis, and a round sent to them."""

import re

from django.core import mail
from django.test import TestCase

from trellis.leadership.tests.helpers import leadership_goal_for
from trellis.stakeholders import services

PEOPLE = (
    ("Mia Manager", "mia@outside.test", "manager"),
    ("Pat Peer", "pat@outside.test", "peer"),
    ("Rui Report", "rui@outside.test", "direct_report"),
    ("Sam Report", "sam@outside.test", "direct_report"),
)
LINK = re.compile(r"https?://\S+/s/(\S+)/")


def plan_with_stakeholders(world, people=PEOPLE):
    leadership = leadership_goal_for(world)
    for name, email, relation in people:
        services.stakeholder_add(
            actor=world.bob, leadership_goal=leadership, name=name, email=email, relation=relation
        )
    return services.plan_of(leadership)


def send_round(plan, **kwargs):
    """Run the pass for a plan that is due; answer the tokens from the emails sent."""
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.feedback_pass(**kwargs)
    plan.refresh_from_db()
    return {m.to[0]: LINK.search(m.body).group(1) for m in mail.outbox}


def answer(token, improvement=1, text="Keep asking first"):
    ask = services.ask_from_token(token)
    answers = {b.pk: (improvement, text) for b in ask.round.behaviours.all()}
    return services.answers_submit(ask=ask, answers=answers)
