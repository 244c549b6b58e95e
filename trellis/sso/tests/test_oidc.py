"""OpenID Connect sign-in against a real OpenID provider (panva/oidc-provider, started by the
test): just-in-time membership for allowed domains, roles from a mapped claim, and refusals."""

import pytest

from trellis.accounts.models import AuditEvent, Membership, User
from trellis.sso.adapter import NOT_ALLOWED
from trellis.sso.tests.helpers import TESTSERVER, callback, oidc_on, oidc_sign_in

pytestmark = pytest.mark.django_db

PEOPLE = {
    "nina@acme.test": {"email": "nina@acme.test", "name": "Nina New", "roles": []},
    "lea@acme.test": {"email": "lea@acme.test", "name": "Lea Lead", "roles": ["coaches"]},
}


@pytest.fixture
def idp(oidc_idp, world):
    idp = oidc_idp([callback(TESTSERVER)], PEOPLE)
    oidc_on(world.org, idp.issuer)
    return idp


def test_it_makes_a_new_person_of_an_allowed_domain_a_coachee(client, world, idp):
    response = oidc_sign_in(client, "nina@acme.test")
    assert response.status_code == 302
    nina = User.objects.get(email="nina@acme.test")
    member = Membership.objects.get(org=world.org, user=nina)
    assert member.is_active and member.roles == ["coachee"]
    assert nina.memberships.count() == 1  # no personal practice: their organization brought them
    assert nina.name == "Nina New" and not nina.has_usable_password()
    assert client.get("/o/acme/").status_code == 200
    assert AuditEvent.objects.filter(org=world.org, kind="member_added", actor=nina).exists()


def test_it_gives_the_role_the_mapped_claim_names(client, world, idp):
    oidc_on(world.org, idp.issuer, role_claim="roles", role_map={"coaches": "coach"})
    oidc_sign_in(client, "lea@acme.test")
    member = Membership.objects.get(org=world.org, user__email="lea@acme.test")
    assert member.roles == ["coach"]


def test_it_signs_in_an_existing_member_as_themselves(client, world, idp):
    response = oidc_sign_in(client, "bob@acme.test")
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="bob@acme.test").count() == 1
    assert client.get("/o/acme/").wsgi_request.user == world.bob.user
    assert Membership.objects.get(pk=world.bob.pk).roles == ["coachee"]  # unchanged


def test_it_refuses_an_address_outside_the_allowed_domains_and_creates_nothing(client, world, idp):
    users = User.objects.count()
    response = oidc_sign_in(client, "mallory@elsewhere.test")
    assert response.status_code == 403
    assert NOT_ALLOWED % {"email": "mallory@elsewhere.test", "org": "Acme Learning"} in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert User.objects.count() == users
    assert client.get("/o/acme/").status_code == 302  # not signed in: sent to sign in


def test_it_refuses_a_person_of_another_organization(client, world, idp):
    response = oidc_sign_in(client, "carol@globex.test")
    assert response.status_code == 403
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()
    assert client.get("/o/globex/").status_code == 302  # and Carol is not signed in at all


def test_a_session_from_acmes_idp_does_not_open_another_organizations_pages(client, world, idp):
    Membership.objects.create(org=world.carol_org, user=world.bob.user, is_coachee=True)
    oidc_sign_in(client, "bob@acme.test")
    assert client.get("/o/acme/").status_code == 200
    assert client.get("/o/globex/").status_code == 403


def test_it_refuses_a_member_whose_membership_ended(client, world, idp):
    Membership.objects.filter(pk=world.bob.pk).update(is_active=False)
    response = oidc_sign_in(client, "bob@acme.test")
    assert response.status_code == 403
    assert "has ended" in response.content.decode()


def test_an_unknown_or_disabled_organization_has_no_sign_in(client, world, idp):
    assert client.post("/accounts/oidc/org-nowhere/login/").status_code == 404
    assert client.get("/sso/nowhere/").status_code == 404
    world.org.sso.enabled = False
    world.org.sso.save()
    assert client.post("/accounts/oidc/org-acme/login/").status_code == 404
    assert client.get("/sso/acme/").status_code == 404


def test_the_organizations_idp_answers_for_the_second_factor(client, world, idp):
    world.org.require_mfa = True
    world.org.save()
    oidc_on(world.org, idp.issuer, role_claim="roles", role_map={"coaches": "coach"})
    oidc_sign_in(client, "lea@acme.test")  # a coach, whom require_mfa concerns
    assert client.get("/o/acme/").status_code == 200


def test_an_account_of_another_organization_is_not_taken_over_by_acmes_idp(client, world, idp):
    """Globex's Carol has an acme.test address: Acme's IdP does not speak for her account."""
    world.carol.user.email = "carol@acme.test"
    world.carol.user.save()
    response = oidc_sign_in(client, "carol@acme.test")
    assert response.status_code == 403
    assert "already has a Trellis account with another organization" in response.content.decode()
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()
    assert "_auth_user_id" not in client.session


def test_roles_follow_the_claim_on_each_sign_in(client, oidc_idp, world, idp):
    oidc_on(world.org, idp.issuer, role_claim="roles", role_map={"coaches": "coach"})
    oidc_sign_in(client, "lea@acme.test")
    lea = Membership.objects.get(org=world.org, user__email="lea@acme.test")
    assert lea.roles == ["coach"]
    client.logout()
    # the identity provider now sends another claim for the same person (same `sub`)
    later = oidc_idp(
        [callback(TESTSERVER)],
        {"lea@acme.test": {**PEOPLE["lea@acme.test"], "roles": ["sponsors"]}},
    )
    oidc_on(
        world.org,
        later.issuer,
        role_claim="roles",
        role_map={"coaches": "coach", "sponsors": "sponsor"},
    )
    assert oidc_sign_in(client, "lea@acme.test").status_code == 302
    lea.refresh_from_db()
    assert lea.roles == ["sponsor"]  # coach removed, sponsor added
    change = AuditEvent.objects.get(org=world.org, kind="roles_changed")
    assert change.detail["before"] == ["coach"] and change.detail["after"] == ["sponsor"]


def test_the_last_admin_keeps_admin_whatever_the_claim_says(client, world, idp, caplog):
    oidc_on(world.org, idp.issuer, role_claim="roles", role_map={"coaches": "coach"})
    oidc_sign_in(client, "olga@acme.test")  # not in the IdP's people: a claim without roles
    olga = Membership.objects.get(pk=world.olga.pk)
    assert set(olga.roles) == {"coachee", "admin"}  # coachee from the claim, admin kept
    assert "last admin" in caplog.text


def test_roles_are_left_alone_without_a_role_claim(client, world, idp):
    oidc_sign_in(client, "olga@acme.test")
    assert Membership.objects.get(pk=world.olga.pk).roles == ["admin"]
