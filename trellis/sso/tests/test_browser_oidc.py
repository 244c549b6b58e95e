"""In Chromium, against a real OpenID provider: Nina (acme.test) signs in through Acme's identity
provider and lands in Acme as a coachee; Carol of Globex is refused at the door; and with SSO
required, Bob's password is refused with the way to the SSO sign-in."""

import pytest

from trellis.accounts.models import Membership
from trellis.sso.tests.helpers import callback, oidc_on, through_acmes_idp

pytestmark = pytest.mark.browser
PASSWORD = "a-long-enough-password-42"


@pytest.fixture
def acme_idp(transactional_db, world, live_server, oidc_idp):
    idp = oidc_idp([callback(live_server.url)])
    oidc_on(world.org, idp.issuer)
    return idp


def through_the_idp(browser, base, who):
    def at_idp(page):  # oidc-provider's own page
        page.get_by_placeholder("Enter any login").fill(who)
        page.get_by_placeholder("and password").fill("whatever the IdP checks")
        page.get_by_role("button", name="Sign-in").click()

    return through_acmes_idp(browser, base, at_idp)


def test_a_new_person_signs_in_through_acmes_idp(world, live_server, browser, acme_idp):
    page = through_the_idp(browser, live_server.url, "nina@acme.test")
    page.wait_for_url(f"{live_server.url}/o/acme/**")
    assert Membership.objects.get(org=world.org, user__email="nina@acme.test").roles == ["coachee"]
    page.goto(f"{live_server.url}/o/globex/")
    assert "Acme Learning" not in page.content() or "Globex" not in page.title()


def test_a_person_of_another_organization_is_refused(world, live_server, browser, acme_idp):
    page = through_the_idp(browser, live_server.url, "carol@globex.test")
    page.get_by_role("heading", name="Sign-in refused").wait_for()
    assert "carol@globex.test is not an address Acme Learning signs in through" in page.content()
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()


def test_sso_required_refuses_bobs_password_and_the_idp_lets_him_in(
    world, live_server, browser, acme_idp
):
    world.org.sso.sso_required = True
    world.org.sso.save()
    world.bob.user.set_password(PASSWORD)
    world.bob.user.save()
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("bob@acme.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("Acme Learning signs its people in through its identity provider").wait_for()
    assert "/accounts/login/" in page.url
    page = through_the_idp(browser, live_server.url, "bob@acme.test")
    page.wait_for_url(f"{live_server.url}/o/acme/**")
    page.get_by_text("Bob Coachee").first.wait_for()
