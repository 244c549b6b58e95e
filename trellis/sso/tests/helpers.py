"""Turning SSO on for Acme in a test, and signing in through the real identity provider with
Django's test client (Trellis's side) and requests (the person's browser at the IdP)."""

from typing import Any

from trellis.accounts.models import Organization
from trellis.sso.models import SsoSettings
from trellis.sso.tests.conftest import CLIENT_ID, CLIENT_SECRET, oidc_sign_in_at_idp

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
