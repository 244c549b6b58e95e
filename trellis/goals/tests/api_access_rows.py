"""Goals operations in the API access matrix: the same rules as the pages (see access_rows.py)."""

from trellis.api.tests.access import op
from trellis.goals.tests.access_rows import prepare

__all__ = ["OPERATIONS", "prepare"]

G = "/api/v1/goals"
READ = {"anon": 401, "alice": 200, "bob": 200, "dana": 403, "olga": 403, "carol": 404}
PARTNER_READ = {**READ, "dana": 200}


def ids(**attrs):
    return lambda w: {key: str(getattr(w, attr).uuid) for key, attr in attrs.items()}


GOAL = ids(goal_id="goal")
ACTION = ids(action_id="action")

OPERATIONS = [
    # lists are filtered to what the caller may read; Carol's token lists Globex only
    op("GET", G, anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        G,
        body=lambda w: {
            "title": "Speak at the all-hands by June",
            "engagement_id": str(w.engagement.uuid),
        },
        # Carol's token speaks for Globex, where Acme's engagement does not exist: a named field error
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=400,
    ),
    op(
        "POST",
        G + "/smart-check",
        body=lambda w: {"title": "Get better"},
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=200,
    ),
    op("GET", G + "/my-plan", anon=401, alice=403, bob=200, dana=403, olga=403, carol=200),
    # Dana sponsors: a summary of shared goals; Olga administers: no plan content
    op(
        "GET",
        G + "/plans/{engagement_id}",
        fill=ids(engagement_id="engagement"),
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=403,
        carol=404,
    ),
    op("GET", G + "/actions/{action_id}", fill=ACTION, **PARTNER_READ),
    op(
        "PATCH",
        G + "/actions/{action_id}",
        fill=ACTION,
        body=lambda w: {"version": w.action.version, "what": "Draft the agenda"},
        **READ,
    ),
    op("GET", G + "/actions/{action_id}/check-ins", fill=ACTION, **PARTNER_READ),
    # Bob owns this action: he checks in; his coach and his partner read
    op(
        "POST",
        G + "/actions/{action_id}/check-ins",
        fill=ACTION,
        body=lambda w: {"percent": 50},
        anon=401,
        alice=403,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", G + "/actions/{action_id}/history", fill=ACTION, **PARTNER_READ),
    op("GET", G + "/reviews", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op(
        "POST",
        G + "/reviews",
        body=lambda w: {
            "engagement_id": str(w.engagement.uuid),
            "goals": [{"goal_id": str(w.goal.uuid), "score": 1}],
        },
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=400,
    ),
    op("GET", G + "/reviews/{review_id}", fill=ids(review_id="review"), **READ),
    op("GET", G + "/{goal_id}", fill=GOAL, **READ),
    op(
        "PATCH",
        G + "/{goal_id}",
        fill=GOAL,
        body=lambda w: {"version": w.goal.version, "weight": 2},
        **READ,
    ),
    op("GET", G + "/{goal_id}/history", fill=GOAL, **READ),
    # Bob shares this goal: Dana may comment on it
    op(
        "POST",
        G + "/{goal_id}/feedback",
        fill=ids(goal_id="shared_goal"),
        body=lambda w: {"text": "Clear and ambitious."},
        anon=401,
        alice=201,
        bob=201,
        dana=201,
        olga=403,
        carol=404,
    ),
    op("GET", G + "/{goal_id}/actions", fill=GOAL, **READ),
    op(
        "POST",
        G + "/{goal_id}/actions",
        fill=GOAL,
        body=lambda w: {"what": "Ask Sam for feedback"},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
]
