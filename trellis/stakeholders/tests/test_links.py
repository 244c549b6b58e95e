"""A stakeholder's link, on its own: it opens once without an account, and refuses when expired,
reused, tampered with, or made for another kind of link or another organization's round."""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from trellis.accounts.links import LinkError, link_token
from trellis.goals.models import Goal
from trellis.instruments.services import answer_token
from trellis.leadership import services as leadership
from trellis.stakeholders import services
from trellis.stakeholders.tests.helpers import plan_with_stakeholders, send_round


def _form(client, token):
    page = client.get(f"/s/{token}/")
    ask = services.ask_from_token(token)
    data = {f"behaviour_{b.pk}": "2" for b in ask.round.behaviours.all()}
    return page, data


def test_a_link_opens_without_an_account_and_works_once(world, client):
    plan = plan_with_stakeholders(world)
    token = send_round(plan)["mia@outside.test"]
    page, data = _form(client, token)
    assert page.status_code == 200 and b"Feed-forward for Bob Coachee" in page.content
    done = client.post(f"/s/{token}/", data)
    assert done.status_code == 200 and b"Thank you" in done.content
    again = client.get(f"/s/{token}/")
    assert again.status_code == 410 and b"has been used" in again.content
    assert client.post(f"/s/{token}/", data).status_code == 410


def test_an_expired_link_is_refused(world, client, monkeypatch):
    plan = plan_with_stakeholders(world)
    token = send_round(plan)["mia@outside.test"]
    later = timezone.now() + services.LINK_MAX_AGE + timedelta(days=1)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())  # type: ignore[attr-defined]
    assert client.get(f"/s/{token}/").status_code == 404
    with pytest.raises(LinkError):
        services.ask_from_token(token)


def test_a_tampered_link_is_refused(world, client):
    plan = plan_with_stakeholders(world)
    token = send_round(plan)["mia@outside.test"]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/s/{tampered}/").status_code == 404
    # a well-signed token with a wrong nonce (an old link of a row) is refused too
    ask = services.ask_from_token(token)
    forged = link_token(salt=services.SALT, uuid=ask.uuid, nonce="not-the-nonce")
    assert client.get(f"/s/{forged}/").status_code == 404


def test_an_instrument_link_does_not_open_a_stakeholder_page(world, client):
    plan = plan_with_stakeholders(world)
    send_round(plan)
    ask = plan.rounds.get().asks.first()
    other_kind = link_token(salt="trellis.instruments.answer", uuid=ask.uuid, nonce=ask.nonce)
    assert client.get(f"/s/{other_kind}/").status_code == 404
    assert callable(answer_token)  # instruments sign with the same helper under their own salt


def test_another_organizations_link_answers_only_for_that_organization(world, client):
    # Globex's coachee Ed has a leadership goal with stakeholders; Acme's people cannot see it,
    # and his stakeholder's link writes only into Ed's goal
    goal = Goal.objects.create(
        org=world.carol_org,
        owner=world.carol_engagement.coachee,
        engagement=world.carol_engagement,
        title="Lead the directors",
        created_by=world.carol_engagement.coachee,
    )
    ed_goal = leadership.make_leadership_goal(
        goal, model_key="communication", competency_key="listening", behaviours=["Listens first"]
    )
    services.stakeholder_add(
        actor=world.carol_engagement.coachee,
        leadership_goal=ed_goal,
        name="Gil",
        email="gil@outside.test",
        relation="peer",
    )
    acme_plan = plan_with_stakeholders(world)
    tokens = send_round(acme_plan)
    globex_token = tokens["gil@outside.test"]
    ask = services.ask_from_token(globex_token)
    assert ask.round.plan.leadership_goal.goal.org == world.carol_org
    client.force_login(world.bob.user)
    page = client.get(f"/o/acme/stakeholders/{ed_goal.uuid}/")
    assert page.status_code == 404
    client.post(
        f"/s/{globex_token}/", {f"behaviour_{b.pk}": "1" for b in ask.round.behaviours.all()}
    )
    assert not acme_plan.rounds.get().ratings.exists()
    assert ask.round.ratings.count() == 1


def test_a_removed_stakeholders_link_no_longer_opens(world, client):
    plan = plan_with_stakeholders(world)
    token = send_round(plan)["pat@outside.test"]
    services.stakeholder_remove(actor=world.bob, stakeholder=plan.stakeholders.get(name="Pat Peer"))
    assert client.get(f"/s/{token}/").status_code == 410
