import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from trellis.accounts.models import ApiToken, AuditEvent
from trellis.accounts.services import audit_record


def test_it_shows_a_new_token_once_and_keeps_only_its_hash(world, login):
    client = login(world.alice)
    page = client.post("/o/acme/tokens/", {"name": "My script"}).content.decode()
    raw = re.search(r"trl_[0-9a-f]{8}_[\w-]+", page).group(0)
    token = ApiToken.objects.get(user=world.alice.user)
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().first())
    assert raw not in client.get("/o/acme/tokens/").content.decode()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).json()["email"]
        == "alice@acme.test"
    )
    assert AuditEvent.objects.filter(kind="token_created", actor=world.alice.user).exists()


def test_it_refuses_a_revoked_token(world, login, api_token):
    raw = api_token(world.alice)
    token = ApiToken.objects.get(user=world.alice.user)
    login(world.alice).post(f"/o/acme/tokens/{token.uuid}/revoke/")
    assert (
        login(world.alice).get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 401
    )
    assert AuditEvent.objects.filter(kind="token_revoked").exists()


def test_it_refuses_a_made_up_token(world, client, api_token):
    raw = api_token(world.alice)
    forged = raw[:-4] + "AAAA"
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    )


def test_it_scopes_a_token_to_its_organization(world, client, api_token):
    raw = api_token(world.carol)
    body = client.get("/api/v1/engagements", headers={"Authorization": f"Bearer {raw}"}).json()[
        "items"
    ]
    assert [e["topic"] for e in body] == ["Director role"]


def test_it_names_the_field_when_an_api_call_is_wrong(world, client, api_token):
    raw = api_token(world.olga)
    headers = {"Authorization": f"Bearer {raw}"}
    response = client.post(
        "/api/v1/invitations",
        {"email": "x@acme.test", "roles": ["wizard"]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "Unknown role 'wizard'" in response.json()["errors"][0]["msg"]
    response = client.post(
        "/api/v1/engagements",
        {"coach_id": str(world.alice.uuid)},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert any(e["loc"][-1] == "coachee_id" for e in response.json()["errors"])


def test_it_records_logins_failures_and_role_changes_for_the_admin(world, client, login):
    user = world.bob.user
    user.set_password("a-long-pass-phrase-9")
    user.save()
    client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
    client.post(reverse("account_login"), {"login": user.email, "password": "a-long-pass-phrase-9"})
    login(world.olga).post(
        f"/o/acme/people/{world.bob.uuid}/roles/", {"roles": ["coachee", "sponsor"]}
    )
    page = login(world.olga).get("/o/acme/audit/").content.decode()
    assert "Failed login" in page and "Logged in" in page and "Roles changed" in page
    assert "bob@acme.test" in page


def test_it_keeps_another_organizations_events_out_of_the_log(world, login):
    AuditEvent.objects.create(
        kind="export", org=world.carol_org, actor=world.carol.user, detail={"what": "x"}
    )
    page = login(world.olga).get("/o/acme/audit/").content.decode()
    assert "Carol" not in page


def test_it_rate_limits_failed_logins(world, client):
    user = world.bob.user
    user.set_password("a-long-pass-phrase-9")
    user.save()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "a-long-pass-phrase-9"}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_it_keeps_the_last_admin(world, login):
    response = login(world.olga).post(
        f"/o/acme/people/{world.olga.uuid}/roles/", {"roles": ["coach"]}
    )
    assert "at least one admin" in response.content.decode()
    world.olga.refresh_from_db()
    assert world.olga.is_admin


def test_it_records_an_export(world, login):
    response = login(world.olga).get("/o/acme/people/export.csv")
    assert "bob@acme.test" in response.content.decode()
    assert AuditEvent.objects.filter(kind="export", org=world.org).exists()


def test_it_lets_a_person_reset_a_forgotten_password_by_email(world, client):
    import re as regex

    from django.core import mail

    client.post(reverse("account_reset_password"), {"email": "bob@acme.test"})
    link = regex.search(
        r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body
    ).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url, {"password1": "a-brand-new-phrase-7", "password2": "a-brand-new-phrase-7"}
    )
    response = client.post(
        reverse("account_login"), {"login": "bob@acme.test", "password": "a-brand-new-phrase-7"}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_german_admin_reads_the_logs_details_in_german(world, login):
    """What Trellis wrote in an event's detail (its keys, yes and no, a role, a fixed reason) is in
    the reader's language; an address stays as it is."""
    audit_record(
        kind=AuditEvent.Kind.ROLES_CHANGED,
        actor=world.olga.user,
        org=world.org,
        member="bob@acme.test",
        before=["coachee"],
        after=["coachee", "sponsor"],
    )
    audit_record(
        kind=AuditEvent.Kind.TOKEN_REVOKED,
        actor=world.olga.user,
        org=world.org,
        name="CI",
        reason="password changed",
    )
    audit_record(
        kind=AuditEvent.Kind.SETTINGS_CHANGED,
        actor=world.olga.user,
        org=world.org,
        before={"require_mfa": False},
        after={"require_mfa": True},
    )
    world.olga.user.language = "de"
    world.olga.user.save(update_fields=["language"])
    page = login(world.olga).get("/o/acme/audit/").content.decode()
    translation.activate(settings.LANGUAGE_CODE)  # the German request leaves German on this thread
    assert "Mitglied: bob@acme.test" in page
    assert "nachher: Coachee, Sponsor" in page
    assert "Grund: Passwort geändert" in page
    assert "nachher: (Mehr-Faktor-Authentifizierung erforderlich: ja)" in page
    assert "password changed" not in page and "after:" not in page
