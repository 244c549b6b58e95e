"""Finding people and teams as identity providers ask (RFC 7644 sections 3.4.2 and 3.9): the whole
filter language over the attributes Trellis keeps, answered by the database; sorting; the
attributes and excludedAttributes parameters; POST .search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.accounts.models import Team

pytestmark = pytest.mark.django_db


def names(scim_call, filter_, resource="Users"):
    sort = "userName" if resource == "Users" else "displayName"
    status, body = scim_call("GET", resource, filter=filter_, sortBy=sort)
    assert status == 200, body
    return [r.get("userName", r.get("displayName")) for r in body["Resources"]]


@pytest.fixture
def teams(world):
    platform = Team.objects.create(org=world.org, name="Platform")
    world.alice.team = world.bob.team = platform
    world.alice.save()
    world.bob.save()
    return platform


def test_it_answers_the_rfc_filters_on_the_attributes_trellis_keeps(scim_call, world):
    everyone = ["alice@acme.test", "bob@acme.test", "dana@acme.test", "olga@acme.test"]
    assert names(scim_call, 'userName eq "BOB@acme.test"') == ["bob@acme.test"]  # caseExact false
    assert names(scim_call, 'userName sw "A"') == ["alice@acme.test"]
    assert names(scim_call, 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "d"') == [
        "dana@acme.test"
    ]
    assert names(scim_call, 'emails co "acme.test"') == everyone
    assert names(scim_call, 'emails[type eq "work" and value co "@acme.test"]') == everyone
    assert names(scim_call, 'emails[type eq "home"]') == []
    assert names(
        scim_call, 'userName ew ".test" and not (userName sw "b" or displayName co "ALICE")'
    ) == [
        "dana@acme.test",
        "olga@acme.test",
    ]
    assert names(scim_call, 'meta.created gt "2011-05-13T04:42:34Z"') == everyone
    assert names(scim_call, 'meta.created lt "2011-05-13T04:42:34Z"') == []
    assert names(scim_call, 'userName gt "bob@acme.test" and userName le "olga@acme.test"') == [
        "dana@acme.test",
        "olga@acme.test",
    ]


def test_it_filters_roles_activity_ids_and_teams(scim_call, world, teams):
    assert names(scim_call, 'roles.value eq "coach"') == ["alice@acme.test"]
    assert names(scim_call, 'roles[value eq "sponsor" or value eq "admin"]') == [
        "dana@acme.test",
        "olga@acme.test",
    ]
    assert names(scim_call, 'roles sw "COACH"') == ["alice@acme.test", "bob@acme.test"]
    assert names(scim_call, f'id eq "{world.bob.uuid}"') == ["bob@acme.test"]
    assert names(scim_call, 'id eq "not-an-id"') == []
    assert names(scim_call, "active eq true and groups pr") == ["alice@acme.test", "bob@acme.test"]
    assert names(scim_call, 'groups.display eq "platform"') == ["alice@acme.test", "bob@acme.test"]
    assert names(scim_call, "externalId pr") == []
    assert names(scim_call, 'displayName co "a" and not (groups pr)') == [
        "dana@acme.test",
        "olga@acme.test",
    ]


def test_it_filters_groups_by_their_members(scim_call, world, teams):
    Team.objects.create(org=world.org, name="Sales")
    assert names(scim_call, f'members[value eq "{world.bob.uuid}"]', "Groups") == ["Platform"]
    assert names(scim_call, f'members.value eq "{world.bob.uuid}"', "Groups") == ["Platform"]
    assert names(scim_call, 'members[display co "alice" and type eq "User"]', "Groups") == [
        "Platform"
    ]
    # two conditions on one member: Alice is not Bob
    assert (
        names(scim_call, f'members[display co "alice" and value eq "{world.bob.uuid}"]', "Groups")
        == []
    )
    assert names(scim_call, "not (members pr)", "Groups") == ["Sales"]
    assert names(scim_call, 'displayName sw "s" or id eq "0"', "Groups") == ["Sales"]


@pytest.mark.parametrize(
    ("filter_", "named"),
    [
        ("title pr", "title is not an attribute Trellis keeps for a User"),
        ('name.familyName co "O\'Malley"', "name.familyName is not an attribute"),
        ('userType eq "Employee" and emails co "x"', "userType"),
        (
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"',
            "schema Trellis does not keep",
        ),
        ("active gt true", "active is true or false: expected eq or ne"),
        ('active eq "yes"', "active: expected true or false"),
        ("userName eq 42", 'userName: expected a quoted "text"'),
        ('meta.created gt "yesterday"', "expected a date and time"),
        ('id co "1"', "id is an id: expected eq, ne or pr"),
        ('userName eq "x" junk', "expected and, or or the end"),
        ('displayName[value eq "x"]', "expected a multi-valued attribute"),
        ('roles[display eq "x"]', "expected roles.value"),
    ],
)
def test_it_refuses_a_filter_it_cannot_answer_naming_the_problem(scim_call, filter_, named):
    status, body = scim_call("GET", "Users", filter=filter_)
    assert status == 400 and body["scimType"] == "invalidFilter"
    assert named in body["detail"] and body["detail"].startswith("filter: ")


def test_it_sorts_and_pages_in_the_database(scim_call, world):
    status, body = scim_call(
        "GET",
        "Users",
        sortBy="displayName",
        sortOrder="descending",
        count=2,
        attributes="displayName",
    )
    assert [r["displayName"] for r in body["Resources"]] == ["Olga Admin", "Dana Sponsor"]
    assert body["totalResults"] == 4
    status, body = scim_call("GET", "Users", sortBy="roles")
    assert status == 400 and "sortBy" in body["detail"]
    status, body = scim_call("GET", "Users", sortBy="userName", sortOrder="sideways")
    assert status == 400 and "sortOrder" in body["detail"]


def test_the_number_of_queries_does_not_grow_with_the_people(scim_call, world):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert scim_call("GET", "Users", filter='emails co "@" and active eq true')[0] == 200
        return len(captured)

    few = queries()
    for i in range(6):
        scim_call("POST", "Users", {"userName": f"p{i}@acme.test"})
    assert queries() == few


def test_attributes_and_excluded_attributes_shape_each_resource(scim_call, world):
    status, body = scim_call("GET", f"Users/{world.bob.uuid}", attributes="userName,emails.value")
    assert body == {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": str(world.bob.uuid),
        "userName": "bob@acme.test",
        "emails": [{"value": "bob@acme.test"}],
    }
    status, body = scim_call("GET", "Users", excludedAttributes="emails,meta,roles,name")
    assert status == 200
    assert set(body["Resources"][0]) == {"schemas", "id", "userName", "displayName", "active"}
    status, body = scim_call("GET", "Users", attributes="userName,,nope!")
    assert status == 400 and body["scimType"] == "invalidValue"
    assert body["detail"].startswith("attributes: expected an attribute name")
    status, body = scim_call("POST", "Users", {"userName": "eve@acme.test"}, attributes="userName")
    assert status == 201 and set(body) == {"schemas", "id", "userName"}


def test_post_search_reads_a_search_request(scim_call, world):
    request = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "attributes": ["displayName"],
        "filter": 'displayName sw "b" or displayName sw "d"',
        "sortBy": "displayName",
        "startIndex": 1,
        "count": 10,
    }
    status, body = scim_call("POST", "Users/.search", request)
    assert status == 200
    assert [r["displayName"] for r in body["Resources"]] == ["Bob Coachee", "Dana Sponsor"]
    assert set(body["Resources"][0]) == {"schemas", "id", "displayName"}
    status, body = scim_call("POST", "Groups/.search", {"filter": "displayName pr"})
    assert status == 200 and body["totalResults"] == 0
    status, body = scim_call("POST", "Users/.search", {"filter": 7})
    assert status == 400 and "filter" in body["detail"]
    status, body = scim_call("POST", "Users/.search", {"where": "x"})
    assert status == 400 and "where" in body["detail"]
    assert scim_call("GET", "Users/.search")[0] == 405


def test_root_search_lists_users_then_groups_page_by_page(scim_call, world, teams):
    request = {"filter": 'displayName co "a"', "startIndex": 3, "count": 3}
    status, body = scim_call("POST", ".search", request)
    # Users whose name has an a: Alice, Dana, Olga (Bob Coachee has one too); then Platform
    assert status == 200 and body["totalResults"] == 5
    assert [r["displayName"] for r in body["Resources"]] == [
        "Dana Sponsor",
        "Olga Admin",
        "Platform",
    ]
    status, body = scim_call("POST", ".search", {"filter": "userName pr"})  # no Group has one
    assert status == 200 and body["totalResults"] == 4
    status, body = scim_call("POST", ".search", {"filter": "nothing pr"})
    assert status == 400 and body["scimType"] == "invalidFilter"


def test_put_replaces_a_group_s_name_and_members(scim_call, world, teams):
    status, body = scim_call(
        "PUT",
        f"Groups/{teams.pk}",
        {"displayName": "Platform Team", "members": [{"value": str(world.dana.uuid)}]},
    )
    assert status == 200 and body["displayName"] == "Platform Team"
    assert [m["display"] for m in body["members"]] == ["Dana Sponsor"]
    status, body = scim_call("PUT", f"Groups/{teams.pk}", {"displayName": ""})
    assert status == 400 and body["detail"].startswith("displayName")


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "Bulk"), ("POST", ".search"), ("POST", "Users/.search"), ("POST", "Groups/.search")],
)
def test_the_new_routes_refuse_a_wrong_foreign_or_revoked_token(scim_call, world, method, path):
    from trellis.scim import services
    from trellis.scim.models import ScimToken

    body: dict[str, object] = {"Operations": []} if path == "Bulk" else {"filter": "id pr"}
    assert scim_call(method, path, body)[0] == 200
    assert scim_call(method, path, body, token="scim_00000000_" + "x" * 43)[0] == 401
    _, globex = services.token_create(actor=world.carol, name="Globex IdP")
    status, answer = scim_call(method, path, body, token=globex)  # Globex's token on Acme's URL
    assert status == 401 and answer["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert scim_call(method, path, body, slug="globex")[0] == 401  # Acme's token on Globex's URL
    token = ScimToken.objects.get(org=world.org)
    services.token_revoke(actor=world.olga, token=token)
    assert scim_call(method, path, body)[0] == 401
