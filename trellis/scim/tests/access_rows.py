"""The SCIM token page is for admins; the SCIM endpoints answer only to a SCIM token (401 to a
signed-in person: sessions are not how an identity provider signs in)."""

from trellis.web.tests.access import LOGIN, row

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
]
