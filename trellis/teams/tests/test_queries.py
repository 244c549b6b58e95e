"""The team's pages answer in a constant number of queries, however many pulses, actions,
check-ins and charter versions the team has."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.teams import services
from trellis.teams.tests.helpers import answered_pulse, pulse_answers, team_for


def _queries(client, member, route, *args):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(route, args=[member.org.slug, *args])
    client.get(url)  # warm caches (the session, the parsed instrument)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, team, days_ago):
    answered_pulse(
        world, team, [(p, pulse_answers()) for p in world.team_people], days_ago=days_ago
    )
    services.charter_save(actor=world.alice, engagement=team, purpose=f"Purpose {days_ago}")
    services.action_add(
        actor=world.alice, engagement=team, title=f"Step {days_ago}", owner=world.bob
    )
    services.check_in_add(actor=world.bob, engagement=team, text=f"Update {days_ago}")


def test_the_team_pages_answer_in_constant_queries(world, client):
    team = team_for(world)
    _grow(world, team, 60)
    pages = [
        ("teams:detail", team.uuid),
        ("teams:charter_history", team.uuid),
        ("teams:check_ins", team.uuid),
    ]
    before = {route: _queries(client, world.alice, route, *args) for route, *args in pages}
    before["teams:list"] = _queries(client, world.olga, "teams:list")
    for days_ago in (40, 20, 1):
        _grow(world, team, days_ago)
    after = {route: _queries(client, world.alice, route, *args) for route, *args in pages}
    after["teams:list"] = _queries(client, world.olga, "teams:list")
    assert after == before
