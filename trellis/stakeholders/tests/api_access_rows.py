"""API access rows for stakeholder feedback (collected by the API access matrix): the same rules as
the pages (see access_rows.py). Carol's Globex token sees Globex's own (none) and none of Acme's."""

from trellis.api.tests.access import op
from trellis.stakeholders.tests.access_rows import prepare  # noqa: F401

GOAL = "/api/v1/stakeholders/goals/{uuid}"


def _goal(w):
    return {"uuid": str(w.stakeholder_plan.leadership_goal.uuid)}


def _person(w):
    return {**_goal(w), "person": str(w.stakeholder.uuid)}


OPERATIONS = [
    op(
        "GET",
        "/api/v1/stakeholders/goals",
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=200,
    ),
    op("GET", GOAL, fill=_goal, anon=401, alice=200, bob=200, dana=403, olga=403, carol=404),
    op(
        "POST",
        GOAL + "/stakeholders",
        fill=_goal,
        body=lambda w: {"name": "Vic Peer", "email": "vic@outside.test", "relation": "peer"},
        anon=401,
        alice=403,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "DELETE",
        GOAL + "/stakeholders/{person}",
        fill=_person,
        anon=401,
        alice=403,
        bob=204,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        GOAL + "/360",
        fill=_goal,
        body=lambda w: {"phase": "start"},
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    # Carol administers Globex: its own setting
    op(
        "GET",
        "/api/v1/stakeholders/settings",
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=200,
    ),
    op(
        "PUT",
        "/api/v1/stakeholders/settings",
        body=lambda w: {"threshold": 4},
        anon=401,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=200,
    ),
]
