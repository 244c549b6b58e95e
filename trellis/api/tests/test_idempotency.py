"""Idempotency keys: a retry after a dropped connection writes once, in the API and in pages."""

import time_machine
from django.urls import reverse

from trellis.api.idempotency import FIELD, HEADER, REPLAYED
from trellis.engagements import services
from trellis.engagements.models import CoachingSession, SessionNote
from trellis.goals.models import CheckIn
from trellis.goals.tests.helpers import bob_plan


def post(client, token, path, body, key=None):
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers[HEADER] = key
    return client.post(
        f"/api/v1{path}", data=body, content_type="application/json", headers=headers
    )


def test_it_replays_the_first_check_in_to_a_retry_with_the_same_key(world, client, api_token):
    action = bob_plan(world).first
    token = api_token(world.bob)
    path = f"/goals/actions/{action.uuid}/check-ins"
    first = post(client, token, path, {"percent": 40, "note": "Drafted"}, key="retry-1")
    again = post(client, token, path, {"percent": 40, "note": "Drafted"}, key="retry-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again[REPLAYED] == "true"
    assert CheckIn.objects.filter(action=action).count() == 1
    other = post(client, token, path, {"percent": 40, "note": "Drafted"}, key="retry-2")
    assert other.status_code == 201 and CheckIn.objects.filter(action=action).count() == 2


def test_it_refuses_the_same_key_with_another_body(world, client, api_token):
    token = api_token(world.bob)
    first = post(client, token, "/sessions", {"framework_key": "grow"}, key="k")
    assert first.status_code == 201
    response = post(client, token, "/sessions", {"framework_key": "oskar"}, key="k")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "was already used for a different request" in response.json()["detail"]
    assert CoachingSession.objects.count() == 1


def test_it_keeps_keys_apart_per_caller_and_forgets_them_after_a_day(world, client, api_token):
    with time_machine.travel("2026-03-02 09:00Z", tick=False) as clock:
        body = {"engagement_id": str(world.engagement.uuid), "framework_key": "grow"}
        assert post(client, api_token(world.alice), "/sessions", body, key="k").status_code == 201
        assert post(client, api_token(world.bob), "/sessions", body, key="k").status_code == 201
        assert CoachingSession.objects.count() == 2  # another caller, another key
        clock.shift(24 * 3600 + 1)
        assert post(client, api_token(world.bob), "/sessions", body, key="k").status_code == 201
        assert CoachingSession.objects.count() == 3


def test_it_runs_a_retry_again_after_an_error(world, client, api_token):
    token = api_token(world.bob)
    refused = post(client, token, "/sessions", {"framework_key": "achieve"}, key="k")
    assert refused.status_code == 400
    assert (
        post(client, token, "/sessions", {"framework_key": "achieve"}, key="k").status_code == 400
    )
    assert post(client, token, "/sessions", {"framework_key": "grow"}, key="k").status_code == 201


def test_it_refuses_a_key_that_is_not_a_key(world, client, api_token):
    response = post(client, api_token(world.bob), "/sessions", {"framework_key": "grow"}, "x" * 300)
    assert response.status_code == 400 and "1 to 255 visible" in response.json()["detail"]
    assert not CoachingSession.objects.exists()


def test_it_writes_a_check_in_once_when_a_page_form_is_sent_twice(world, login):
    action = bob_plan(world).first
    client = login(world.bob)
    page = client.get(reverse("goals:action_detail", args=["acme", action.uuid]))
    assert f'name="{FIELD}"' in page.content.decode()
    url = reverse("goals:check_in", args=["acme", action.uuid])
    form = {"percent": "30", "note": "Half done", FIELD: "form-token-1"}
    first = client.post(url, form)
    again = client.post(url, form)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] and again[REPLAYED] == "true"
    assert CheckIn.objects.filter(action=action).count() == 1


def test_it_writes_a_note_once_when_the_htmx_form_is_sent_twice(world, login):
    session = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    client = login(world.alice)
    url = reverse("engagements:session_note_create", args=["acme", session.uuid])
    form = {"text": "Bob named the role", "visibility": "shared", FIELD: "note-token"}
    first = client.post(url, form, headers={"HX-Request": "true"})
    again = client.post(url, form, headers={"HX-Request": "true"})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert SessionNote.objects.filter(session=session).count() == 1
    changed = client.post(url, {**form, "text": "Something else"}, headers={"HX-Request": "true"})
    assert changed.status_code == 422 and "Reload the page" in changed.content.decode()


def test_it_keeps_no_key_for_a_token_that_does_not_authenticate(world, client):
    response = post(client, "trl_nope_nope", "/sessions", {"framework_key": "grow"}, key="k")
    assert response.status_code == 401
    from trellis.api.models import IdempotencyKey

    assert not IdempotencyKey.objects.exists()


def test_it_answers_409_while_the_first_request_runs_and_takes_over_an_abandoned_one(db):
    from trellis.api.idempotency import STILL_RUNNING, claim_key

    with time_machine.travel("2026-03-02 09:00Z", tick=False) as clock:
        first = claim_key(caller="member:1", key="k", fingerprint="f")
        assert first.status == 0  # running
        assert claim_key(caller="member:1", key="k", fingerprint="f") == STILL_RUNNING
        clock.shift(3 * 60)  # the first never finished (the process was killed)
        taken = claim_key(caller="member:1", key="k", fingerprint="f")
        assert taken.pk == first.pk and taken.status == 0


def test_it_documents_the_key_and_the_replay_on_every_post_of_the_api_document():
    import json
    from pathlib import Path

    from django.conf import settings

    from trellis.api.idempotency import OPENAPI_PARAMETER

    document = json.loads((Path(settings.BASE_DIR) / "docs" / "openapi.json").read_text())
    parameter = document["components"]["parameters"][OPENAPI_PARAMETER]
    assert (parameter["in"], parameter["name"], parameter["required"]) == ("header", HEADER, False)
    assert "the first answer comes back" in parameter["description"]
    ref = {"$ref": f"#/components/parameters/{OPENAPI_PARAMETER}"}
    posts = {
        path: operations["post"]
        for path, operations in document["paths"].items()
        if "post" in operations
    }
    assert posts
    assert [path for path, op in posts.items() if ref not in op.get("parameters", [])] == []
    assert [
        path
        for path, op in posts.items()
        for status, response in op["responses"].items()
        if status.startswith("2") and REPLAYED not in response.get("headers", {})
    ] == []
    assert [path for path, op in posts.items() if "409" not in op["responses"]] == []
