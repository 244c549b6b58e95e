"""In Chromium: the main pages load under the Content-Security-Policy without one violation, and htmx
still works (the language-insight panel, which used to need eval, highlights as Bob types)."""

import re

import pytest

pytestmark = pytest.mark.browser
PASSWORD = "a-long-pass-phrase-9"
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""
PAGES = {
    "bob": [
        "",
        "engagements/",
        "sessions/",
        "plan/",
        "calendar/",
        "reflect/",
        "reminders/",
        "tokens/",
    ],
    "alice": ["", "engagements/", "plans/", "calendar/", "calendar/schedule/"],
    "olga": ["", "people/", "invitations/", "audit/", "settings/"],
}


def sign_in(browser, base: str, member):
    member.user.set_password(PASSWORD)
    member.user.save()
    page = browser.new_context().new_page()
    page.add_init_script(WATCH)
    page.console_messages = []
    page.on("console", lambda m: page.console_messages.append(m.text))
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(member.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base}/o/acme/")
    return page


def violations(page) -> list[str]:
    seen = page.evaluate("window.__cspViolations")
    refused = [m for m in page.console_messages if "Content Security Policy" in m]
    return seen + refused


def test_it_loads_the_main_pages_without_a_csp_violation(
    transactional_db, world, live_server, browser
):
    for persona, paths in PAGES.items():
        page = sign_in(browser, live_server.url, world.member(persona))
        for path in paths:
            response = page.goto(f"{live_server.url}/o/acme/{path}")
            assert response.status == 200, (persona, path, response.status)
            assert "script-src 'self'" in response.headers["content-security-policy"]
            assert response.headers["cache-control"] == "no-store"
            assert violations(page) == [], (persona, path)
        page.goto(f"{live_server.url}/accounts/2fa/")
        assert violations(page) == [], (persona, "security")
        page.context.close()


def test_it_keeps_htmx_working_under_the_policy(transactional_db, world, live_server, browser):
    page = sign_in(browser, live_server.url, world.bob)
    page.get_by_role("link", name="Reflect").click()
    page.get_by_role("link", name="Language insight settings").click()
    page.get_by_label("Show language insight where I write").check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_text("Your language insight settings are saved.").wait_for()

    page.get_by_role("link", name="Reflect", exact=True).click()
    page.wait_for_url(re.compile(r".*/o/acme/reflect/$"))
    page.get_by_label("Your reflection").press_sequentially(
        "They never tell me anything, so I have to redo everything.", delay=5
    )
    page.locator(".insight-panel mark.noticed", has_text="have to").wait_for()
    assert violations(page) == []


def test_it_shows_the_api_docs_under_the_policy(transactional_db, world, live_server, browser):
    page = sign_in(browser, live_server.url, world.alice)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert violations(page) == []
