"""A behaviour's stakeholder questions: one to three, chosen when the behaviour is written
(1 how much they improved, 2 and a feed-forward suggestion, 3 and an example they saw); outside
1..3 refused with the field named, on the page, through the API and in the service."""

import pytest
from django.core.exceptions import ValidationError

from trellis.goals.models import Goal
from trellis.leadership import services
from trellis.leadership.models import LeadershipGoal
from trellis.leadership.tests.helpers import BEHAVIOURS, leadership_goal_for
from trellis.stakeholders import selectors as stakeholder_selectors
from trellis.stakeholders import services as stakeholders
from trellis.stakeholders.tests.helpers import PEOPLE, send_round

BASE = "/o/acme/leadership/"


def _goal(world, questions):
    goal = Goal.objects.create(
        org=world.org, owner=world.bob, engagement=world.engagement, title="T", created_by=world.bob
    )
    return services.make_leadership_goal(
        goal,
        model_key="action-centred-leadership",
        competency_key="team",
        behaviours=list(BEHAVIOURS),
        questions=questions,
    )


def test_two_questions_by_default_and_one_to_three_allowed(world):
    assert {b.questions for b in leadership_goal_for(world).current_behaviours()} == {2}
    assert {b.questions for b in _goal(world, 3).current_behaviours()} == {3}
    for bad in (0, 4, -1):
        with pytest.raises(ValidationError) as refused:
            _goal(world, bad)
        assert "questions" in refused.value.message_dict


def test_a_new_version_keeps_or_changes_the_questions(world):
    leadership = _goal(world, 3)
    services.freeze_behaviours(leadership)
    first = leadership.current_behaviours()[0]
    kept = services.revise_behaviour(first, "Asks for two options first")
    assert kept.version == 2 and kept.questions == 3
    changed = services.revise_behaviour(kept, "Asks for two options first", questions=1)
    assert changed.pk == kept.pk and changed.questions == 1  # not rated yet: in place
    with pytest.raises(ValidationError) as refused:
        services.revise_behaviour(changed, "Asks for two options first", questions=4)
    assert "questions" in refused.value.message_dict


def _plan(world, leadership):
    for name, email, relation in PEOPLE:
        stakeholders.stakeholder_add(
            actor=world.bob, leadership_goal=leadership, name=name, email=email, relation=relation
        )
    return stakeholders.plan_of(leadership)


def test_stakeholders_see_only_the_questions_chosen(world, client):
    one = _plan(world, _goal(world, 1))
    token = send_round(one)["mia@outside.test"]
    page = client.get(f"/s/{token}/").content.decode()
    assert "how much has this person improved" in page
    assert "feed-forward" not in page and "An example" not in page


def test_a_third_question_asks_for_an_example_shown_without_names(world, client):
    plan = _plan(world, _goal(world, 3))
    tokens = send_round(plan)
    behaviours = list(plan.leadership_goal.current_behaviours())
    page = client.get(f"/s/{tokens['mia@outside.test']}/").content.decode()
    assert "feed-forward" in page and "An example" in page
    for n, token in enumerate(tokens.values()):
        data = {}
        for b in behaviours:
            data[f"behaviour_{b.pk}"] = "1"
            data[f"feedforward_{b.pk}"] = "Ask earlier"
            data[f"example_{b.pk}"] = f"Asked the team on Monday {n}"
        assert client.post(f"/s/{token}/", data).status_code == 200
    (view,) = stakeholder_selectors.rounds_of(plan)
    assert view.shown
    assert sorted(view.behaviours[0].examples) == [
        f"Asked the team on Monday {n}" for n in range(4)
    ]


def test_the_page_refuses_a_number_of_questions_outside_1_to_3_naming_the_field(
    world, client, login
):
    login(world.alice)
    url = f"{BASE}engagements/{world.engagement.uuid}/goal/"
    data = {
        "competency": "action-centred-leadership:team",
        "title": "Bring the team into decisions",
        "behaviour_1": "Asks the team for options before deciding",
        "behaviour_2": "",
        "gas_expected": "The team says it was asked",
        "questions": "4",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Questions stakeholders answer about each behaviour" in refused.content.decode()
    assert "Bring the team into decisions" in refused.content.decode()  # kept what was typed
    assert not LeadershipGoal.objects.exists()
    assert client.post(url, {**data, "questions": "1"}).status_code == 302
    assert {b.questions for b in LeadershipGoal.objects.get().current_behaviours()} == {1}


def test_the_api_takes_the_questions_and_refuses_outside_1_to_3(world, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(world.alice)}"}
    body = {
        "engagement": str(world.engagement.uuid),
        "model_key": "transformational-leadership",
        "competency_key": "intellectual-stimulation",
        "title": "Invite challenge",
        "behaviours": ["Asks 'what would you do?' first"],
        "questions": 5,
    }
    refused = client.post(
        "/api/v1/leadership/goals", body, content_type="application/json", headers=headers
    )
    assert refused.status_code in (400, 422) and "questions" in refused.content.decode()
    made = client.post(
        "/api/v1/leadership/goals",
        {**body, "questions": 3},
        content_type="application/json",
        headers=headers,
    )
    assert made.status_code == 201, made.content
    assert [b["questions"] for b in made.json()["behaviours"]] == [3]


def test_rewording_on_the_page_refuses_questions_outside_1_to_3_naming_the_field(
    world, client, login
):
    leadership = leadership_goal_for(world)
    first = leadership.current_behaviours()[0]
    login(world.bob)
    url = f"{BASE}goals/{leadership.uuid}/behaviours/{first.uuid}/"
    page = client.post(url, {"text": "Asks first", "questions": "7"}, follow=True)
    assert "Questions stakeholders answer about it" in page.content.decode()
    first.refresh_from_db()
    assert first.text != "Asks first" and first.questions == 2
    client.post(url, {"text": "Asks first", "questions": "3"})
    first.refresh_from_db()
    assert first.text == "Asks first" and first.questions == 3
