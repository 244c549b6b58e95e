"""A stakeholder who has not answered gets one reminder a few days before their link expires;
never twice, never after answering, never once removed; the reminded link closes with its round."""

from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from trellis.stakeholders import services
from trellis.stakeholders.tests.helpers import LINK, answer, plan_with_stakeholders, send_round


def remind(now):
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        figures = services.feedback_pass(now=now)
    return figures, {m.to[0]: m for m in mail.outbox if m.subject.startswith("Reminder")}


def test_one_reminder_to_those_who_have_not_answered_a_few_days_before_expiry(world, client):
    plan = plan_with_stakeholders(world)
    start = timezone.now()
    tokens = send_round(plan, now=start)
    answer(tokens["mia@outside.test"])
    services.stakeholder_remove(actor=world.bob, stakeholder=plan.stakeholders.get(name="Pat Peer"))
    # too early: nothing yet
    _, early = remind(start + timedelta(days=20))
    assert early == {}
    window = start + services.LINK_MAX_AGE - services.REMIND_BEFORE + timedelta(hours=1)
    figures, sent = remind(window)
    assert sorted(sent) == ["rui@outside.test", "sam@outside.test"]
    assert figures["reminded"] == 2
    assert "this is the only reminder" in sent["rui@outside.test"].body
    # the pass runs again (a retry, the next quarter hour): no second reminder
    again, second = remind(window + timedelta(minutes=15))
    assert second == {} and again["reminded"] == 0
    # the reminded link opens and works once
    token = LINK.search(sent["rui@outside.test"].body).group(1)
    assert client.get(f"/s/{token}/").status_code == 200
    answer(token)
    assert client.get(f"/s/{token}/").status_code == 410


def test_no_reminder_once_the_link_has_expired(world):
    plan = plan_with_stakeholders(world)
    start = timezone.now()
    send_round(plan, now=start)
    _, late = remind(start + services.LINK_MAX_AGE + timedelta(hours=1))
    assert late == {}
