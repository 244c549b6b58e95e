"""Insights operations in the API access matrix: the same rules as the pages (see access_rows.py).
Carol's token speaks for Globex, where she is a coachee and a coach: her own settings, trend and
reflections answer there; Acme's people answer 404."""

from trellis.api.tests.access import op
from trellis.insights.tests.access_rows import prepare

__all__ = ["OPERATIONS", "prepare"]

L = "/api/v1/insights/language"
R = "/api/v1/insights/reflections"
OWN = {"anon": 401, "alice": 403, "bob": 200, "dana": 403, "olga": 403, "carol": 200}
TEXT = {"text": "They never tell me anything, so I have to guess."}


def bob(w):
    return {"member_id": str(w.bob.uuid)}


OPERATIONS = [
    op("GET", L + "/settings", **OWN),
    op(
        "PUT",
        L + "/settings",
        body=lambda w: {"language_insight": True, "trend_shared_with": None},
        **OWN,
    ),
    op("GET", L + "/trend", **OWN),
    # Bob's own trend, and Alice's because Bob shares it with her
    op(
        "GET",
        L + "/trend/{member_id}",
        fill=bob,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    # only a coachee who opted in (Bob; Carol has not)
    op(
        "POST",
        L + "/analyze",
        body=lambda w: TEXT,
        anon=401,
        alice=403,
        bob=200,
        dana=403,
        olga=403,
        carol=403,
    ),
    op(
        "POST",
        L + "/inclusive",
        body=lambda w: {"text": "Hi guys, quick sanity check."},
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=403,
        carol=200,
    ),
    op("GET", R, **OWN),
    op("POST", R, body=lambda w: TEXT, **{**OWN, "bob": 201, "carol": 201}),
]
