"""SAML 2.0 sign-in against a real identity provider (pysaml2's IdP, signing with xmlsec1, started
by the test): just-in-time membership, roles from a mapped attribute, and refusals."""

import pytest

from trellis.accounts.models import Membership, User
from trellis.sso.tests.conftest import saml_sign_in_at_idp
from trellis.sso.tests.helpers import TESTSERVER, saml_on, saml_sign_in

pytestmark = pytest.mark.django_db

PEOPLE = {
    "nina": {"email": "nina@acme.test", "givenName": "Nina", "sn": "New"},
    "lea": {"email": "lea@acme.test", "givenName": "Lea", "sn": "Lead", "role": ["coaches"]},
    "carol": {"email": "carol@globex.test", "givenName": "Carol", "sn": "Stranger"},
    "bob": {"email": "bob@acme.test", "givenName": "Bob", "sn": "Coachee", "role": ["coaches"]},
}


@pytest.fixture
def idp(saml_idp, world):
    idp = saml_idp(TESTSERVER, "acme", PEOPLE)
    saml_on(world.org, idp.issuer)
    return idp


def test_it_makes_a_new_person_of_an_allowed_domain_a_coachee(client, world, idp):
    response = saml_sign_in(client, "nina")
    assert response.status_code == 302, response.content.decode()[-1500:]
    nina = User.objects.get(email="nina@acme.test")
    assert nina.name == "Nina New"
    assert Membership.objects.get(org=world.org, user=nina).roles == ["coachee"]
    assert client.get("/o/acme/").status_code == 200


def test_it_gives_the_role_the_mapped_attribute_names(client, world, idp):
    world.org.sso.role_claim = "urn:oid:1.3.6.1.4.1.5923.1.1.1.7"  # eduPersonEntitlement
    world.org.sso.role_map = {"coaches": "coach"}
    world.org.sso.save()
    saml_sign_in(client, "lea")
    assert Membership.objects.get(org=world.org, user__email="lea@acme.test").roles == ["coach"]


def test_it_signs_in_an_existing_member_as_themselves(client, world, idp):
    saml_sign_in(client, "bob@acme.test")
    assert client.get("/o/acme/").wsgi_request.user == world.bob.user


def test_it_refuses_a_person_of_another_organization(client, world, idp):
    response = saml_sign_in(client, "carol")
    assert response.status_code == 403
    assert "carol@globex.test is not an address Acme Learning signs in through" in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()


def test_a_disallowed_domain_creates_nothing(client, world, idp):
    users = User.objects.count()
    assert saml_sign_in(client, "mallory@elsewhere.test").status_code == 403
    assert User.objects.count() == users


def test_an_admin_sets_it_up_from_the_idps_metadata_url(client, login, world, saml_idp):
    idp = saml_idp(TESTSERVER, "acme", PEOPLE)
    login(world.olga)
    response = client.post(
        "/o/acme/sso/",
        {
            "enabled": "on",
            "protocol": "saml",
            "metadata_url": f"{idp.issuer}/metadata",
            "allowed_domains": "acme.test",
        },
    )
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.sso.idp_entity_id == f"{idp.issuer}/metadata"
    assert world.org.sso.idp_sso_url == f"{idp.issuer}/sso/redirect"
    metadata = client.get("/accounts/saml/acme/metadata/", HTTP_HOST="testserver")
    assert metadata.status_code == 200
    assert b"http://testserver/accounts/saml/acme/acs/" in metadata.content
    client.logout()
    saml_sign_in(client, "nina")
    assert Membership.objects.filter(org=world.org, user__email="nina@acme.test").exists()


def test_a_response_for_acme_is_refused_at_another_organizations_acs(client, world, idp):
    saml_on(world.carol_org, idp.issuer, allowed_domains=["globex.test"])
    client.defaults["HTTP_HOST"] = "testserver"
    started = client.post("/accounts/saml/acme/login/")
    _, fields = saml_sign_in_at_idp(started["Location"], "carol")
    kept = client.post("/accounts/saml/globex/acs/", fields)
    finished = client.get(kept["Location"])
    assert finished.status_code in (401, 403)
    assert "_auth_user_id" not in client.session
    assert not Membership.objects.filter(user=world.carol.user, org=world.org).exists()


def test_an_unknown_organization_has_no_saml_endpoints(client, world, idp):
    client.defaults["HTTP_HOST"] = "testserver"
    assert client.post("/accounts/saml/nowhere/login/").status_code == 404
    assert client.get("/accounts/saml/nowhere/metadata/").status_code == 404
    # org-acme names one provider whatever the path: Acme's own SAML IdP, never another one
    assert client.post("/accounts/oidc/org-acme/login/")["Location"].startswith(idp.issuer)


def test_an_existing_members_roles_follow_the_mapped_attribute(client, world, idp):
    world.org.sso.role_claim = "urn:oid:1.3.6.1.4.1.5923.1.1.1.7"
    world.org.sso.role_map = {"coaches": "coach"}
    world.org.sso.save()
    assert saml_sign_in(client, "bob").status_code == 302
    assert Membership.objects.get(pk=world.bob.pk).roles == ["coach"]  # coachee removed
