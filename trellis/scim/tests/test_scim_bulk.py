"""POST /Bulk (RFC 7644 section 3.7) with the RFC's own examples: bulkId references resolved in
any order, each operation answered in its place, failOnErrors, and the limits the server
advertises; the request as a whole never fails for one bad operation."""

import json

import pytest

from trellis.accounts.models import Membership, Team

pytestmark = pytest.mark.django_db
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"


def rfc_example(user_name="Alice", emails=None):
    """RFC 7644 section 3.7.2: a user, and a group that names them by bulkId (order swapped here,
    so the group waits for the user)."""
    user = {"schemas": [USER], "userName": user_name}
    if emails:
        user["emails"] = emails
    return {
        "schemas": [BULK],
        "Operations": [
            {
                "method": "POST",
                "path": "/Groups",
                "bulkId": "ytrewq",
                "data": {
                    "schemas": [GROUP],
                    "displayName": "Tour Guides",
                    "members": [{"type": "User", "value": "bulkId:qwerty"}],
                },
            },
            {"method": "POST", "path": "/Users", "bulkId": "qwerty", "data": user},
        ],
    }


def test_the_rfc_example_makes_a_user_and_their_group(scim_call):
    status, body = scim_call("POST", "Bulk", rfc_example("alice.tour@example.com"))
    assert status == 200 and body["schemas"] == [
        "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
    ]
    group, user = body["Operations"]
    assert (group["bulkId"], group["status"], user["bulkId"], user["status"]) == (
        "ytrewq",
        "201",
        "qwerty",
        "201",
    )
    member = Membership.objects.get(user__email="alice.tour@example.com")
    assert user["location"].endswith(f"/Users/{member.uuid}")
    assert member.team == Team.objects.get(name="Tour Guides")
    assert group["location"].endswith(f"/Groups/{member.team.pk}")


def test_a_refused_user_fails_the_group_that_names_them(scim_call):
    status, body = scim_call("POST", "Bulk", rfc_example("Alice"))  # no email address: refused
    assert status == 200
    group, user = body["Operations"]
    assert user["status"] == "400" and "emails" in user["response"]["detail"]
    assert group["status"] == "409" and "bulkId:qwerty" in group["response"]["detail"]
    assert not Team.objects.filter(name="Tour Guides").exists()


def test_put_patch_and_delete_in_one_request_as_in_the_rfc(scim_call, world):
    status, body = scim_call(
        "POST",
        "Bulk",
        {
            "schemas": [BULK],
            "Operations": [
                {
                    "method": "PUT",
                    "path": f"/Users/{world.dana.uuid}",
                    "version": 'W/"3694e05e9dff591"',
                    "data": {
                        "schemas": [USER],
                        "userName": "dana@acme.test",
                        "displayName": "Dana D",
                    },
                },
                {
                    "method": "PATCH",
                    "path": f"/Users/{world.bob.uuid}",
                    "data": {
                        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                        "Operations": [{"op": "replace", "path": "displayName", "value": "Bobby"}],
                    },
                },
                {"method": "DELETE", "path": f"/Users/{world.alice.uuid}"},
                {"method": "DELETE", "path": "/Users/b7c14771-226c-4d05-8860-134711653041"},
            ],
        },
    )
    assert status == 200
    assert [op["status"] for op in body["Operations"]] == ["200", "200", "204", "404"]
    assert body["Operations"][2]["location"].endswith(f"/Users/{world.alice.uuid}")
    assert Membership.objects.get(pk=world.dana.pk).user.name == "Dana D"
    assert Membership.objects.get(pk=world.bob.pk).user.name == "Bobby"
    assert not Membership.objects.get(pk=world.alice.pk).is_active


def test_fail_on_errors_stops_the_rest(scim_call, world):
    bad = {"method": "POST", "path": "/Users", "bulkId": "b1", "data": {"userName": "nobody"}}
    good = {"method": "POST", "path": "/Users", "bulkId": "g1", "data": {"userName": "g@acme.test"}}
    status, body = scim_call(
        "POST", "Bulk", {"schemas": [BULK], "failOnErrors": 1, "Operations": [bad, good]}
    )
    assert status == 200 and [op["status"] for op in body["Operations"]] == ["400"]
    assert not Membership.objects.filter(user__email="g@acme.test").exists()


def test_a_bad_operation_is_refused_in_its_place_naming_the_field(scim_call, world):
    status, body = scim_call(
        "POST",
        "Bulk",
        {
            "Operations": [
                {"method": "GET", "path": "/Users"},
                {"method": "POST", "path": "/Users", "data": {"userName": "x@acme.test"}},
                {"method": "PUT", "path": "/Groups", "data": {}},
                "not an operation",
                {
                    "method": "PATCH",
                    "path": f"/Users/{world.olga.uuid}",
                    "data": {"Operations": [{"op": "replace", "value": {"active": False}}]},
                },
            ]
        },
    )
    assert status == 200
    details = [op["response"]["detail"] for op in body["Operations"]]
    assert details[0].startswith("Operations[0].method: expected POST, PUT, PATCH or DELETE")
    assert details[1].startswith("Operations[1].bulkId: expected one for a POST")
    assert details[2].startswith("path: expected POST /Users")
    assert details[3].startswith("Operations[3]: expected an object")
    assert "yourself" in details[4] or "admin" in details[4]  # the token's own admin stays
    assert Membership.objects.get(pk=world.olga.pk).is_active


def test_the_request_as_a_whole_is_checked_against_the_advertised_limits(scim_call):
    status, config = scim_call("GET", "ServiceProviderConfig")
    bulk = config["bulk"]
    assert bulk["supported"] is True
    too_many = {
        "Operations": [{"method": "DELETE", "path": "/Users/x"}] * (bulk["maxOperations"] + 1)
    }
    status, body = scim_call("POST", "Bulk", too_many)
    assert status == 413 and "at most" in body["detail"]
    huge = json.dumps({"Operations": [], "pad": "x" * bulk["maxPayloadSize"]})
    status, body = scim_call("POST", "Bulk", huge)
    assert status == 413 and body["detail"].startswith("body: expected at most")
    status, body = scim_call(
        "POST",
        "Bulk",
        {
            "Operations": [
                {"method": "POST", "path": "/Users", "bulkId": "a", "data": {}},
                {"method": "POST", "path": "/Groups", "bulkId": "a", "data": {}},
            ]
        },
    )
    assert status == 400 and "bulkId" in body["detail"] and "again" in body["detail"]
    status, body = scim_call("POST", "Bulk", {"Operations": [], "failOnErrors": "x"})
    assert status == 400 and body["detail"].startswith("failOnErrors")
