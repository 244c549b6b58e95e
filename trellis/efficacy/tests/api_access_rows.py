"""API access rows for self-efficacy: the same rules as the pages (see access_rows.py). Carol's
Globex token has her own wins and moods (200) and none of Acme's program (404)."""

from trellis.api.tests.access import op
from trellis.efficacy.tests.access_rows import prepare  # noqa: F401
from trellis.efficacy.tests.helpers import SLUG

PROGRAM = "/api/v1/efficacy/programs/{slug}"


def _program(w):
    return {"slug": SLUG}


def _story(w):
    return {"uuid": str(w.efficacy_story.uuid)}


OWN = {"anon": 401, "alice": 200, "bob": 200, "dana": 200, "olga": 200, "carol": 200}
OWN_CREATE = {"anon": 401, "alice": 201, "bob": 201, "dana": 201, "olga": 201, "carol": 201}

OPERATIONS = [
    op("GET", "/api/v1/efficacy/wins", **OWN),
    op("POST", "/api/v1/efficacy/wins", body=lambda w: {"text": "Chaired a meeting"}, **OWN_CREATE),
    op("GET", "/api/v1/efficacy/moods", **OWN),
    op("POST", "/api/v1/efficacy/moods", body=lambda w: {"level": 4}, **OWN_CREATE),
    op(
        "GET",
        PROGRAM + "/stories",
        fill=_program,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        PROGRAM + "/stories",
        fill=_program,
        body=lambda w: {"title": "A win", "text": "I asked for the stretch project."},
        anon=401,
        alice=403,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        PROGRAM + "/stories/review",
        fill=_program,
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    # the program's admin or a pool coach publishes it
    op(
        "POST",
        "/api/v1/efficacy/stories/{uuid}/review",
        fill=_story,
        body=lambda w: {"decision": "publish"},
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    op(
        "GET",
        PROGRAM + "/notes",
        fill=_program,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    # Bob is the only participant: nobody else to encourage (400); others may not send
    op(
        "POST",
        PROGRAM + "/notes",
        fill=_program,
        body=lambda w: {"recipient": str(w.alice.uuid), "text": "Well done!"},
        anon=401,
        alice=403,
        bob=400,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        PROGRAM + "/change",
        fill=_program,
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
]
