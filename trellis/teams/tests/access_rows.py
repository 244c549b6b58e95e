"""Page access rows for team coaching (collected by the page access matrix). Alice coaches the
Platform team, which Bob leads; Dana sponsors it; Olga administers Acme (sees the team's pulse
aggregates only); Carol learns nothing of Acme."""

from trellis.teams import services
from trellis.teams.tests.helpers import team_for
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    engagement = team_for(world)
    services.charter_save(actor=world.alice, engagement=engagement, purpose="Ship the platform")
    world.team_action = services.action_add(
        actor=world.alice, engagement=engagement, title="Write the runbook", owner=world.bob
    )


def _team(w):
    return [w.org.slug, w.team_engagement.uuid]


def _action(w):
    return [w.org.slug, w.team_engagement.uuid, w.team_action.uuid]


PAGES = [
    row("teams:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    # the organization's business goals, counts and aggregates: admins and sponsors
    row("teams:business", anon=LOGIN, alice=403, bob=403, dana=200, olga=200, carol=404),
    row("teams:detail", args=_team, anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    # the coaches and the team's leader write the charter; the sponsor and admins do not
    row("teams:charter", args=_team, anon=LOGIN, alice=200, bob=200, dana=403, olga=403, carol=404),
    row(
        "teams:charter_history",
        args=_team,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=403,
        carol=404,
    ),
    row(
        "teams:settings", args=_team, anon=LOGIN, alice=200, bob=403, dana=403, olga=403, carol=404
    ),
    # five accepted members: the pulse goes out (302 back to the team's page)
    row(
        "teams:pulse_send",
        "POST",
        _team,
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    # no pulse with figures yet: back to the team's page with the reason
    row(
        "teams:pulse_session",
        "POST",
        _team,
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    # an empty form: 400 naming the fields, for the team and its coaches only
    row(
        "teams:action_add",
        "POST",
        _team,
        anon=LOGIN,
        alice=400,
        bob=400,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "teams:action_done",
        "POST",
        _action,
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "teams:check_ins", args=_team, anon=LOGIN, alice=200, bob=200, dana=403, olga=403, carol=404
    ),
]
