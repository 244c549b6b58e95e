"""Generated bad SCIM bodies and queries: a SCIM error (4xx) naming what was expected, never a 500,
and nothing added."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.accounts.models import Membership, Team
from trellis.scim import services

pytestmark = pytest.mark.django_db

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=12,
)
USERISH = st.fixed_dictionaries(
    {},
    optional={
        "userName": JSON | st.emails(),
        "name": JSON,
        "emails": JSON,
        "active": JSON,
        "externalId": JSON,
        "roles": JSON,
        "Operations": JSON,
        "members": JSON,
        "displayName": JSON,
    },
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    method=st.sampled_from(["POST", "PATCH", "PUT"]),
    path=st.sampled_from(["Users", "Groups", "Users/{bob}", "Groups/x", "Users/{bob}"]),
    body=USERISH | JSON,
    raw=st.booleans(),
)
def test_bad_bodies_get_scim_errors(client, world, method, path, body, raw):
    _, token = services.token_create(actor=world.olga, name="fuzz")
    people, teams = Membership.objects.count(), Team.objects.count()
    data = "{not json" if raw else json.dumps(body)
    response = client.generic(
        method,
        f"/scim/v2/acme/{path.format(bob=world.bob.uuid)}",
        data,
        content_type="application/scim+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code < 500
    if response.status_code >= 400:
        answer = json.loads(response.content)
        assert answer["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
        assert answer["detail"]
        assert Membership.objects.count() == people and Team.objects.count() == teams


@FUZZ
@given(query=st.text(max_size=40))
def test_bad_filters_and_paging_get_scim_errors(client, world, query):
    _, token = services.token_create(actor=world.olga, name="fuzz")
    for params in ({"filter": query}, {"startIndex": query}, {"count": query}):
        response = client.get("/scim/v2/acme/Users", params, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code in (200, 400)


FILTERISH = st.text(max_size=60) | st.lists(
    st.sampled_from(
        [
            "userName",
            "emails",
            "emails.value",
            "roles",
            "members",
            "meta.created",
            "active",
            "id",
            "title",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName",
            "eq",
            "ne",
            "co",
            "sw",
            "gt",
            "pr",
            "and",
            "or",
            "not",
            "(",
            ")",
            "[",
            "]",
            '"x"',
            '"2011-05-13"',
            "true",
            "null",
            "42",
            " ",
        ]
    ),
    max_size=12,
).map(" ".join)


@FUZZ
@given(query=FILTERISH, attributes=st.text(max_size=30), sort=st.text(max_size=20))
def test_generated_filters_attributes_and_sorting_never_fail(
    client, world, query, attributes, sort
):
    _, token = services.token_create(actor=world.olga, name="fuzz")
    for path in ("Users", "Groups"):
        for params in (
            {"filter": query},
            {"attributes": attributes},
            {"excludedAttributes": attributes},
            {"sortBy": sort, "sortOrder": attributes},
        ):
            response = client.get(
                f"/scim/v2/acme/{path}", params, HTTP_AUTHORIZATION=f"Bearer {token}"
            )
            assert response.status_code in (200, 400), (params, response.content)
            if response.status_code == 400:
                answer = json.loads(response.content)
                assert answer["scimType"] in ("invalidFilter", "invalidValue")
                assert answer["detail"].split(":")[0] in (*params, "filter")


OPERATION = st.fixed_dictionaries(
    {},
    optional={
        "method": st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "GET", "post"]) | JSON,
        "path": st.sampled_from(["/Users", "/Groups", "/Users/bulkId:a", "/Groups/1", "/Bulk"])
        | JSON,
        "bulkId": st.sampled_from(["a", "b"]) | JSON,
        "data": USERISH | JSON,
    },
)


@FUZZ
@given(
    operations=st.lists(OPERATION | JSON, max_size=5) | JSON,
    fail_on=st.none() | st.integers(-2, 3) | JSON,
)
def test_generated_bulk_requests_never_fail_as_a_whole(client, world, operations, fail_on):
    _, token = services.token_create(actor=world.olga, name="fuzz")
    body = {"Operations": operations}
    if fail_on is not None:
        body["failOnErrors"] = fail_on
    response = client.post(
        "/scim/v2/acme/Bulk",
        json.dumps(body),
        content_type="application/scim+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code in (200, 400, 413)
    answer = json.loads(response.content)
    if response.status_code != 200:
        assert answer["detail"]
        return
    for operation in answer["Operations"]:
        assert int(operation["status"]) < 500, operation
        if int(operation["status"]) >= 400:
            assert operation["response"]["detail"]


@pytest.mark.parametrize(
    "start",
    [
        "99999999999999999999999",
        "\uff12\uff11\uff14\uff17\uff14\uff18\uff13\uff16\uff14\uff18",
        str(2**63),
    ],
)
def test_a_start_index_past_any_database_offset_is_refused_by_name(client, world, start):
    _, token = services.token_create(actor=world.olga, name="fuzz")
    response = client.get(
        "/scim/v2/acme/Users", {"startIndex": start}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400
    assert json.loads(response.content)["detail"].startswith("startIndex: expected a whole number")
