"""Every API list operation answers in a constant number of queries: as many with 30 coachees as
with 3, for each persona it answers (the API twin of trellis/web/tests/test_constant_queries.py).

The list operations are read from the OpenAPI document (every GET that answers a page, without a
path parameter), so a new list is covered the day it is added. Each is asked twice at each size
(the first request warms what a running server keeps); the second request's queries are counted,
with the largest page (limit=200) so that every row the data grows by is on it.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.api.api import api
from trellis.api.pagination import MAX_LIMIT
from trellis.web.tests.bulk import grow, grow_plan

PERSONAS = ("bob", "alice", "dana", "olga")


def list_operations() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="")
    found = []
    for path, ops in schema["paths"].items():
        get = ops.get("get")
        if get is None or "{" in path:
            continue
        body = get["responses"][200]["content"]["application/json"]["schema"]
        if body.get("$ref", "").endswith("Page"):
            found.append(path)
    return sorted(found)


def test_it_finds_the_list_operations():
    paths = list_operations()
    for expected in ("/people", "/engagements", "/scheduling/events", "/goals", "/sessions"):
        assert expected in paths


def test_every_list_operation_answers_in_as_many_queries_for_30_coachees_as_for_3(
    world, client, api_token
):
    tokens = {name: api_token(world.member(name)) for name in PERSONAS}

    def count(name: str, path: str) -> tuple[int, int, int]:
        """(status, queries, rows on the page)"""
        headers = {"Authorization": f"Bearer {tokens[name]}"}
        url = f"/api/v1{path}"
        client.get(url, {"limit": MAX_LIMIT}, headers=headers)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"limit": MAX_LIMIT}, headers=headers)
        rows = len(response.json().get("items", [])) if response.status_code == 200 else 0
        return response.status_code, len(queries), rows

    def measure() -> dict[tuple[str, str], tuple[int, int, int]]:
        return {(name, path): count(name, path) for path in paths for name in PERSONAS}

    paths = list_operations()
    grow(world.org, coachees=3, coach=world.alice, sponsor=world.dana)
    grow_plan(world.engagement, goals=1)
    small = measure()
    grow(
        world.org, coachees=27, coach=world.alice, sponsor=world.dana, for_coach=20, extra_coaches=2
    )
    grow_plan(world.engagement, goals=4)
    large = measure()
    # A list that was empty at 3 coachees (a prefetch is not sent for no rows) is compared
    # between 30 and 40 instead; a list that stays empty (invitations, say) proves little.
    grow(
        world.org, coachees=10, coach=world.alice, sponsor=world.dana, for_coach=5, extra_coaches=1
    )
    larger = measure()
    answered, grown = set(), []
    for key, (status, _queries, rows) in small.items():
        if status != 200:
            continue
        answered.add(key[1])
        before, after = (small[key], large[key]) if rows else (large[key], larger[key])
        if after[:2] != before[:2]:
            name, path = key
            grown.append(
                f"{name} GET {path}: {before[1]} queries for {before[2]} rows -> {after[1]}"
                f" for {after[2]} (status {after[0]})"
            )
    assert answered == set(paths)  # every list answers at least one persona
    assert not grown, "\n".join(grown)
