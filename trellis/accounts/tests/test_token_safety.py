"""API tokens follow the person's security: an organization that requires MFA requires it on the
API too, and a password reset or change revokes every token of that person (said on the page and
in the audit log)."""

import re

from django.core import mail
from django.urls import reverse

from trellis.accounts.api_door import MFA_REQUIRED
from trellis.accounts.models import ApiToken, AuditEvent
from trellis.accounts.tests.test_mfa import with_totp

ME = "/api/v1/me"
PASSWORD = "a-long-pass-phrase-9"


def get(client, token, path=ME):
    return client.get(path, headers={"Authorization": f"Bearer {token}"})


def require_mfa(world):
    world.org.require_mfa = True
    world.org.save()


def test_it_refuses_a_coachs_token_without_mfa_when_the_organization_requires_it(
    world, client, api_token
):
    token = api_token(world.alice)
    assert get(client, token).status_code == 200
    require_mfa(world)
    response = get(client, token)
    assert response.status_code == 403
    assert MFA_REQUIRED.format(org="Acme Learning") in response.content.decode()


def test_it_refuses_an_admins_token_without_mfa_too(world, client, api_token):
    require_mfa(world)
    assert get(client, api_token(world.olga)).status_code == 403


def test_it_accepts_the_token_once_the_coach_has_mfa(world, client, api_token):
    require_mfa(world)
    with_totp(world.alice.user)
    assert get(client, api_token(world.alice)).status_code == 200


def test_it_accepts_a_coachees_token_without_mfa(world, client, api_token):
    require_mfa(world)
    assert get(client, api_token(world.bob)).status_code == 200


def test_it_revokes_every_token_when_the_password_changes(world, client, login, api_token):
    user = world.bob.user
    user.set_password(PASSWORD)
    user.save()
    token = api_token(world.bob)
    client = login(world.bob)
    page = client.get(reverse("account_change_password")).content.decode()
    assert "revokes every API token" in page
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-pass-phrase-8",
            "password2": "a-new-pass-phrase-8",
        },
        follow=True,
    )
    assert "Your API tokens were revoked" in response.content.decode()
    client.logout()
    assert get(client, token).status_code == 401
    assert not ApiToken.objects.filter(user=user, revoked_at=None).exists()
    revoked = AuditEvent.objects.get(kind=AuditEvent.Kind.TOKEN_REVOKED, actor=user)
    assert revoked.detail["reason"] == "password changed" and revoked.org == world.org


def test_it_revokes_every_token_when_the_password_is_reset(world, client, api_token):
    token = api_token(world.bob)
    page = client.get(reverse("account_reset_password")).content.decode()
    assert "revokes every API token" in page
    client.post(reverse("account_reset_password"), {"email": "bob@acme.test"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body)
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(
        form_url, {"password1": "a-brand-new-phrase-7", "password2": "a-brand-new-phrase-7"}
    )
    assert get(client, token).status_code == 401
    revoked = AuditEvent.objects.get(kind=AuditEvent.Kind.TOKEN_REVOKED, actor=world.bob.user)
    assert revoked.detail["reason"] == "password reset"
