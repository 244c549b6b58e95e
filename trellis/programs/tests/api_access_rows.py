"""API access rows for programs: admins run them; a pool coach and an enrolled person read one;
sponsors see nothing of it; Carol's Globex token sees only Globex's (none)."""

from trellis.api.tests.access import op
from trellis.programs.tests.access_rows import SLUG, prepare  # noqa: F401

TEMPLATE = (
    'key = "quick-start"\nname = "Quick start"\npurpose = "Three weekly sessions."\n'
    'kind = "one_to_one"\nframeworks = ["grow"]\n[sessions]\ncount = 3\nevery = "weekly"\n'
)


def slug(w):
    return {"slug": SLUG}


OPERATIONS = [
    op(
        "GET",
        "/api/v1/programs/templates",
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=200,
    ),
    op(
        "POST",
        "/api/v1/programs/templates",
        body=lambda w: {"text": TEMPLATE, "filename": "quick.toml"},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op("GET", "/api/v1/programs", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        "/api/v1/programs",
        body=lambda w: {"template": "mentoring", "name": "Mentors", "starts_on": "2027-03-01"},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op(
        "GET",
        "/api/v1/programs/{slug}",
        fill=slug,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/programs/{slug}/enrolments",
        fill=slug,
        body=lambda w: {"emails": [w.olga.user.email]},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=400,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/programs/{slug}/choose",
        fill=slug,
        body=lambda w: {"coach": str(w.alice.uuid)},
        anon=401,
        alice=404,
        bob=200,
        dana=403,
        olga=404,
        carol=404,
    ),
    op(
        "GET",
        "/api/v1/programs/{slug}/chemistry/{coach_id}/slots",
        fill=lambda w: {**slug(w), "coach_id": str(w.alice.uuid)},
        anon=401,
        alice=404,
        bob=200,
        dana=403,
        olga=404,
        carol=404,
    ),
    op(
        "POST",
        "/api/v1/programs/{slug}/chemistry",
        fill=slug,
        # Alice publishes no availability here: Bob may book, and is told there is no slot
        body=lambda w: {"coach": str(w.alice.uuid), "start": "2030-01-08T10:00:00Z"},
        anon=401,
        alice=404,
        bob=400,
        dana=403,
        olga=404,
        carol=404,
    ),
    # nothing booked in the matrix world: Bob may cancel, and is told there is nothing to cancel
    op(
        "POST",
        "/api/v1/programs/{slug}/chemistry/cancel",
        fill=slug,
        anon=401,
        alice=404,
        bob=400,
        dana=403,
        olga=404,
        carol=404,
    ),
]
