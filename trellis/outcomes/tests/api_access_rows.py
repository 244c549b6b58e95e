"""API access rows for outcomes: the dashboard for admins, coaches and sponsors (Carol's Globex
token counts Globex's, as its admin); the sponsored list for sponsors; progress for coachees."""

from trellis.api.tests.access import op

OPERATIONS = [
    op(
        "GET",
        "/api/v1/outcomes/dashboard",
        anon=401,
        alice=200,
        bob=403,
        dana=200,
        olga=200,
        carol=200,
    ),
    op(
        "GET",
        "/api/v1/outcomes/sponsored",
        anon=401,
        alice=403,
        bob=403,
        dana=200,
        olga=403,
        carol=403,
    ),
    op("GET", "/api/v1/outcomes/me", anon=401, alice=403, bob=200, dana=403, olga=403, carol=200),
]
