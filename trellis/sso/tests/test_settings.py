"""An admin sets up single sign-on on Settings → Single sign-on: saved with an audit record, the
client secret never shown back, bad input refused beside its field with what was typed kept."""

import pytest

from trellis.accounts.models import AuditEvent
from trellis.sso.models import SsoSettings
from trellis.sso.services import DOMAIN_TAKEN

pytestmark = pytest.mark.django_db
SECRET = "the-client-secret-of-acme-0123456789"

OIDC = {
    "enabled": "on",
    "protocol": "oidc",
    "issuer": "https://login.acme.test/realms/acme",
    "client_id": "trellis",
    "client_secret": SECRET,
    "allowed_domains": "acme.test, Acme.co.uk",
    "role_claim": "groups",
    "role_map": "trellis-coaches = coach\ntrellis-admins = admin",
}


def test_an_admin_sets_up_openid_connect(client, login, world):
    login(world.olga)
    response = client.post("/o/acme/sso/", OIDC)
    assert response.status_code == 302
    sso = SsoSettings.objects.get(org=world.org)
    assert sso.allowed_domains == ["acme.test", "acme.co.uk"]
    assert sso.role_map == {"trellis-coaches": "coach", "trellis-admins": "admin"}
    assert sso.client_secret == SECRET
    page = client.get("/o/acme/sso/").content.decode()
    assert SECRET not in page and "…6789" in page
    assert "/accounts/oidc/org-acme/login/callback/" in page
    event = AuditEvent.objects.get(org=world.org, kind="settings_changed")
    assert SECRET not in str(event.detail)


def test_an_empty_secret_keeps_the_stored_one(client, login, world):
    login(world.olga)
    client.post("/o/acme/sso/", OIDC)
    client.post("/o/acme/sso/", {**OIDC, "client_secret": "", "sso_required": "on"})
    sso = SsoSettings.objects.get(org=world.org)
    assert sso.client_secret == SECRET and sso.sso_required


def test_it_names_the_field_and_keeps_what_was_typed(client, login, world):
    login(world.olga)
    response = client.post("/o/acme/sso/", {**OIDC, "allowed_domains": "acme.test, not a domain"})
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Not a domain name: not, a, domain." in page
        and "https://login.acme.test/realms/acme" in page
    )
    response = client.post("/o/acme/sso/", {**OIDC, "role_map": "coaches = boss"})
    assert response.status_code == 400 and "Line 1: expected" in response.content.decode()
    response = client.post("/o/acme/sso/", {**OIDC, "client_secret": "", "issuer": ""})
    assert "OpenID Connect needs the issuer URL." in response.content.decode()
    assert not SsoSettings.objects.filter(org=world.org, enabled=True).exists()


def test_a_domain_another_organization_claims_is_refused(client, login, world):
    SsoSettings.objects.create(org=world.carol_org, enabled=True, allowed_domains=["acme.test"])
    login(world.olga)
    response = client.post("/o/acme/sso/", OIDC)
    assert response.status_code == 400
    assert DOMAIN_TAKEN % {"domain": "acme.test"} in response.content.decode().replace(
        "&#x27;", "'"
    )


def test_unreadable_saml_metadata_is_named(client, login, world):
    login(world.olga)
    data = {**OIDC, "protocol": "saml", "metadata_xml": "<not metadata"}
    response = client.post("/o/acme/sso/", data)
    assert response.status_code == 400
    assert "Could not read the identity provider" in response.content.decode()


def test_only_an_admin_of_the_organization_reaches_it(client, login, world):
    login(world.alice)
    assert client.post("/o/acme/sso/", OIDC).status_code == 403
    login(world.carol)
    assert client.post("/o/acme/sso/", OIDC).status_code == 404
    assert not SsoSettings.objects.exists()


def test_the_page_and_its_refusals_speak_the_admins_language(client, login, world):
    login(world.olga)
    page = client.get("/o/acme/sso/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Zugelassene E-Mail-Domains" in page and "Single Sign-on verlangen" in page
    response = client.post(
        "/o/acme/sso/", {**OIDC, "client_secret": "", "issuer": ""}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    assert "OpenID Connect necesita la URL del emisor." in response.content.decode()


def test_find_answers_in_the_visitors_language(client):
    response = client.post("/sso/", {"email": "nobody@nowhere.test"}, HTTP_ACCEPT_LANGUAGE="pt-br")
    assert response.status_code == 400
    assert (
        "Nenhuma organização faz login por um provedor de identidade" in response.content.decode()
    )


def test_requiring_sso_revokes_the_tokens_made_without_it(client, login, world, api_token):
    bob, alice = api_token(world.bob), api_token(world.alice)
    login(world.olga)
    client.post("/o/acme/sso/", OIDC)  # on, not required: the tokens keep working
    api = client.get("/api/v1/engagements", HTTP_AUTHORIZATION=f"Bearer {bob}")
    assert api.status_code == 200
    assert "revokes the members" in client.get("/o/acme/sso/").content.decode()
    client.post("/o/acme/sso/", {**OIDC, "client_secret": "", "sso_required": "on"})
    for token in (bob, alice):
        api = client.get("/api/v1/engagements", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert api.status_code == 401
    event = AuditEvent.objects.filter(org=world.org, kind="settings_changed").order_by("pk").last()
    assert event.detail["tokens_revoked"] == 2
