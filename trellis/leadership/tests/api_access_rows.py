"""API access rows for leadership development (collected by the API access matrix): the same rules
as the pages (see access_rows.py). Carol's Globex token sees Globex's lists and none of Acme's
goals or decisions (404)."""

from trellis.api.tests.access import op
from trellis.leadership.tests.access_rows import prepare  # noqa: F401

BASE = "/api/v1/leadership"
GOAL = BASE + "/goals/{uuid}"
DECISION = BASE + "/decisions/{uuid}"


def _goal(w):
    return {"uuid": str(w.leadership.uuid)}


def _behaviour(w):
    return {"uuid": str(w.leadership.uuid), "behaviour": str(w.behaviour.uuid)}


def _decision(w):
    return {"uuid": str(w.decision.uuid)}


LISTS = {"anon": 401, "alice": 200, "bob": 200, "dana": 200, "olga": 200, "carol": 200}
GOAL_READ = {"anon": 401, "alice": 200, "bob": 200, "dana": 403, "olga": 403, "carol": 404}

MODEL = (
    'key = "ours"\nname = "Our way"\nsummary = "s"\nsources = ["Our handbook"]\n'
    '[[competencies]]\nkey = "care"\nname = "Care"\ndescription = "d"\n'
    '[[competencies.behaviours]]\nlevel = "emerging"\ntext = "Asks how people are"\n'
    '[[competencies.behaviours]]\nlevel = "exemplary"\ntext = "Follows up a week later"\n'
)

OPERATIONS = [
    op("GET", BASE + "/models", **LISTS),
    op("GET", BASE + "/models/{key}", fill=lambda w: {"key": "communication"}, **LISTS),
    # admins import; Carol imports into Globex
    op(
        "POST",
        BASE + "/models",
        body=lambda w: {"text": MODEL, "filename": "ours.toml"},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op("GET", BASE + "/mission", **LISTS),
    op(
        "POST",
        BASE + "/mission",
        body=lambda w: {"kind": "value", "name": "Care"},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=201,
        carol=201,
    ),
    op("GET", BASE + "/goals", **LISTS),
    # the engagement's coach and coachee; Carol does not find Acme's engagement
    op(
        "POST",
        BASE + "/goals",
        body=lambda w: {
            "engagement": str(w.engagement.uuid),
            "model_key": "communication",
            "competency_key": "listening",
            "title": "Listen first",
            "behaviours": ["Lets people finish before replying"],
        },
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", GOAL, fill=_goal, **GOAL_READ),
    op(
        "PUT",
        GOAL + "/behaviours/{behaviour}",
        fill=_behaviour,
        body=lambda w: {"text": "Asks for two options before deciding"},
        **GOAL_READ,
    ),
    op(
        "POST",
        GOAL + "/experiments",
        fill=_goal,
        body=lambda w: {"hypothesis": "Silence gives ideas", "test": "Try it twice"},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", BASE + "/decisions", **LISTS),
    op(
        "POST",
        BASE + "/decisions",
        body=lambda w: {"question": "Move Sam?", "options": ["Now", "Later"]},
        anon=401,
        alice=201,
        bob=201,
        dana=201,
        olga=201,
        carol=201,
    ),
    op("GET", DECISION, fill=_decision, **GOAL_READ),
    op(
        "POST",
        DECISION + "/revisit",
        fill=_decision,
        body=lambda w: {"outcome": "Sam thrived"},
        **GOAL_READ,
    ),
    # the session's coach and coachee say what it worked on; Carol finds no such session
    op(
        "PUT",
        BASE + "/sessions/{uuid}/mission",
        fill=lambda w: {"uuid": str(w.leader_session.uuid)},
        body=lambda w: {"parts": [str(w.mission_part.uuid)]},
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
]
