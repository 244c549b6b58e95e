"""Administering: to a person, an engagement, a team or a cohort; people outside Trellis by a
single-use email link; refusals name the field; another organization's things are not reachable."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from trellis.instruments import services
from trellis.instruments.models import Administration
from trellis.instruments.tests.helpers import full_answers

STAKEHOLDER = (
    Path(__file__).resolve().parents[3] / "docs/examples/instruments/stakeholder-check.toml"
)


def test_it_asks_the_coachee_and_the_coach_of_an_engagement(world):
    administration = services.administration_create(
        actor=world.alice, key="coaching-alliance", target="engagement", engagement=world.engagement
    )
    roles = dict(administration.respondents.values_list("member", "role"))
    assert roles == {world.bob.pk: "self", world.alice.pk: "coach"}


def test_it_refuses_a_coach_administering_to_someone_elses_engagement(world):
    from trellis.accounts.models import Membership

    other_coach = Membership.objects.create(
        org=world.org,
        user=world.dana.user.__class__.objects.create(email="zed@acme.test", name="Zed"),
        is_coach=True,
    )
    with pytest.raises(PermissionDenied):
        services.administration_create(
            actor=other_coach,
            key="coaching-alliance",
            target="engagement",
            engagement=world.engagement,
        )
    assert not Administration.objects.exists()


def test_it_sends_people_outside_trellis_a_single_use_link(
    world, client, django_capture_on_commit_callbacks
):
    services.instrument_import(org=world.org, text=STAKEHOLDER.read_bytes(), source="s.toml")
    with django_capture_on_commit_callbacks(execute=True):
        administration = services.administration_create(
            actor=world.alice,
            key="stakeholder-check",
            target="person",
            subject=world.bob,
            stakeholders=[("Pat@Partner.example", "Pat"), ("pat@partner.example", "Pat again")],
        )
    assert administration.respondents.count() == 1  # one link per address; Bob is who is rated
    message = mail.outbox[-1]
    assert message.to == ["pat@partner.example"]
    link = next(line for line in message.body.splitlines() if "/i/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(f"/{path}", full_answers_for(administration))
    assert response.status_code == 200
    assert client.get(f"/{path}").status_code == 410


def full_answers_for(administration):
    return {"listening": 4, "delegating": 3, "overall": 4}


def test_it_refuses_stakeholders_for_an_instrument_they_do_not_answer(world):
    with pytest.raises(ValidationError) as caught:
        services.administration_create(
            actor=world.olga,
            key="team-pulse",
            target="cohort",
            cohort="Managers",
            cohort_members=[world.bob],
            stakeholders=[("pat@partner.example", "")],
        )
    assert "stakeholders" in caught.value.message_dict
    assert not Administration.objects.exists()


def test_it_refuses_a_cohort_of_another_organization(world):
    with pytest.raises(ValidationError) as caught:
        services.administration_create(
            actor=world.olga, key="career-confidence", target="cohort", cohort_members=[world.carol]
        )
    assert "cohort_members" in caught.value.message_dict


def test_it_refuses_a_baseline_of_another_instrument(world):
    first = services.administration_create(
        actor=world.olga, key="career-confidence", target="person", subject=world.bob
    )
    with pytest.raises(ValidationError) as caught:
        services.administration_create(
            actor=world.olga,
            key="session-rating",
            target="person",
            subject=world.bob,
            baseline=first,
        )
    assert "baseline" in caught.value.message_dict


def test_it_shows_a_refusal_beside_the_field_on_the_page(world, login):
    response = login(world.olga).post(
        "/o/acme/instruments/team-pulse/administer/",
        {"target": "cohort", "cohort": "Managers", "stakeholders": "not an email"},
    )
    assert response.status_code == 200
    assert "Line 1: expected an email address" in response.content.decode()
    assert not Administration.objects.exists()


def test_it_administers_from_the_page_and_lists_it_for_the_respondent(world, login, team):
    client = login(world.olga)
    response = client.post(
        "/o/acme/instruments/team-pulse/administer/", {"target": "team", "team": team.pk}
    )
    assert response.status_code == 302
    page = login(world.bob).get("/o/acme/instruments/").content.decode()
    assert "Team pulse: Platform" in page and "Answer now" in page


def test_it_answers_through_the_api_once(world, api_token, client):
    administration = services.administration_create(
        actor=world.alice, key="coaching-alliance", target="engagement", engagement=world.engagement
    )
    headers = {"Authorization": f"Bearer {api_token(world.bob)}"}
    url = f"/api/v1/administrations/{administration.uuid}/answers"
    bad = client.post(
        url, {"answers": {"trust": 9}}, content_type="application/json", headers=headers
    )
    assert bad.status_code == 400
    assert "answers.trust" in bad.content.decode() and "answers.honest" in bad.content.decode()
    ok = client.post(
        url,
        {"answers": full_answers("coaching-alliance")},
        content_type="application/json",
        headers=headers,
    )
    assert ok.status_code == 201 and ok.json()["mine"]["score"]["total"] == pytest.approx(
        3.78, abs=0.01
    )
    again = client.post(
        url,
        {"answers": full_answers("coaching-alliance")},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 400
