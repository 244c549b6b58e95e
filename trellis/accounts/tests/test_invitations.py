import re
from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from trellis.accounts import services
from trellis.accounts.models import Membership, Organization, User


def invite(world, email="new.coach@acme.test", roles=("coach",)):
    return services.invitation_create(actor=world.olga, email=email, roles=list(roles))


def link_from_mail() -> str:
    match = re.search(r"https?://\S+/invite/(\S+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return f"/invite/{match.group(1)}/"


def test_it_emails_a_single_use_link_from_the_invitations_page(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.olga)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/o/acme/invitations/", {"email": "new.coach@acme.test", "roles": ["coach"]}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.coach@acme.test"]
    assert "Acme Learning" in mail.outbox[-1].subject
    assert "new.coach@acme.test" in client.get("/o/acme/invitations/").content.decode()


def test_it_lets_a_newcomer_sign_up_through_the_link_and_join(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world)
    link = link_from_mail()
    assert "Create your account" in client.get(link).content.decode()
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new.coach@acme.test",
            "name": "Nadia New",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    assert response.status_code == 302
    member = Membership.objects.get(user__email="new.coach@acme.test")
    assert member.org == world.org and member.roles == ["coach"]
    assert not Organization.objects.filter(is_personal=True, memberships__user=member.user).exists()
    # the link worked once
    assert client.get(link).status_code == 410


def test_it_lets_a_signed_in_person_accept(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, email="carol@globex.test", roles=("coachee",))
    link = link_from_mail()
    client.force_login(world.carol.user, backend="django.contrib.auth.backends.ModelBackend")
    assert "Accept invitation" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/o/acme/"
    assert Membership.objects.get(org=world.org, user=world.carol.user).roles == ["coachee"]


def test_it_refuses_an_invitation_meant_for_someone_else(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world, email="someone@acme.test")
    client.force_login(world.carol.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(link_from_mail())
    assert response.status_code == 409
    assert "sent to someone@acme.test" in response.content.decode()
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()


def test_it_refuses_an_expired_invitation(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(link_from_mail())
    assert response.status_code == 410
    assert services.INVITATION_EXPIRED in response.content.decode()


def test_it_refuses_a_withdrawn_invitation(
    world, client, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _ = invite(world)
    login(world.olga).post(f"/o/acme/invitations/{invitation.uuid}/revoke/")
    client.logout()
    response = client.get(link_from_mail())
    assert response.status_code == 410
    assert services.INVITATION_REVOKED in response.content.decode()


def test_it_refuses_an_unknown_role(world, login):
    response = login(world.olga).post(
        "/o/acme/invitations/", {"email": "x@acme.test", "roles": ["wizard"]}
    )
    assert "Select a valid choice" in response.content.decode()


def test_it_gives_an_independent_coach_a_personal_organization_on_sign_up(db, client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"
    client.post(
        "/accounts/signup/",
        {
            "email": "indie@coach.test",
            "name": "Ines Indie",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    member = Membership.objects.get(user=User.objects.get(email="indie@coach.test"))
    assert member.org.is_personal
    assert member.roles == ["admin", "coach"]
    assert member.org.name == "Ines Indie's coaching practice"
