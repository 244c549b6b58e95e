"""The access matrix: every page route against every persona, each cell the expected answer.

A route that is missing from the table fails `test_it_covers_every_route`, so each new page must add its row.
Personas: anon (signed out), Alice (coach), Bob (coachee), Dana (sponsor), Olga (admin) of Acme, and
Carol, admin of Globex, who must learn nothing about Acme (404 everywhere in Acme).
The API has its own matrix in trellis/api/tests/test_api_access_matrix.py.
"""

import io
import zipfile
from types import ModuleType
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from trellis.web.tests.access import (
    ACME_MARKERS,
    LOGIN,
    NO_ARGS,
    PERSONAS,
    Row,
    account,
    app_test_modules,
    everyone,
    row,
)

PAGES = [
    row("web:landing", args=NO_ARGS, anon=200, alice=302, bob=302, dana=302, olga=302, carol=302),
    # Alice, Bob, Dana and Olga belong to Acme only, so home takes them straight to it; Carol to Globex.
    row("web:home", args=NO_ARGS, anon=LOGIN, alice=302, bob=302, dana=302, olga=302, carol=302),
    # No sign-in and no data: the same answer for everyone (503 here, as no worker runs in the tests).
    row("web:healthz", args=NO_ARGS, **everyone(503)),
    row("web:org_home", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("accounts:people", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("accounts:people_import", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("accounts:people_export", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row(
        "accounts:member_roles",
        args=lambda w: [w.org.slug, w.bob.uuid],
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    row("accounts:invitations", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row(
        "accounts:invitation_revoke",
        "POST",
        lambda w: [w.org.slug, w.invitation.uuid],
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    row("accounts:audit", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("accounts:org_settings", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("accounts:tokens", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    # Alice's token: only Alice may revoke it; colleagues are refused, Carol learns nothing.
    row(
        "accounts:token_revoke",
        "POST",
        lambda w: [w.org.slug, w.alice_token.uuid],
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("accounts:invitation_accept", args=lambda w: ["not-a-real-token"], **everyone(410)),
    # Anyone chooses the interface's language: kept on the person when signed in, in a cookie for a visitor.
    row("accounts:language", args=NO_ARGS, **everyone(200)),
    row("accounts:language", "POST", args=NO_ARGS, **everyone(302)),
    row("engagements:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("engagements:new", anon=LOGIN, alice=200, bob=403, dana=403, olga=200, carol=404),
    # Alice coaches Bob, Dana sponsors (attendance only), Olga administers; Carol is a stranger.
    row(
        "engagements:detail",
        args=lambda w: [w.org.slug, w.engagement.uuid],
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    # Carol's own engagement asked for under Acme's address: no such thing in Acme for anyone.
    row(
        "engagements:detail",
        args=lambda w: [w.org.slug, w.carol_engagement.uuid],
        anon=LOGIN,
        alice=404,
        bob=404,
        dana=404,
        olga=404,
        carol=404,
    ),
]

ACCOUNT_PAGES = [
    account("account_login", 200, 302),
    account("account_logout", 302, 200),
    account("account_inactive", 200, 200),
    account("account_signup", 200, 302),
    account("account_reauthenticate", LOGIN, 200),
    account("account_email", LOGIN, 200),
    account("account_email_verification_sent", 200, 200),
    account("account_change_password", LOGIN, 200),
    account("account_set_password", LOGIN, 302),  # they have a password: sent to "change password"
    account("account_reset_password", 200, 200),
    account("account_confirm_login_code", 302, 302),
    account("account_confirm_email", 200, 200, lambda w: ["wrong-key"]),
    account("account_reset_password_from_key_done", 200, 200),
    account("account_reset_password_from_key", 200, 200, lambda w: ["1", "wrong-key"]),
    account("account_reset_password_done", 200, 200),
    account("mfa_index", LOGIN, 200),
    account("mfa_authenticate", 302, 302),
    account("mfa_reauthenticate", LOGIN, 302),
    account("mfa_activate_totp", LOGIN, 302),  # allauth asks for the password again first
    account("mfa_deactivate_totp", LOGIN, 404),  # nothing to deactivate yet
    account("mfa_view_recovery_codes", LOGIN, 404),
    account("mfa_generate_recovery_codes", LOGIN, 302),  # reauthentication first
    account("mfa_download_recovery_codes", LOGIN, 404),
]

# Django's admin site is for staff only; none of the personas is staff.
ADMIN_PAGES = [
    account("admin:index", 302, 302),
    account("admin:accounts_user_changelist", 302, 302),
]

# Served by the API app; the operations themselves are in the API matrix.
API_PAGES = [
    account("api-1.0.0:openapi-json", 200, 200),
    account("api-1.0.0:openapi-view", 200, 200),
]


def app_row_modules() -> list[ModuleType]:
    return app_test_modules("access_rows")


ALL_ROWS = (
    PAGES
    + ACCOUNT_PAGES
    + ADMIN_PAGES
    + API_PAGES
    + [r for module in app_row_modules() for r in module.PAGES]
)


def route_names() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
                walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return names


def test_it_covers_every_route():
    covered = {r.route for r in ALL_ROWS}
    missing = {
        name
        for name in route_names() - covered
        # every admin route is the admin site's (staff only, sampled above); API operations have their own matrix
        if not name.startswith("admin:")
        and not (name.startswith("api-1.0.0:") and name != "api-1.0.0:api-root")
    }
    missing.discard(
        "api-1.0.0:api-root"
    )  # the API's root answers 404 to everyone: nothing lives there
    assert not missing, f"add these routes to the access matrix: {sorted(missing)}"


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """One world for every cell: made once, each cell's changes rolled back after it."""
    from trellis.accounts import services
    from trellis.conftest import build_world, module_data

    with module_data(django_db_blocker):
        world: Any = build_world()
        world.invitation, _ = services.invitation_create(
            actor=world.olga, email="new@acme.test", roles=["coach"]
        )
        world.alice_token, _ = services.api_token_create(member=world.alice, name="Alice's script")
        for module in app_row_modules():
            if hasattr(module, "prepare"):
                module.prepare(world)
        yield world


def text_of(response) -> str:
    """The page, or every file inside a zip download (a person's data archive), as text."""
    if response.get("Content-Type") == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        return "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    return response.content.decode()


CELLS = [(r, persona) for r in ALL_ROWS for persona in PERSONAS]


@pytest.mark.parametrize(
    ("r", "persona"),
    CELLS,
    ids=[f"{r.route}{'[post]' if r.method == 'POST' else ''}-{p}" for r, p in CELLS],
)
def test_access(r: Row, persona: str, matrix_world, db, client):
    if persona != "anon":
        client.force_login(
            matrix_world.member(persona).user, backend="django.contrib.auth.backends.ModelBackend"
        )
    url = reverse(r.route, args=r.args(matrix_world))
    response = client.post(url) if r.method == "POST" else client.get(url)
    expected = r.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302, f"{url} as {persona}: {response.status_code}"
        assert "/accounts/login/" in response["Location"] or "/admin/login/" in response["Location"]
    else:
        assert response.status_code == expected, f"{url} as {persona}: {response.status_code}"
    if persona == "carol" and response.status_code == 200:
        body = text_of(response)
        leaked = [m for m in ACME_MARKERS if m in body]
        assert not leaked, f"{url} showed Carol {leaked}"
