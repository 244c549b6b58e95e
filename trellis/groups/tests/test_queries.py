"""The group's page, the deals list, the pipeline and a deal with its history (page and API)
answer in a constant number of queries, however many items, comments, deals and changes there
are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.accounts.services import api_token_create
from trellis.groups import sales_services, services
from trellis.groups.tests.helpers import group_for


def _queries(client, member, route, *args):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(route, args=[member.org.slug, *args])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, group, n):
    for i in range(n):
        for person in world.group_people:
            item = services.item_add(
                actor=person, engagement=group, kind="goal", text=f"{i}", visibility="group"
            )
            services.comment_add(actor=world.alice, item=item, text="Go on")
        sales_services.deal_create(actor=world.bob, engagement=world.engagement, name=f"D{i}")


def test_the_group_pages_answer_in_constant_queries(world, client):
    group = group_for(world)
    _grow(world, group, 1)
    pages = [("groups:detail", group.uuid), ("groups:deals",), ("groups:pipeline",)]
    people = (world.alice, world.bob, world.olga)
    before = {
        (p.pk, route): _queries(client, p, route, *args)
        for route, *args in pages
        for p in people
        if not (route == "groups:pipeline" and p == world.bob)
    }
    _grow(world, group, 3)
    after = {
        (p.pk, route): _queries(client, p, route, *args)
        for route, *args in pages
        for p in people
        if not (route == "groups:pipeline" and p == world.bob)
    }
    assert after == before


def test_a_deal_page_and_its_history_answer_in_constant_queries(world, client):
    from trellis.groups.models import Deal

    deal = sales_services.deal_create(
        actor=world.bob, engagement=world.engagement, name="Globex renewal", value=1
    )

    def change(n):
        for i in range(n):
            found = Deal.objects.get(pk=deal.pk)
            sales_services.deal_update(actor=world.alice, deal=found, value=found.value + 1 + i)

    def queries():
        found = {}
        for member in (world.alice, world.bob):
            found[member.pk] = _queries(client, member, "groups:deal", deal.uuid)
            url = f"/api/v1/deals/{deal.uuid}/history"
            headers = {"Authorization": f"Bearer {api_token_create(member=member, name='q')[1]}"}
            client.get(url, headers=headers)
            with CaptureQueriesContext(connection) as api_queries:
                assert client.get(url, headers=headers).status_code == 200
            found[-member.pk] = len(api_queries)
        return found

    change(1)
    before = queries()
    change(4)
    assert queries() == before
