"""API access rows for instruments (collected by the API access matrix). Alice sent the coaching
alliance check to her engagement with Bob; Carol's Globex token sees none of it."""

from pathlib import Path

from trellis.api.tests.access import op
from trellis.instruments.tests.helpers import alliance_for, full_answers

RATING = (
    Path(__file__).resolve().parents[2] / "core" / "instruments" / "builtin" / "session-rating.toml"
)


def prepare(world):
    world.administration = alliance_for(world)


def _uuid(w):
    return {"uuid": str(w.administration.uuid)}


OPERATIONS = [
    op("GET", "/api/v1/instruments", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        "/api/v1/instruments",
        body=lambda w: {
            "text": RATING.read_text().replace('key = "session-rating"', 'key = "our-rating"')
        },
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op(
        "GET",
        "/api/v1/instruments/{key}",
        fill=lambda w: {"key": "team-pulse"},
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=200,
    ),
    # Carol names Acme's engagement from Globex: no such engagement there (400, nothing learned).
    op(
        "POST",
        "/api/v1/instruments/{key}/administrations",
        fill=lambda w: {"key": "coaching-alliance"},
        body=lambda w: {"target": "engagement", "engagement": str(w.engagement.uuid)},
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=201,
        carol=400,
    ),
    op(
        "GET",
        "/api/v1/administrations",
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=200,
    ),
    op(
        "GET",
        "/api/v1/administrations/{uuid}",
        fill=_uuid,
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/administrations/{uuid}/answers",
        fill=_uuid,
        body=lambda w: {"answers": full_answers("coaching-alliance")},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/administrations/{uuid}/remind",
        fill=_uuid,
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/administrations/{uuid}/close",
        fill=_uuid,
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
]
