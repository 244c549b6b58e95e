"""API access rows for frameworks (collected by the API access matrix). Acme has its own STAR
check-in framework, which Carol's Globex token cannot see."""

from pathlib import Path

from trellis.api.tests.access import op

STAR = (
    Path(__file__).resolve().parents[3] / "docs" / "examples" / "frameworks" / "star-check-in.toml"
)


def prepare(world):
    from trellis.frameworks import services

    services.framework_import(org=world.org, text=STAR.read_text())


OPERATIONS = [
    op("GET", "/api/v1/frameworks", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        "/api/v1/frameworks",
        body=lambda w: {"text": STAR.read_text().replace("STAR check-in", "STAR weekly")},
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op(
        "GET",
        "/api/v1/frameworks/{key}",
        fill=lambda w: {"key": "grow"},
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=200,
    ),
    op(
        "GET",
        "/api/v1/frameworks/{key}",
        fill=lambda w: {"key": "star-check-in"},
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
]
