"""API access rows for instructional coaching (collected by the API access matrix): the same rules
as the pages (see access_rows.py). Carol's Globex token sees none of Acme's cycles (404)."""

from trellis.api.tests.access import op
from trellis.core.instructional.rubric import BUILTIN_DIR
from trellis.instructional.tests.access_rows import prepare  # noqa: F401

BASE = "/api/v1/instructional"
CYCLE = BASE + "/cycles/{uuid}"
VISIT = BASE + "/visits/{uuid}"
NOTE_ID = "6f1c1e3a-4c1d-4b8e-9d43-2a5b2b0f7a10"
RUBRIC = (
    (BUILTIN_DIR / "trellis-classroom.toml")
    .read_text()
    .replace('key = "trellis-classroom"', 'key = "district-rubric"')
)


def _cycle(w):
    return {"uuid": str(w.cycle.uuid)}


def _visit(w):
    return {"uuid": str(w.observation.uuid)}


def _writes(method, path, fill, body, code):
    """The coach and the teacher write; the sponsor and the admin are refused."""
    return op(
        method,
        path,
        fill=fill,
        body=body,
        anon=401,
        alice=code,
        bob=code,
        dana=403,
        olga=403,
        carol=404,
    )


OPERATIONS = [
    op("GET", BASE + "/cycles", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    # the engagement's coach starts a cycle; Carol's organization has no such engagement
    op(
        "POST",
        BASE + "/cycles",
        body=lambda w: {"engagement": str(w.instructional.uuid), "subject": "Reading"},
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", CYCLE, fill=_cycle, anon=401, alice=200, bob=200, dana=200, olga=200, carol=404),
    _writes("PUT", CYCLE, _cycle, lambda w: {"strategy": "Partner reading"}, 200),
    _writes("POST", CYCLE + "/stage", _cycle, lambda w: {"stage": "identify"}, 200),
    _writes("POST", CYCLE + "/checks", _cycle, lambda w: {"students": 24, "reached": 12}, 201),
    _writes("POST", CYCLE + "/visits", _cycle, lambda w: {"kind": "planning", "minutes": 30}, 201),
    op("GET", VISIT, fill=_visit, anon=401, alice=200, bob=200, dana=200, olga=200, carol=404),
    _writes(
        "PUT",
        VISIT,
        _visit,
        lambda w: {"on": "2026-09-21", "minutes": 50, "summary": "Pairs read"},
        200,
    ),
    _writes("PUT", VISIT + "/checklist", _visit, lambda w: {"done": []}, 200),
    _writes(
        "PUT",
        VISIT + "/notes/{note}",
        lambda w: {"uuid": str(w.observation.uuid), "note": NOTE_ID},
        lambda w: {"at_seconds": 30, "text": "Warm-up starts on time"},
        200,
    ),
    _writes(
        "PUT",
        VISIT + "/ratings/{indicator}",
        lambda w: {"uuid": str(w.observation.uuid), "indicator": "talk"},
        lambda w: {"level": 2},
        200,
    ),
    _writes(
        "POST",
        VISIT + "/tallies",
        _visit,
        lambda w: {"id": NOTE_ID, "at_seconds": 300, "engaged": 20, "present": 24},
        201,
    ),
    op(
        "POST",
        BASE + "/peers-check",
        body=lambda w: {"goal_text": "80% of the class read at pace", "target_percent": 80},
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=200,
    ),
    op("GET", BASE + "/rubrics", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    # admins and coaches import their organization's rubric (Carol into Globex)
    op(
        "POST",
        BASE + "/rubrics",
        body=lambda w: {"text": RUBRIC, "filename": "district.toml"},
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
]
