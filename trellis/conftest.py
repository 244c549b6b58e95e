"""Shared personas: Alice (coach), Bob (coachee), Dana (sponsor), Olga (admin) in Acme; Carol in Globex.

Imports are inside fixtures so that the pure-Python core tests never load Django.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class World:
    org: Any
    alice: Any
    bob: Any
    dana: Any
    olga: Any
    carol: Any
    carol_org: Any
    engagement: Any
    carol_engagement: Any

    def member(self, persona: str) -> Any:
        return getattr(self, persona)


def build_world() -> World:
    """The personas and their two engagements, in the database the caller has opened."""
    from allauth.account.models import EmailAddress

    from trellis.accounts.models import Membership, Organization, User
    from trellis.engagements.models import Engagement

    def person(org: Any, email: str, name: str, **roles: bool) -> Any:
        user = User.objects.create(
            email=email, name=name
        )  # no password: tests log in with force_login
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return Membership.objects.create(org=org, user=user, **roles)

    acme = Organization.objects.create(slug="acme", name="Acme Learning")
    globex = Organization.objects.create(slug="globex", name="Globex Corporation")
    alice = person(acme, "alice@acme.test", "Alice Coach", is_coach=True)
    bob = person(acme, "bob@acme.test", "Bob Coachee", is_coachee=True)
    dana = person(acme, "dana@acme.test", "Dana Sponsor", is_sponsor=True)
    olga = person(acme, "olga@acme.test", "Olga Admin", is_admin=True)
    carol = person(
        globex, "carol@globex.test", "Carol Stranger", is_admin=True, is_coach=True, is_coachee=True
    )
    ed = person(globex, "ed@globex.test", "Ed Globex", is_coachee=True)
    engagement = Engagement.objects.create(
        org=acme, coach=alice, coachee=bob, sponsor=dana, topic="Leading the team"
    )
    carol_engagement = Engagement.objects.create(
        org=globex, coach=carol, coachee=ed, topic="Director role"
    )
    # both engagements are active and every place in them accepted (the policy reads the places)
    from trellis.engagements.lifecycle import engagement_places_from_pair

    engagement_places_from_pair(engagement=engagement)
    engagement_places_from_pair(engagement=carol_engagement)
    return World(acme, alice, bob, dana, olga, carol, globex, engagement, carol_engagement)


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


TEST_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One process: the in-memory cache, as tests without the database may touch it. The shared database
# cache is proven across real server processes in web/tests/test_production_server.py.
TEST_CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Hashing is not under test here (argon2 is, in the production-server test's own process): the
# cheapest hasher keeps the demo seed and sign-in tests from spending their time on it.
TEST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def module_data(django_db_blocker: Any) -> Iterator[None]:
    """Data made once for a whole test module, as Django's TestCase.setUpTestData does for a class.

    It is written inside a transaction kept open for the module; each test (which asks for `db`)
    runs in a savepoint on top of it, rolled back after the test, and the module's transaction is
    rolled back at its end. Tests must not change the Python objects made here, only the database.
    """
    from django.db import transaction
    from django.test.utils import override_settings

    outer = transaction.atomic()
    outer._from_testcase = True  # type: ignore[attr-defined]  # as TestCase's own: a durable block inside it is still allowed
    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=TEST_TASKS, CACHES=TEST_CACHES, PASSWORD_HASHERS=TEST_HASHERS),
        outer,
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture
def login(client: Any) -> Any:
    """login(member) signs the member's user in on the test client and returns the client."""

    def sign_in(member: Any) -> Any:
        client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def api_token(db: Any) -> Any:
    """api_token(member) returns a raw API token for the member."""
    from trellis.accounts import services

    def make(member: Any) -> str:
        return services.api_token_create(member=member, name="test")[1]

    return make


@pytest.fixture(autouse=True)
def _immediate_tasks(request: Any) -> None:
    """Background tasks run at once in tests (a test that needs the database queue overrides TASKS)."""
    if request.config.pluginmanager.has_plugin("django"):
        from django.core.cache import cache

        settings = request.getfixturevalue("settings")
        settings.TASKS = TEST_TASKS
        settings.CACHES = TEST_CACHES
        settings.PASSWORD_HASHERS = TEST_HASHERS
        cache.clear()  # rate-limit counters and used TOTP codes must not leak from one test to the next


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts in the site's language: a request by someone who reads German leaves German
    active in the thread (as Django's LocaleMiddleware does), which must not leak into the next test."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: Any, nextitem: Any) -> Iterator[None]:
    """A browser test's pages are closed, once their requests have answered, before its fixtures
    are torn down: a request still in flight when the test's database was emptied found its tables
    locked by the flush (SQLite), and the next test found this one's rows."""
    browser = getattr(item, "funcargs", {}).get("browser")
    for context in list(getattr(browser, "contexts", [])):
        for page in context.pages:
            with suppress(Exception):  # a page that never settles is closed all the same
                page.wait_for_load_state("networkidle", timeout=5000)
        context.close()
    yield


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("TRELLIS_REQUIRE_BROWSER"):
            pytest.fail("Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    # Playwright's sync API runs an event loop; Django's ORM calls in the test body are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        yield browser
        browser.close()
