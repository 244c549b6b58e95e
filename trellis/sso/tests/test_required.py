"""An organization that requires single sign-on takes no passwords from its people, resets none,
and opens its pages only to a session its own identity provider signed in."""

import pytest
from django.core import mail

from trellis.sso.forms import PASSWORD_REFUSED, RESET_REFUSED
from trellis.sso.models import SsoSettings

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-password-42"


@pytest.fixture
def required(world):
    return SsoSettings.objects.create(
        org=world.org,
        enabled=True,
        protocol="oidc",
        issuer="https://idp.acme.test",
        client_id="trellis",
        client_secret="secret",
        allowed_domains=["acme.test"],
        sso_required=True,
    )


def password_login(client, email):
    return client.post("/accounts/login/", {"login": email, "password": PASSWORD})


def text(response):
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def with_password(member):
    member.user.set_password(PASSWORD)
    member.user.save()
    return member


def test_it_refuses_a_members_password_and_points_to_the_sso_sign_in(client, world, required):
    with_password(world.bob)
    response = password_login(client, "bob@acme.test")
    assert response.status_code == 200
    assert PASSWORD_REFUSED % {"org": "Acme Learning", "url": "/sso/acme/"} in text(response)
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_member_whose_address_is_outside_the_domains(client, world, required):
    world.bob.user.email = "bob@bob-private.test"
    world.bob.user.save()
    with_password(world.bob)
    response = password_login(client, "bob@bob-private.test")
    assert PASSWORD_REFUSED % {"org": "Acme Learning", "url": "/sso/acme/"} in text(response)
    assert "_auth_user_id" not in client.session


def test_it_resets_no_password_of_the_organizations_domain(client, world, required):
    response = client.post("/accounts/password/reset/", {"email": "bob@acme.test"})
    assert RESET_REFUSED % {"org": "Acme Learning", "url": "/sso/acme/"} in text(response)
    assert mail.outbox == []


def test_another_organizations_people_keep_their_passwords(client, world, required):
    with_password(world.carol)
    response = password_login(client, "carol@globex.test")
    assert response.status_code == 302
    assert client.get("/o/globex/").status_code == 200


def test_a_session_not_signed_in_by_its_idp_is_sent_to_it(client, world, required):
    client.force_login(world.bob.user)
    response = client.get("/o/acme/")
    assert response.status_code == 302 and response["Location"] == "/sso/acme/"
    start = client.get("/sso/acme/")
    assert start.status_code == 200
    assert "Continue to Acme Learning's sign-in" in text(start)
    assert "Sign in with a password instead" not in text(start)


def test_the_sign_in_page_finds_the_organization_by_address_or_name(client, world, required):
    assert client.post("/sso/", {"email": "someone@ACME.test"})["Location"] == "/sso/acme/"
    assert client.post("/sso/", {"email": "acme"})["Location"] == "/sso/acme/"
    response = client.post("/sso/", {"email": "someone@globex.test"})
    assert response.status_code == 400
    assert "No organization signs in" in text(response) and "someone@globex.test" in text(response)
    assert "Sign in with your organization" in text(client.get("/accounts/login/"))
