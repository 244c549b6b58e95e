"""SCIM 2.0 as an identity provider drives it, with the RFC 7643/7644 examples: users created,
found by filter, paged, patched and deactivated; teams as groups; every refusal a SCIM error."""

import json

import pytest
from django.core import mail

from trellis.accounts.models import Invitation, Membership, Team
from trellis.engagements.models import Engagement
from trellis.scim import services

pytestmark = pytest.mark.django_db

# RFC 7643 section 8.2 (full user representation), trimmed to what an identity provider sends
BJENSEN = {
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "externalId": "701984",
    "userName": "bjensen@example.com",
    "name": {
        "formatted": "Ms. Barbara J Jensen, III",
        "familyName": "Jensen",
        "givenName": "Barbara",
    },
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": True}],
    "active": True,
}


@pytest.fixture
def scim(client, world):
    _, raw = services.token_create(actor=world.olga, name="Okta")

    def call(method, path, body=None, token=raw, slug="acme", **query):
        url = f"/scim/v2/{slug}/{path}"
        data = json.dumps(body) if body is not None else ""
        response = client.generic(
            method,
            url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""),
            data,
            content_type="application/scim+json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        return response.status_code, (json.loads(response.content) if response.content else None)

    return call


def test_an_identity_provider_creates_finds_and_pages_users(scim):
    status, body = scim("POST", "Users", BJENSEN)
    assert status == 201 and body["userName"] == "bjensen@example.com"
    assert body["externalId"] == "701984" and body["active"] is True
    assert body["roles"] == [{"value": "coachee"}]
    member = Membership.objects.get(uuid=body["id"])
    assert member.user.name == "Ms. Barbara J Jensen, III" and member.is_coachee
    status, found = scim("GET", "Users", filter="userName%20eq%20%22bjensen@example.com%22")
    assert (
        status == 200 and found["totalResults"] == 1 and found["Resources"][0]["id"] == body["id"]
    )
    status, page = scim("GET", "Users", startIndex=2, count=2)
    assert page["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    assert page["startIndex"] == 2 and page["itemsPerPage"] == 2 and page["totalResults"] == 5
    assert scim("POST", "Users", BJENSEN)[0] == 409  # the same userName twice


def test_someone_with_a_trellis_account_elsewhere_is_invited_not_added(scim, world):
    status, body = scim(
        "POST",
        "Users",
        {**BJENSEN, "userName": "carol@globex.test", "emails": [], "externalId": "9"},
    )
    assert status == 201 and body["active"] is False  # until Carol accepts
    assert Invitation.objects.filter(org=world.org, email="carol@globex.test").exists()


def test_deactivating_a_coach_ends_access_and_their_engagements(scim, world):
    status, body = scim(
        "PATCH",
        f"Users/{world.alice.uuid}",
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "value": {"active": False}}],
        },
    )
    assert status == 200 and body["active"] is False
    assert not Membership.objects.get(pk=world.alice.pk).is_active
    engagement = Engagement.objects.get(pk=world.engagement.pk)
    assert engagement.status == Engagement.Status.ENDED
    assert engagement.end_reason == services.DEPROVISIONED
    assert scim("DELETE", f"Users/{world.bob.uuid}")[0] == 204
    assert not Membership.objects.get(pk=world.bob.pk).is_active


def test_a_user_name_that_is_not_an_address_signs_in_with_the_email(scim):
    body = {**BJENSEN, "userName": "bjensen", "externalId": "42"}  # a UPN-like user name
    status, created = scim("POST", "Users", body)
    assert status == 201 and created["userName"] == "bjensen"
    assert Membership.objects.get(uuid=created["id"]).user.email == "bjensen@example.com"
    status, found = scim("GET", "Users", filter="userName%20eq%20%22BJENSEN%22")
    assert found["totalResults"] == 1


def test_patch_by_path_renames_and_sets_roles(scim, world):
    ops = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {"op": "replace", "path": "displayName", "value": "Bob B. Coachee"},
            {"op": "add", "path": "roles", "value": [{"value": "coachee"}, {"value": "coach"}]},
        ],
    }
    status, body = scim("PATCH", f"Users/{world.bob.uuid}", ops)
    assert status == 200 and body["displayName"] == "Bob B. Coachee"
    bob = Membership.objects.get(pk=world.bob.pk)
    assert bob.is_coach and bob.is_coachee


def test_teams_are_groups(scim, world):
    status, group = scim(
        "POST",
        "Groups",
        {"displayName": "Platform", "members": [{"value": str(world.bob.uuid)}]},
    )
    assert status == 201 and [m["value"] for m in group["members"]] == [str(world.bob.uuid)]
    status, group = scim(
        "PATCH",
        f"Groups/{group['id']}",
        {
            "Operations": [
                {"op": "add", "path": "members", "value": [{"value": str(world.alice.uuid)}]},
                {"op": "remove", "path": f'members[value eq "{world.bob.uuid}"]'},
            ]
        },
    )
    assert [m["display"] for m in group["members"]] == ["Alice Coach"]
    assert scim("GET", "Groups", filter="displayName%20eq%20%22Platform%22")[1]["totalResults"] == 1
    assert scim("DELETE", f"Groups/{group['id']}")[0] == 204
    assert not Team.objects.filter(name="Platform").exists()


def test_refusals_are_scim_errors_that_name_the_attribute(scim, world):
    status, body = scim(
        "POST", "Users", {**BJENSEN, "userName": "bjensen", "emails": [{"value": "nope"}]}
    )
    assert status == 400 and body["scimType"] == "invalidValue" and "emails" in body["detail"]
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    status, body = scim("GET", "Users", filter="title%20co%20%22b%22")
    assert status == 400 and body["scimType"] == "invalidFilter"
    status, body = scim("PATCH", f"Users/{world.bob.uuid}", {"Operations": [{"op": "move"}]})
    assert status == 400 and "Operations[0].op" in body["detail"]
    assert scim("GET", "Users/not-a-uuid")[0] == 404
    assert Membership.objects.filter(org=world.org).count() == 4  # nothing was added


def test_a_wrong_or_foreign_token_is_refused(scim, world):
    assert scim("GET", "Users", token="scim_00000000_" + "x" * 43)[0] == 401
    _, globex = services.token_create(actor=world.carol, name="Globex IdP")
    status, body = scim("GET", "Users", token=globex)  # Globex's token on Acme's URL
    assert status == 401 and "token" in body["detail"]
    status, body = scim("GET", "Users", slug="globex")  # Acme's token on Globex's URL
    assert status == 401
    assert scim("GET", "Users", token=globex, slug="globex")[1]["totalResults"] == 2


def test_a_token_stops_working_when_its_admin_is_no_longer_one(scim, world):
    Membership.objects.filter(pk=world.olga.pk).update(is_admin=False)
    assert scim("GET", "Users")[0] == 401
    assert not mail.outbox


def test_the_server_describes_itself(scim):
    status, types = scim("GET", "ResourceTypes")
    assert status == 200 and {t["id"] for t in types["Resources"]} == {"User", "Group"}
    status, schema = scim("GET", "Schemas/urn:ietf:params:scim:schemas:core:2.0:User")
    assert status == 200 and "userName" in {a["name"] for a in schema["attributes"]}
    status, config = scim("GET", "ServiceProviderConfig")
    assert config["patch"]["supported"] is True and config["bulk"]["supported"] is True
    status, body = scim("GET", "Nowhere")
    assert status == 404 and body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert scim("POST", "Schemas", {})[0] == 405


def test_a_group_keeps_the_identity_provider_s_external_id(scim, world):
    status, group = scim("POST", "Groups", {"displayName": "Sales", "externalId": "g-42"})
    assert status == 201 and group["externalId"] == "g-42"
    assert scim("POST", "Groups", {"displayName": "Other", "externalId": "g-42"})[0] == 409
    found = scim("GET", "Groups", filter="externalId%20eq%20%22g-42%22")[1]
    assert [g["displayName"] for g in found["Resources"]] == ["Sales"]
    assert scim("GET", "Groups", filter="externalId%20eq%20%22G-42%22")[1]["totalResults"] == 0
    patch = {
        "Operations": [
            {
                "op": "replace",
                "value": {"id": group["id"], "externalId": "g-43", "displayName": "S"},
            }
        ]
    }
    status, group = scim("PATCH", f"Groups/{group['id']}", patch)
    assert status == 200 and (group["externalId"], group["displayName"]) == ("g-43", "S")
    status, group = scim(
        "PATCH", f"Groups/{group['id']}", {"Operations": [{"op": "remove", "path": "externalId"}]}
    )
    assert status == 200 and "externalId" not in group


def test_a_deleted_user_is_gone_for_scim_but_kept_and_comes_back_when_created_again(scim, world):
    assert scim("DELETE", f"Users/{world.bob.uuid}")[0] == 204
    bob = Membership.objects.get(pk=world.bob.pk)
    assert not bob.is_active  # kept, deactivated (RFC 7644 3.6: the resource answers 404)
    assert scim("GET", f"Users/{world.bob.uuid}")[0] == 404
    assert scim("DELETE", f"Users/{world.bob.uuid}")[0] == 404
    listed = scim("GET", "Users", filter="userName%20eq%20%22bob@acme.test%22")[1]
    assert listed["totalResults"] == 0
    status, body = scim("POST", "Users", {"userName": "bob@acme.test", "externalId": "b-1"})
    assert status == 201 and body["id"] == str(world.bob.uuid) and body["active"] is True
    assert body["externalId"] == "b-1"
