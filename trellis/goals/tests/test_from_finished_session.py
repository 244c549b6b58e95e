"""End to end: a GROW session run and finished through the sessions API becomes Bob's plan, which is
then checked in on, reviewed and read back, through the API and on the pages."""

from typing import Any

import pytest
import time_machine

from trellis.core.frameworks import load_builtin
from trellis.goals.tests.helpers import GROW_ANSWERS

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        yield


def caller(client, token):
    def call(method: str, path: str, body: Any = None):
        kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {token}"}}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        response = getattr(client, method)(f"/api/v1{path}", **kwargs)
        assert response.status_code < 300, response.content
        return response.json()

    return call


def test_it_plans_checks_in_reviews_and_reads_history_after_a_finished_session(
    world, client, api_token, login
):
    alice = caller(client, api_token(world.alice))
    session = alice(
        "post", "/sessions", {"engagement_id": str(world.engagement.uuid), "framework_key": "grow"}
    )
    for stage in load_builtin("grow").stages:
        answers = {kind: GROW_ANSWERS[kind] for kind in stage.accepts if kind in GROW_ANSWERS}
        alice(
            "post", f"/sessions/{session['id']}/answers", {"stage": stage.key, "answers": answers}
        )
    alice("post", f"/sessions/{session['id']}/finish")

    plan = alice("get", f"/goals/plans/{world.engagement.uuid}")
    (goal,) = plan["goals"]
    assert goal["title"] == GROW_ANSWERS["goal"]["statement"]
    assert [a["what"] for a in plan["actions"]] == [a["what"] for a in GROW_ANSWERS["actions"]]

    bob = caller(client, api_token(world.bob))
    action_id = plan["actions"][0]["id"]
    bob("post", f"/goals/actions/{action_id}/check-ins", {"percent": 100, "note": "Greg said yes"})
    review = alice(
        "post",
        "/goals/reviews",
        {
            "engagement_id": str(world.engagement.uuid),
            "goals": [{"goal_id": goal["id"], "score": 0}],
        },
    )
    assert review["t_score"] == 50.0
    history = bob("get", f"/goals/{goal['id']}/history")
    assert [r["kind"] for r in history["revisions"]] == [
        "created",
        "created",
        "created",
        "check_in",
        "reviewed",
    ]
    assert history["revisions"][0]["why"] == "From a GROW session"

    page = login(world.bob).get("/o/acme/plan/").content.decode()
    assert "Lead the Q3 platform migration as tech lead" in page and "50.0" in page
