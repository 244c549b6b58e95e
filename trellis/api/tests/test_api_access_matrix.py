"""The API access matrix: every operation of /api/v1 against every persona's token.

Operations are read from the OpenAPI document, so an operation missing from the table fails the test.
Carol's token belongs to Globex: lists show her only Globex, and Acme's objects answer 404.
"""

import json
from types import ModuleType
from typing import Any

import pytest

from trellis.api.api import api
from trellis.api.tests.access import ACME_MARKERS, PERSONAS, Op, op
from trellis.web.tests.access import app_test_modules

OPERATIONS = [
    op("GET", "/api/v1/me", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op("GET", "/api/v1/people", anon=401, alice=403, bob=403, dana=403, olga=200, carol=200),
    op("GET", "/api/v1/invitations", anon=401, alice=403, bob=403, dana=403, olga=200, carol=200),
    op(
        "POST",
        "/api/v1/invitations",
        body=lambda w: {"email": "x@example.test", "roles": ["coachee"]},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op(
        "DELETE",
        "/api/v1/invitations/{invitation_id}",
        fill=lambda w: {"invitation_id": str(w.invitation.uuid)},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=204,
        carol=404,
    ),
    op("GET", "/api/v1/audit", anon=401, alice=403, bob=403, dana=403, olga=200, carol=200),
    op("GET", "/api/v1/tokens", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "DELETE",
        "/api/v1/tokens/{token_id}",
        fill=lambda w: {"token_id": str(w.alice_token.uuid)},
        anon=401,
        alice=204,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", "/api/v1/engagements", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        "/api/v1/engagements",
        body=lambda w: {
            "coach_id": str(w.alice.uuid),
            "coachee_id": str(w.bob.uuid),
            "topic": "Second round",
        },
        # Carol's token speaks for Globex, where Acme's people do not exist: a named field error, not a leak.
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=201,
        carol=400,
    ),
    op(
        "GET",
        "/api/v1/engagements/{engagement_id}",
        fill=lambda w: {"engagement_id": str(w.engagement.uuid)},
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
]


def app_operation_modules() -> list[ModuleType]:
    return app_test_modules("api_access_rows")


ALL_OPERATIONS = OPERATIONS + [o for module in app_operation_modules() for o in module.OPERATIONS]


def test_it_covers_every_operation():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    documented = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    covered = {(o.method, o.path) for o in ALL_OPERATIONS}
    assert documented - covered == set(), "add these operations to the API access matrix"
    assert covered - documented == set(), "the matrix lists operations the API no longer has"


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker):
    """One world and one token per persona for every cell: made once, each cell's changes rolled back."""
    from trellis.accounts import services
    from trellis.conftest import build_world, module_data

    with module_data(django_db_blocker):
        world: Any = build_world()
        world.invitation, _ = services.invitation_create(
            actor=world.olga, email="new@acme.test", roles=["coach"]
        )
        world.alice_token, raw = services.api_token_create(
            member=world.alice, name="Alice's script"
        )
        raw_tokens = {
            p: services.api_token_create(member=world.member(p), name="test")[1]
            for p in PERSONAS
            if p != "anon"
        }
        raw_tokens["alice"] = raw
        for module in app_operation_modules():
            if hasattr(module, "prepare"):
                module.prepare(world)
        yield world, raw_tokens


CELLS = [(o, p) for o in ALL_OPERATIONS for p in PERSONAS]


@pytest.mark.parametrize(
    ("o", "persona"), CELLS, ids=[f"{o.method} {o.path}-{p}" for o, p in CELLS]
)
def test_api_access(o: Op, persona: str, tokens, db, client):
    world, raw = tokens
    headers = {} if persona == "anon" else {"Authorization": f"Bearer {raw[persona]}"}
    url = o.path.format(**o.fill(world))
    kwargs: dict[str, Any] = {"headers": headers}
    if o.body is not None:
        kwargs.update(data=o.body(world), content_type="application/json")
    response = getattr(client, o.method.lower())(url, **kwargs)
    assert response.status_code == o.expect[persona], (
        f"{o.method} {url} as {persona}: {response.content[:300]!r}"
    )
    if persona == "carol":
        sent = json.dumps(kwargs.get("data", ""))  # an error may quote what Carol herself sent
        leaked = [m for m in ACME_MARKERS if m in response.content.decode() and m not in sent]
        assert not leaked, f"{o.method} {url} showed Carol {leaked}"
