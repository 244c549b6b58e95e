"""The SCIM token page is for admins; the SCIM endpoints answer only to a SCIM token (401 to a
signed-in person: sessions are not how an identity provider signs in)."""

from trellis.web.tests.access import LOGIN, row


def a_token(w):
    from trellis.scim import services

    token, _ = services.token_create(actor=w.olga, name="Okta")
    return [w.org.slug, token.uuid]


def scim_only(route, args=None):
    return row(route, args=args, anon=401, alice=401, bob=401, dana=401, olga=401, carol=401)


PAGES = [
    row("scim:tokens", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("scim:root", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    row("scim:config", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    row("scim:users", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    row(
        "scim:user",
        args=lambda w: [w.org.slug, w.bob.uuid],
        anon=401,
        alice=401,
        bob=401,
        dana=401,
        olga=401,
        carol=401,
    ),
    row("scim:groups", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    row(
        "scim:group",
        args=lambda w: [w.org.slug, 1],
        anon=401,
        alice=401,
        bob=401,
        dana=401,
        olga=401,
        carol=401,
    ),
    row(
        "scim:token_revoke",
        "POST",
        a_token,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    row("scim:search", "POST", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    row("scim:users_search", "POST", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    row("scim:groups_search", "POST", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    row("scim:bulk", "POST", anon=401, alice=401, bob=401, dana=401, olga=401, carol=401),
    scim_only("scim:schemas"),
    scim_only("scim:schema", lambda w: [w.org.slug, "urn:ietf:params:scim:schemas:core:2.0:User"]),
    scim_only("scim:resource_types"),
    scim_only("scim:resource_type", lambda w: [w.org.slug, "User"]),
    scim_only("scim:unknown", lambda w: [w.org.slug, "Nowhere/at/all"]),
]
