"""An admin invites a coach; the coach joins, sets up MFA, signs out and back in with a code; Carol cannot see in."""

import re
import time

import pytest
from allauth.mfa.totp.internal import auth as totp
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSWORD = "a-long-pass-phrase-9"


def current_code(secret: str) -> str:
    """The code of this 30-second step, or of the next one when this one ends within 5 seconds: a
    code typed at the end of its step reached the server in the next, which refused it (a CI run
    failed on that)."""
    while 30 - time.time() % 30 < 5:
        time.sleep(0.5)
    return f"{totp.hotp_value(secret, int(time.time()) // 30):06d}"


def next_code(secret: str) -> str:
    """A code from the next 30-second step: allauth refuses a code that was already used."""
    step = int(time.time()) // 30
    while int(time.time()) // 30 == step:
        time.sleep(0.5)
    return current_code(secret)


def sign_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_it_onboards_a_coach_with_mfa_and_keeps_carol_out(
    transactional_db, world, live_server, browser
):
    for member in (world.olga, world.carol):
        member.user.set_password(PASSWORD)
        member.user.save()
    base = live_server.url

    # Olga invites a coach.
    admin = browser.new_context().new_page()
    sign_in(admin, base, "olga@acme.test", PASSWORD)
    admin.get_by_role("link", name="Invitations").click()
    admin.get_by_label("Email address").fill("nina@acme.test")
    admin.get_by_role("checkbox", name="Coach", exact=True).check()
    admin.get_by_role("button", name="Send invitation").click()
    assert "Invitation sent to nina@acme.test" in admin.content()
    link = re.search(r"(/invite/\S+/)", mail.outbox[-1].body).group(1)

    # Nina accepts by creating her account.
    coach = browser.new_context().new_page()
    coach.goto(base + link)
    coach.get_by_role("link", name="Create your account").click()
    coach.get_by_label("Your name").fill("Nina Coach")
    coach.locator("#id_password1").fill(PASSWORD)
    coach.locator("#id_password2").fill(PASSWORD)
    coach.get_by_role("button", name="Sign Up").click()
    coach.wait_for_url(f"{base}/o/acme/")
    assert coach.get_by_role("heading", name="Acme Learning").is_visible()

    # She sets up TOTP.
    coach.get_by_role("link", name="Security").click()
    coach.goto(f"{base}/accounts/2fa/totp/activate/")
    coach.locator("#id_password").fill(
        PASSWORD
    )  # allauth asks for the password again before MFA changes
    coach.get_by_role("button", name="Confirm").click()
    secret = coach.locator("#authenticator_secret").input_value()
    coach.get_by_label("Authenticator code").fill(current_code(secret))
    coach.get_by_role("button", name="Activate").click()
    # the page that answers the activation (not the activation page still on screen)
    expect(coach.get_by_text(re.compile("recovery", re.IGNORECASE)).first).to_be_visible()

    # Signs out, and back in with a code.
    coach.get_by_role("button", name="Sign out").click()
    sign_in(coach, base, "nina@acme.test", PASSWORD)
    coach.wait_for_url(re.compile(r".*/2fa/authenticate/"))
    coach.get_by_label("Code").fill(next_code(secret))
    coach.get_by_role("button", name="Sign In").click()
    coach.wait_for_url(f"{base}/o/acme/")
    assert coach.get_by_role("heading", name="Acme Learning").is_visible()
    assert coach.get_by_role("heading", name="Your coachees").is_visible()

    # Carol, from Globex, cannot reach Acme.
    carol = browser.new_context().new_page()
    sign_in(carol, base, "carol@globex.test", PASSWORD)
    response = carol.goto(f"{base}/o/acme/")
    assert response.status == 404
    assert "Acme" not in carol.content()
