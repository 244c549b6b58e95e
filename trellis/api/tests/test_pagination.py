"""Every API list is paged with limit/cursor, documented, and answered in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.api import problems
from trellis.api.api import api
from trellis.api.pagination import MAX_LIMIT, MSG_BAD_CURSOR


@pytest.fixture
def olga(world, client, api_token):
    token = api_token(world.olga)

    def get(path, **params):
        return client.get(f"/api/v1{path}", params, headers={"Authorization": f"Bearer {token}"})

    return get


def add_audit_events(world, count):
    from trellis.accounts.models import AuditEvent

    AuditEvent.objects.bulk_create(
        AuditEvent(org=world.org, actor=world.alice.user, kind="login", detail={"n": n})
        for n in range(count)
    )


def test_it_pages_through_the_whole_audit_log_past_200(world, olga):
    add_audit_events(world, 250)
    seen, cursor, pages = [], None, 0
    while True:
        body = olga("/audit", limit=MAX_LIMIT, **({"cursor": cursor} if cursor else {})).json()
        seen += [e["detail"].get("n") for e in body["items"] if e["kind"] == "login"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert pages == 2
    assert sorted(seen) == list(range(250))


def test_it_refuses_a_limit_past_the_maximum_and_a_made_up_cursor(olga):
    body = olga("/audit", limit=MAX_LIMIT + 1).json()
    assert body["type"] == problems.VALIDATION and body["errors"][0]["field"] == "limit"
    body = olga("/audit", cursor="not-ours").json()
    assert body["errors"] == [
        {"loc": ["query", "cursor"], "field": "cursor", "msg": MSG_BAD_CURSOR}
    ]


def test_it_answers_the_audit_log_in_the_same_number_of_queries_at_two_sizes(world, olga):
    counts = []
    olga("/me")  # the token's first use of the day is recorded once
    for size in (5, 150):
        add_audit_events(world, size)
        with CaptureQueriesContext(connection) as queries:
            assert olga("/audit", limit=100).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_pages_every_list_operation_and_documents_it():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    components = schema["components"]["schemas"]
    for path, ops in schema["paths"].items():
        get = ops.get("get")
        if get is None:
            continue
        body = get["responses"][200]["content"]["application/json"]["schema"]
        assert body.get("type") != "array", f"GET {path} answers a bare list: page it"
        ref = body.get("$ref", "")
        if ref.endswith("Page"):
            page = components[ref.rsplit("/", 1)[-1]]
            assert set(page["properties"]) == {"items", "next"}, path
            params = {p["name"]: p for p in get.get("parameters", [])}
            assert params["limit"]["schema"]["maximum"] == MAX_LIMIT, path
            assert "cursor" in params, path


def test_it_answers_the_goal_list_in_the_same_number_of_queries_at_two_sizes(
    world, client, api_token
):
    path = "/goals"
    token = api_token(world.bob)
    headers = {"Authorization": f"Bearer {token}"}

    def add(count):
        for n in range(count):
            response = client.post(
                "/api/v1/goals",
                {"title": f"Goal {n}", "engagement_id": str(world.engagement.uuid)},
                content_type="application/json",
                headers=headers,
            )
            assert response.status_code == 201, response.content

    counts = []
    client.get(f"/api/v1{path}", headers=headers)
    for size in (2, 12):
        add(size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1{path}", headers=headers).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
