"""Turning SSO on for Acme in a test, and signing in through the real identity provider with
Django's test client (Trellis's side) and requests (the person's browser at the IdP)."""

from typing import Any

from trellis.accounts.models import Organization
from trellis.sso.models import SsoSettings
from trellis.sso.services import saml_idp_read
from trellis.sso.tests.conftest import (
    CLIENT_ID,
    CLIENT_SECRET,
    oidc_sign_in_at_idp,
    saml_sign_in_at_idp,
)

TESTSERVER = "http://testserver"


def callback(base: str, slug: str = "acme") -> str:
    return f"{base}/accounts/oidc/org-{slug}/login/callback/"


def oidc_on(org: Organization, issuer: str, **extra: Any) -> SsoSettings:
    values: dict[str, Any] = {
        "enabled": True,
        "protocol": "oidc",
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "allowed_domains": ["acme.test"],
        **extra,
    }
    sso, _ = SsoSettings.objects.update_or_create(org=org, defaults=values)
    return sso


def oidc_sign_in(client: Any, login: str, slug: str = "acme") -> Any:
    """The whole flow: Trellis sends the person to the IdP, they sign in there, Trellis finishes."""
    started = client.post(f"/accounts/oidc/org-{slug}/login/")
    assert started.status_code == 302, started.content[:300]
    back = oidc_sign_in_at_idp(started["Location"], login, TESTSERVER + "/")
    return client.get(back.removeprefix(TESTSERVER))


def saml_on(org: Organization, idp_base: str, **extra: Any) -> SsoSettings:
    metadata_url = f"{idp_base}/metadata"
    values: dict[str, Any] = {
        "enabled": True,
        "protocol": "saml",
        "metadata_url": metadata_url,
        "allowed_domains": ["acme.test"],
        **saml_idp_read(metadata_url=metadata_url, metadata_xml=""),
        **extra,
    }
    sso, _ = SsoSettings.objects.update_or_create(org=org, defaults=values)
    return sso


def saml_sign_in(client: Any, login: str, slug: str = "acme") -> Any:
    """Trellis sends an AuthnRequest (HTTP-Redirect), the person signs in at the IdP, whose page
    posts the signed response to Trellis's ACS; Trellis finishes the sign-in."""
    client.defaults["HTTP_HOST"] = "testserver"  # python3-saml reads it; browsers always send it
    started = client.post(f"/accounts/saml/{slug}/login/")
    assert started.status_code == 302, started.content[:300]
    action, fields = saml_sign_in_at_idp(started["Location"], login)
    assert action == f"{TESTSERVER}/accounts/saml/{slug}/acs/"
    kept = client.post(action.removeprefix(TESTSERVER), fields)
    assert kept.status_code == 302, kept.content[:300]
    return client.get(kept["Location"])


def through_acmes_idp(browser, base, sign_in_at_idp):
    """From Trellis's sign-in page to Acme's identity provider (Chromium); `sign_in_at_idp(page)`
    fills the provider's own page, which differs between providers."""
    page = browser.new_context().new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Sign in with your organization").click()
    page.get_by_label("Work email or organization").fill("acme")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue to Acme Learning's sign-in").click()
    sign_in_at_idp(page)
    return page
