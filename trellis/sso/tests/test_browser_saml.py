"""In Chromium, against a real SAML identity provider (pysaml2's): Nina signs in to Acme through
its IdP, whose page posts the signed response back to Trellis; Carol of Globex is refused."""

import pytest

from trellis.accounts.models import Membership
from trellis.sso.tests.helpers import saml_on, through_acmes_idp

pytestmark = pytest.mark.browser


@pytest.fixture
def acme_idp(transactional_db, world, live_server, saml_idp):
    idp = saml_idp(live_server.url, "acme")
    saml_on(world.org, idp.issuer)
    return idp


def through_the_idp(browser, base, who):
    def at_idp(page):  # pysaml2's IdP page
        page.get_by_label("Username").fill(who)
        page.get_by_label("Password").fill("whatever the IdP checks")
        page.get_by_role("button", name="Sign in at the IdP").click()

    return through_acmes_idp(browser, base, at_idp)


def test_a_new_person_signs_in_through_acmes_saml_idp(world, live_server, browser, acme_idp):
    page = through_the_idp(browser, live_server.url, "nina@acme.test")
    page.wait_for_url(f"{live_server.url}/o/acme/**")
    assert Membership.objects.get(org=world.org, user__email="nina@acme.test").roles == ["coachee"]


def test_a_person_of_another_organization_is_refused(world, live_server, browser, acme_idp):
    page = through_the_idp(browser, live_server.url, "carol@globex.test")
    page.get_by_role("heading", name="Sign-in refused").wait_for()
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()
