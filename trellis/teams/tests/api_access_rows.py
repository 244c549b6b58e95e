"""API access rows for team coaching (collected by the API access matrix): the same rules as the
pages (see access_rows.py). Carol's Globex token sees none of Acme's team (404)."""

from trellis.api.tests.access import op
from trellis.teams.tests.access_rows import prepare  # noqa: F401

TEAM = "/api/v1/teams/{uuid}"


def _team(w):
    return {"uuid": str(w.team_engagement.uuid)}


def _action(w):
    return {"uuid": str(w.team_engagement.uuid), "action": str(w.team_action.uuid)}


OPERATIONS = [
    op("GET", "/api/v1/teams", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    # Carol, admin of Globex, sees Globex's business goals (none)
    op(
        "GET",
        "/api/v1/business-goals",
        anon=401,
        alice=403,
        bob=403,
        dana=200,
        olga=200,
        carol=200,
    ),
    op("GET", TEAM, fill=_team, anon=401, alice=200, bob=200, dana=200, olga=200, carol=404),
    op(
        "PUT",
        TEAM + "/settings",
        fill=_team,
        body=lambda w: {"pulse_every_weeks": 2, "pulse_threshold": 5},
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        TEAM + "/charter",
        fill=_team,
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        TEAM + "/charter/versions",
        fill=_team,
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        TEAM + "/charter",
        fill=_team,
        body=lambda w: {"purpose": "Ship the platform, safely"},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    # aggregates only, also for the sponsor and admins; never one member's answers
    op(
        "GET",
        TEAM + "/pulse",
        fill=_team,
        anon=401,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    op(
        "POST",
        TEAM + "/pulse",
        fill=_team,
        anon=401,
        alice=201,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    # no pulse has figures yet: 400 saying so
    op(
        "POST",
        TEAM + "/pulse/session",
        fill=_team,
        body=lambda w: {"framework": "team-clear"},
        anon=401,
        alice=400,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        TEAM + "/actions",
        fill=_team,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        TEAM + "/actions",
        fill=_team,
        body=lambda w: {"title": "Pair on the release", "owner": str(w.bob.uuid)},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        TEAM + "/actions/{action}/done",
        fill=_action,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        TEAM + "/check-ins",
        fill=_team,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        TEAM + "/check-ins",
        fill=_team,
        body=lambda w: {"text": "Runbook half written"},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
]
