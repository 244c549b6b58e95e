import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp
from django.urls import reverse

from trellis.accounts.models import AuditEvent

PASSWORD = "a-long-pass-phrase-9"


def with_totp(user):
    secret = totp.generate_totp_secret()
    totp.TOTP.activate(user, secret)
    return secret


def code(secret: str) -> str:
    return f"{totp.hotp_value(secret, int(time.time()) // 30):06d}"


def test_it_asks_for_a_code_after_the_password_and_lets_the_right_one_in(world, client):
    user = world.alice.user
    user.set_password(PASSWORD)
    user.save()
    secret = with_totp(user)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code" in wrong.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == "/o/acme/"
    assert AuditEvent.objects.filter(kind="login", actor=user).exists()


def test_it_lets_a_recovery_code_stand_in_for_the_app(world, client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = world.alice.user
    user.set_password(PASSWORD)
    user.save()
    with_totp(user)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302 and response["Location"] != reverse("mfa_authenticate")


def test_it_sends_coaches_to_set_up_mfa_when_the_organization_requires_it(world, login):
    world.org.require_mfa = True
    world.org.save()
    response = login(world.alice).get("/o/acme/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # a coachee is not asked to
    assert login(world.bob).get("/o/acme/").status_code == 200


def test_it_lets_a_coach_with_mfa_in_when_the_organization_requires_it(world, login):
    world.org.require_mfa = True
    world.org.save()
    with_totp(world.alice.user)
    assert login(world.alice).get("/o/acme/").status_code == 200


def test_it_lets_an_admin_require_mfa_and_records_it(world, login):
    with_totp(world.olga.user)
    response = login(world.olga).post(
        "/o/acme/settings/", {"require_mfa": "on", "language_insight_enabled": "on"}
    )
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.require_mfa
    event = AuditEvent.objects.get(kind="settings_changed")
    assert event.detail["after"]["require_mfa"] is True


def test_it_records_mfa_being_added_in_the_audit_log(world, rf):
    from allauth.mfa import signals

    authenticator = Authenticator.objects.create(
        user=world.alice.user, type=Authenticator.Type.TOTP, data={}
    )
    signals.authenticator_added.send(
        sender=Authenticator,
        request=rf.get("/"),
        user=world.alice.user,
        authenticator=authenticator,
    )
    assert AuditEvent.objects.filter(kind="mfa_added", actor=world.alice.user).exists()
