"""The goals API: a plan made from a finished session, read, checked in on, reviewed, its history
read; the second of two saves from one version answers 409."""

from typing import Any

import pytest
import time_machine

from trellis.api import problems
from trellis.engagements.tests.agreements import agree
from trellis.goals import services
from trellis.goals.tests.helpers import bob_plan, finished_session, grow_artifacts

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        yield


def api(client, token):
    def call(method, path, body=None):
        kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {token}"}}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        return getattr(client, method)(f"/api/v1/goals{path}", **kwargs)

    return call


def test_it_walks_a_plan_from_a_session_through_check_in_review_and_history(
    world, client, api_token
):
    (goal,) = services.goals_from_artifacts(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        artifacts=grow_artifacts(),
        source_session=finished_session(),
    )
    bob = api(client, api_token(world.bob))
    alice = api(client, api_token(world.alice))

    plan = bob("get", f"/plans/{world.engagement.uuid}").json()
    assert plan["goals"][0]["title"] == "Lead the Q3 platform migration as tech lead"
    first = plan["actions"][0]
    assert first["what"] == "Ask Greg to name me migration lead" and first["due_state"] == "later"

    response = bob(
        "post",
        f"/actions/{first['id']}/check-ins",
        {"percent": 50, "note": "Asked; he'll decide Friday"},
    )
    assert response.status_code == 201
    assert bob("get", f"/actions/{first['id']}").json()["status"] == "in_progress"

    review = alice(
        "post",
        "/reviews",
        {
            "engagement_id": str(world.engagement.uuid),
            "goals": [
                {
                    "goal_id": str(goal.uuid),
                    "score": 1,
                    "decision": "change",
                    "changes": {"due_text": "2026-10-31"},
                    "why": "Release train moved",
                }
            ],
        },
    )
    assert review.status_code == 201, review.content
    assert review.json()["t_score"] == 60.0
    history = bob("get", f"/{goal.uuid}/history").json()
    kinds = [r["kind"] for r in history["revisions"]]
    assert kinds.count("created") == 3 and "check_in" in kinds and "reviewed" in kinds
    changed = next(r for r in history["revisions"] if r["kind"] == "changed")
    assert changed["why"] == "Release train moved"
    assert changed["changes"]["due_date"] == {"from": "2026-09-30", "to": "2026-10-31"}


def test_it_answers_409_to_the_second_of_two_saves(world, client, api_token):
    plan = bob_plan(world)
    bob = api(client, api_token(world.bob))
    alice = api(client, api_token(world.alice))
    seen = bob("get", f"/{plan.goal.uuid}").json()["version"]
    assert (
        alice(
            "patch",
            f"/{plan.goal.uuid}",
            {"version": seen, "weight": 3, "why_changed": "Top priority"},
        ).status_code
        == 200
    )
    refused = bob("patch", f"/{plan.goal.uuid}", {"version": seen, "title": "Something else"})
    assert refused.status_code == 409
    assert refused["Content-Type"] == problems.CONTENT_TYPE
    body = refused.json()
    assert body["type"] == problems.CONFLICT and body["status"] == 409
    assert "weight from 1 to 3 (Alice Coach)" in body["detail"]
    assert body["current_version"] == seen + 1
    assert body["changes"][0]["fields"] == {"weight": {"from": 1, "to": 3}}
    assert bob("get", f"/{plan.goal.uuid}").json()["title"] == plan.goal.title


def test_it_names_the_field_of_a_bad_request(world, client, api_token):
    bob = api(client, api_token(world.bob))
    response = bob("post", "", {"title": "Speak up more", "due_text": "whenever"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "due_text"
    response = bob("post", "", {"title": "Speak up more", "gas_levels": {"3": "Too much"}})
    assert response.json()["errors"][0]["field"] == "gas_levels"


def test_it_gives_the_sponsor_a_summary_without_scores_or_actions(world, client, api_token):
    agree(world.engagement)  # the accepted agreement shows the sponsor goal summaries
    plan = bob_plan(world)
    services.goal_update(
        actor=world.bob, goal=plan.goal, changes={"visibility": "shared"}, version=None
    )
    body = api(client, api_token(world.dana))("get", f"/plans/{world.engagement.uuid}").json()
    assert body["summary_only"] is True and body["actions"] == []
    assert [g["title"] for g in body["goals"]] == [plan.goal.title]
