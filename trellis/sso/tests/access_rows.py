"""Single sign-on pages: finding one's organization and its sign-in page are for anyone (they start
a sign-in); the settings page is for admins. allauth's provider endpoints (OpenID Connect, SAML)
answer 404 for an organization without that kind of SSO, and every answer is about sign-in only."""

from trellis.web.tests.access import LOGIN, Row, account, everyone, row


def prepare(world):
    """Globex signs in through OpenID Connect (Acme has no SSO: its endpoints are 404)."""
    from trellis.sso.models import SsoSettings

    SsoSettings.objects.create(
        org=world.carol_org,
        enabled=True,
        protocol="oidc",
        issuer="https://idp.globex.test",
        client_id="trellis",
        client_secret="globex-secret",
        allowed_domains=["globex.test"],
    )


def anyone(route, code, args):
    return Row(route, everyone(code), "GET", args)


PAGES = [
    account("sso:find", 200, 200),
    anyone("sso:start", 200, lambda w: ["globex"]),
    anyone("sso:start", 404, lambda w: ["acme"]),
    row("sso:settings", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("sso:settings", "POST", anon=LOGIN, alice=403, bob=403, dana=403, olga=400, carol=404),
    anyone("openid_connect_login", 200, lambda w: ["org-globex"]),
    anyone("openid_connect_login", 404, lambda w: ["org-acme"]),
    anyone(
        "openid_connect_callback",
        401,  # no state: an authentication error
        lambda w: ["org-globex"],
    ),
    anyone("saml_login", 404, lambda w: ["globex"]),
    anyone("saml_acs", 302, lambda w: ["acme"]),  # keeps the POST, then finish_acs answers 404
    anyone("saml_finish_acs", 404, lambda w: ["acme"]),
    anyone("saml_sls", 404, lambda w: ["acme"]),
    anyone("saml_metadata", 404, lambda w: ["acme"]),
    account("socialaccount_login_cancelled", 200, 200),
    account("socialaccount_login_error", 401, 401),
    account("socialaccount_signup", 302, 302),
    account("socialaccount_connections", LOGIN, 200),
]
