"""Every API error is application/problem+json (RFC 9457), and the OpenAPI document says so."""

import json

import pytest

from trellis.api import problems
from trellis.api.api import api
from trellis.api.fields import MSG_DAY_RANGE, MSG_LOCAL_TIME


@pytest.fixture
def call(world, client, api_token):
    def make(persona="bob"):
        token = api_token(world.member(persona))

        def request(method, path, body=None, **extra):
            kwargs = {"headers": {"Authorization": f"Bearer {token}"}, **extra}
            if body is not None:
                kwargs.update(data=json.dumps(body), content_type="application/json")
            return getattr(client, method)(f"/api/v1{path}", **kwargs)

        return request

    return make


def assert_problem(response, status, kind):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == problems.CONTENT_TYPE
    body = response.json()
    assert body["type"] == kind
    assert body["title"] == problems.TITLES[kind]
    assert body["status"] == status
    assert body["detail"]
    return body


def test_it_asks_for_a_bearer_token_with_a_problem(client, db):
    response = client.get("/api/v1/me")
    body = assert_problem(response, 401, problems.UNAUTHENTICATED)
    assert response["WWW-Authenticate"] == problems.WWW_AUTHENTICATE
    assert body["detail"] == problems.DETAIL_UNAUTHENTICATED


def test_it_answers_an_unknown_api_path_with_a_problem_not_a_page(client, call):
    for path in ("/api/v1/nothing-here", "/api/v1/goals/a/b/c/d", "/api/v1/me/"):
        body = assert_problem(client.get(path), 404, problems.NOT_FOUND)
        assert body["detail"] == problems.DETAIL_NO_SUCH_PATH
    assert_problem(call()("get", "/goals/not-a-uuid"), 422, problems.VALIDATION)


def test_it_answers_a_wrong_method_with_a_problem_and_the_allowed_ones(call):
    response = call()("put", "/me", {})
    body = assert_problem(response, 405, problems.METHOD_NOT_ALLOWED)
    assert response["Allow"] == "GET"
    assert body["detail"] == problems.DETAIL_METHOD_NOT_ALLOWED.format(allowed="GET")


def test_it_names_each_invalid_field_of_a_request(call):
    response = call()("post", "/goals", {"weight": "heavy"})
    body = assert_problem(response, 422, problems.VALIDATION)
    fields = {e["field"] for e in body["errors"]}
    assert fields == {"title", "weight"}
    assert all(e["loc"][:2] == ["body", "payload"] and e["msg"] for e in body["errors"])


def test_it_answers_a_refused_value_with_the_field(call, world):
    response = call("olga")("post", "/invitations", {"email": "x@acme.test", "roles": ["wizard"]})
    body = assert_problem(response, 400, problems.INVALID)
    assert "wizard" in body["detail"] and "wizard" in body["errors"][0]["msg"]


def test_it_refuses_a_nul_character_anywhere_naming_the_field(call):
    bob = call()
    body = assert_problem(
        bob("post", "/insights/reflections", {"text": "fine\x00day"}), 422, problems.VALIDATION
    )
    assert body["errors"] == [
        {"loc": ["body", "payload", "text"], "field": "text", "msg": problems.MSG_NUL}
    ]
    body = assert_problem(
        bob("get", "/goals", None, QUERY_STRING="status=a%00b"), 422, problems.VALIDATION
    )
    assert body["errors"][0]["field"] == "status"
    assert_problem(bob("get", "/frameworks/gr%00ow"), 422, problems.VALIDATION)


def test_it_refuses_null_for_a_text_field_of_a_goal_naming_it(call):
    bob = call()
    goal = bob("post", "/goals", {"title": "Lead the Q3 review"}).json()
    for field in ("due_text", "why", "success_measure", "status_reason", "title"):
        response = bob("patch", f"/goals/{goal['id']}", {"version": goal["version"], field: None})
        body = assert_problem(response, 422, problems.VALIDATION)
        assert [e["field"] for e in body["errors"]] == [field]
    cleared = bob(
        "patch", f"/goals/{goal['id']}", {"version": goal["version"], "due_date": None, "why": ""}
    )
    assert cleared.status_code == 200


def test_it_refuses_null_for_a_text_field_of_an_action_naming_it(call):
    bob = call()
    goal = bob("post", "/goals", {"title": "Lead the Q3 review"}).json()
    action = bob("post", f"/goals/{goal['id']}/actions", {"what": "Draft the agenda"}).json()
    for field in ("support", "obstacles"):
        response = bob(
            "patch", f"/goals/actions/{action['id']}", {"version": action["version"], field: None}
        )
        body = assert_problem(response, 422, problems.VALIDATION)
        assert [e["field"] for e in body["errors"]] == [field]


def test_it_refuses_dates_out_of_range_naming_the_field(call):
    bob = call()
    for due in ("9999-12-31", "0001-01-01", "6916-05-01"):
        response = bob("post", "/goals", {"title": "Someday", "due_date": due})
        body = assert_problem(response, 422, problems.VALIDATION)
        assert body["errors"][0]["field"] == "due_date"
        assert MSG_DAY_RANGE in body["errors"][0]["msg"]
    assert_problem(
        bob("post", "/goals", {"title": "x", "due_date": "10000-01-01"}), 422, problems.VALIDATION
    )


def test_it_refuses_a_quiet_hour_with_an_offset(call):
    response = call()("put", "/scheduling/reminders", {"delivery": {}, "quiet_start": "00:00:00Z"})
    body = assert_problem(response, 422, problems.VALIDATION)
    assert body["errors"][0]["field"] == "quiet_start"
    assert MSG_LOCAL_TIME in body["errors"][0]["msg"]


def test_it_declares_problems_for_every_operation():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    assert "Problem" in schema["components"]["schemas"]
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            responses = op["responses"]
            for status in (400, 403, 404, 422):
                assert problems.CONTENT_TYPE in responses[status]["content"], (method, path)
            if op.get("security"):
                assert "WWW-Authenticate" in responses[401]["headers"], (method, path)
            for status, response in responses.items():
                if int(status) >= 400:
                    assert list(response["content"]) == [problems.CONTENT_TYPE], (method, path)


def test_it_serves_the_interactive_docs_without_a_cdn(client, db):
    from django.contrib.staticfiles import finders

    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css"):
        assert finders.find(asset), asset


def test_it_refuses_a_session_in_the_year_6916_before_anything_else(call, world):
    path = f"/scheduling/engagements/{world.engagement.uuid}/sessions"
    response = call("alice")("post", path, {"start": "6916-05-01T09:00:00+00:00"})
    body = assert_problem(response, 422, problems.VALIDATION)
    assert body["errors"][0]["field"] == "start"
    assert MSG_DAY_RANGE in body["errors"][0]["msg"]
    # the last representable moment with a negative offset once overflowed in the conversion to UTC
    response = call("alice")("post", path, {"start": "9999-12-31T23:00:00-05:00"})
    assert_problem(response, 422, problems.VALIDATION)


def test_it_bounds_an_availability_exception_to_a_year(call):
    from trellis.scheduling.services.bookings import ERROR_EXCEPTION_LONG

    alice = call("alice")
    assert (
        alice("put", "/scheduling/availability", {"timezone": "Europe/London"}).status_code == 200
    )
    response = alice(
        "post",
        "/scheduling/availability/exceptions",
        {"kind": "extra", "start": "2026-01-01T00:00:00Z", "end": "2027-03-01T00:00:00Z"},
    )
    body = assert_problem(response, 400, problems.INVALID)
    assert body["errors"] == [{"loc": ["end"], "field": "end", "msg": ERROR_EXCEPTION_LONG}]
