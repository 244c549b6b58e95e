"""Playwright driving Debian's Chromium (never a downloaded browser), for the browser tests."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
