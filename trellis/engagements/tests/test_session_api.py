"""Coaching sessions through /api/v1: open, read the state, answer, move, finish; errors name fields."""

import pytest
import time_machine


@pytest.fixture
def call(client, api_token):
    def make(member):
        headers = {"Authorization": f"Bearer {api_token(member)}"}

        def request(method, path, body=None):
            kwargs: dict[str, object] = {"headers": headers}
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            return getattr(client, method)(f"/api/v1{path}", **kwargs)

        return request

    return make


def test_it_opens_a_session_and_suggests_the_first_question(world, call):
    alice = call(world.alice)
    response = alice(
        "post",
        "/sessions",
        {"engagement_id": str(world.engagement.uuid), "framework_key": "grow"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["framework"] == {"key": "grow", "name": "GROW", "version": 1}
    assert body["current"] == "goal" and body["style"] == "non-directive"
    assert [s["status"] for s in body["stages"]] == [
        "open",
        "not-started",
        "not-started",
        "not-started",
    ]
    question = body["next_question"]
    assert question["id"] == "goal/non-directive/0" and question["kind"] == "prompt"
    state = alice("get", f"/sessions/{body['id']}").json()
    assert state["next_question"] == question


@time_machine.travel("2026-03-02 09:00Z")
def test_it_runs_a_session_to_the_end(world, call):
    bob = call(world.bob)
    session = bob("post", "/sessions", {"framework_key": "oskar"}).json()
    assert session["kind"] == "self" and session["coach"] is None
    path = f"/sessions/{session['id']}"
    reply = bob(
        "post",
        f"{path}/replies",
        {"question_id": session["next_question"]["id"], "reply": "More calm"},
    )
    assert reply.json()["next_question"]["id"] != session["next_question"]["id"]
    state = bob(
        "post",
        f"{path}/answers",
        {
            "stage": "outcome",
            "answers": {
                "goal": {
                    "statement": "Run calmer weekly planning",
                    "success_measure": "No overruns",
                    "due": "2026-04-30",
                }
            },
        },
    ).json()
    assert state["stages"][0]["status"] == "done"
    state = bob("post", f"{path}/move", {"stage": "scaling"}).json()
    assert state["current"] == "scaling"
    state = bob(
        "post", f"{path}/answers", {"stage": "scaling", "answers": {"scaling": {"now": 4}}}
    ).json()
    assert state["next_question"]["kind"] == "follow-up"
    assert "5" in state["next_question"]["text"]
    state = bob("post", f"{path}/finish").json()
    assert state["status"] == "finished"
    assert state["artifacts"]["goal"]["due_date"] == "2026-04-30"
    assert state["next_question"] is None


def test_it_names_the_field_path_of_a_wrong_answer(world, call):
    alice = call(world.alice)
    session = alice(
        "post", "/sessions", {"engagement_id": str(world.engagement.uuid), "framework_key": "grow"}
    ).json()
    response = alice(
        "post",
        f"/sessions/{session['id']}/answers",
        {"stage": "will", "answers": {"actions": [{"what": "Book the talk", "commitment": 11}]}},
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "answers.actions[0].commitment"
    assert "a whole number from 1 to 10" in error["msg"]
    response = alice("post", f"/sessions/{session['id']}/move", {"stage": "wish"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "stage"
    assert "goal, reality, options, will" in response.json()["errors"][0]["msg"]


def test_it_names_the_fields_of_a_session_it_cannot_open(world, call):
    response = call(world.alice)(
        "post",
        "/sessions",
        {"engagement_id": str(world.engagement.uuid), "framework_key": "achieve", "style": "loud"},
    )
    assert response.status_code == 400
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"style", "framework_key"}
    response = call(world.alice)(
        "post",
        "/sessions",
        {"engagement_id": str(world.engagement.uuid), "framework_key": "achieve"},
    )
    assert response.json()["errors"][0]["field"] == "framework_key"


def test_it_shows_a_sponsor_that_a_session_happened_but_nothing_of_it(world, call):
    alice = call(world.alice)
    session = alice(
        "post",
        "/sessions",
        {
            "engagement_id": str(world.engagement.uuid),
            "framework_key": "grow",
            "topic": "Leaving the company",
        },
    ).json()
    alice(
        "post",
        f"/sessions/{session['id']}/notes",
        {"text": "Thinks about leaving", "visibility": "private"},
    )
    dana = call(world.dana)
    (listed,) = dana("get", "/sessions").json()["items"]
    assert listed["framework"]["key"] == "grow" and "topic" not in listed
    assert dana("get", f"/sessions/{session['id']}").status_code == 403
    assert dana("get", f"/sessions/{session['id']}/notes").json()["items"] == []


def test_it_lists_and_shows_frameworks_with_their_fields(world, call):
    bob = call(world.bob)
    keys = [f["key"] for f in bob("get", "/frameworks").json()["items"]]
    assert keys[:3] == ["grow", "tgrow", "oskar"] and "impact-cycle" in keys
    steppa = bob("get", "/frameworks/STEPPPA").json()
    assert steppa["key"] == "steppa" and len(steppa["stage_details"]) == 7
    kinds = {kind["key"]: kind for kind in steppa["kinds"]}
    assert kinds["actions"]["many"] and kinds["emotions"]["fields"][1]["high"] == 10
    assert steppa["stage_details"][0]["prompts"]["non-directive"]
    assert bob("get", "/frameworks/achieve").status_code == 404


def test_it_lists_every_problem_of_a_framework_it_refuses(world, call):
    from pathlib import Path

    broken = (
        Path(__file__).resolve().parents[3] / "docs/examples/frameworks/broken.toml"
    ).read_text()
    response = call(world.olga)("post", "/frameworks", {"text": broken, "filename": "broken.toml"})
    assert response.status_code == 400
    fields = [error["field"] for error in response.json()["errors"]]
    assert "text.stages[0].produces[0]" in fields and len(fields) >= 9


def test_it_suggests_a_question_in_another_voice(world, call):
    alice = call(world.alice)
    session = alice(
        "post",
        "/sessions",
        {
            "engagement_id": str(world.engagement.uuid),
            "framework_key": "grow",
            "style": "directive",
        },
    ).json()
    question = alice("get", f"/sessions/{session['id']}?voice=dialogical").json()["next_question"]
    assert question["id"] == "goal/dialogical/0" and question["voice"] == "dialogical"
    response = alice("get", f"/sessions/{session['id']}?voice=shouty")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "voice"
