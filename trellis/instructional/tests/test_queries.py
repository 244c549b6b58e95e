"""The cycles list and a cycle's page answer in a constant number of queries, however many cycles,
visits and checks there are."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.instructional import services
from trellis.instructional.tests.helpers import cycle_for


def _queries(client, member, route, *args):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(route, args=[member.org.slug, *args])
    client.get(url)  # warm caches (the session)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, cycle, day):
    services.cycle_start(actor=world.alice, engagement=world.instructional)
    services.visit_add(actor=world.alice, cycle=cycle, kind="planning", minutes=30)
    services.check_add(
        actor=world.alice, cycle=cycle, students=24, reached=12, taken_on=date(2026, 10, day)
    )


def test_the_cycle_pages_answer_in_constant_queries(world, client):
    cycle = cycle_for(world)
    _grow(world, cycle, 1)
    pages = [("instructional:list",), ("instructional:cycle", cycle.uuid)]
    before = {p[0]: _queries(client, world.alice, *p) for p in pages}
    for day in (2, 3, 4):
        _grow(world, cycle, day)
    after = {p[0]: _queries(client, world.alice, *p) for p in pages}
    assert after == before
