"""People's rights as a person and an admin meet them: the archive holds what is yours and nothing
kept from you; erasure waits for the admin, then leaves nothing of you readable; retention removes
old content of ended engagements and keeps the facts."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from trellis.accounts.models import AuditEvent, Membership, User
from trellis.engagements import services as engagement_services
from trellis.engagements.models import CoachingSession, Engagement, SessionNote
from trellis.goals.models import Action, Goal
from trellis.goals.tests.helpers import bob_plan
from trellis.insights import services as insight_services
from trellis.insights.models import Reflection
from trellis.privacy import services
from trellis.privacy.models import ErasureRequest, PurgeRun
from trellis.scheduling.models import CareerEvent

pytestmark = pytest.mark.django_db

SECRET = "I am scared the reorg will sideline me"


@pytest.fixture
def bob_world(world):
    plan = bob_plan(world)
    insight_services.reflection_create(actor=world.bob, text=SECRET)
    session = engagement_services.coaching_session_create(
        actor=world.alice,
        engagement=world.engagement,
        framework_key="grow",
        topic="Asking for the lead role",
    )
    engagement_services.session_note_create(
        actor=world.alice, session=session, text="Alice's private thought", visibility="private"
    )
    CareerEvent.objects.create(
        org=world.org,
        coachee=world.bob,
        engagement=world.engagement,
        coach=world.alice,
        sponsor=world.dana,
        type="setback",
        title="Passed over for the lead role",
        date=date(2026, 5, 1),
        logged_by=world.bob,
    )
    world.plan, world.session = plan, session
    return world


def archive_of(client, member):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("privacy:my_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_bob_downloads_his_data_as_json_and_csv(client, bob_world):
    archive = archive_of(client, bob_world.bob)
    data = json.loads(archive.read("trellis-export.json"))
    assert data["person"]["email"] == "bob@acme.test"
    text = json.dumps(data)
    for mine in (
        SECRET,
        "Run the team's weekly planning on my own",
        "Passed over for the lead role",
        "Draft next week's planning agenda",
        "Asking for the lead role",
    ):
        assert mine in text
    assert "Alice's private thought" not in text  # a coach's private note is the coach's
    assert "csv/goals_goal.csv" in archive.namelist()
    assert archive.read("csv/insights_reflection.csv").decode("utf-8-sig").count(SECRET) == 1
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, actor=bob_world.bob.user).exists()


def test_a_sponsor_archive_holds_no_coachee_content(client, bob_world):
    text = json.dumps(json.loads(archive_of(client, bob_world.dana).read("trellis-export.json")))
    assert "Leading the team" in text  # the engagement she sponsors (its topic is a fact she sees)
    for content in (
        SECRET,
        "Passed over for the lead role",
        "Asking for the lead role",
        "Run the team's",
    ):
        assert content not in text
    assert "secret_hash" not in text


def test_the_terminal_writes_the_same_archive(bob_world, tmp_path, capsys):
    out = tmp_path / "bob.zip"
    call_command("people", "export", "bob@acme.test", "--out", str(out))
    assert SECRET in zipfile.ZipFile(out).read("trellis-export.json").decode()
    assert str(out) in capsys.readouterr().out


def test_the_terminal_names_an_unknown_person(db):
    with pytest.raises(CommandError, match=r"No person signs in with nobody@acme\.test"):
        call_command("people", "export", "nobody@acme.test", "--out", "/tmp/x.zip")


def test_erasure_waits_for_the_admin_then_leaves_nothing_of_bob_readable(
    client, bob_world, django_capture_on_commit_callbacks
):
    bob, olga = bob_world.bob, bob_world.olga
    with pytest.raises(ValidationError):
        services.erasure_request(user=bob.user, confirm_email="someone@else.test")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.erasure_request(
            user=bob.user, confirm_email="BOB@acme.test", reason="Leaving"
        )
    assert request.status == ErasureRequest.Status.PENDING
    assert Goal.objects.filter(owner=bob).exists()  # nothing happens before an admin confirms
    assert [m.to for m in mail.outbox] == [["olga@acme.test"]]

    client.force_login(olga.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("privacy:erasures", args=["acme"]))
    assert "Bob Coachee" in page.content.decode() and "Leaving" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:erasure_confirm", args=["acme", request.uuid]))

    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.DONE
    user = User.objects.get(pk=bob.user.pk)
    assert user.email.endswith("@erased.invalid") and user.name == "Erased person"
    assert not user.is_active and not user.has_usable_password()
    assert not Membership.objects.get(pk=bob.pk).is_active
    assert not Goal.objects.filter(owner=bob).exists()
    assert not Action.objects.filter(owner=bob).exists()
    assert not Reflection.objects.filter(member=bob).exists()
    assert not CareerEvent.objects.filter(coachee=bob).exists()
    session = CoachingSession.objects.get(pk=bob_world.session.pk)
    assert session.topic == "" and session.state == {}  # the conversation is gone, the fact stays
    assert SessionNote.objects.filter(author=bob_world.alice).exists()  # the coach's own record
    assert Engagement.objects.filter(pk=bob_world.engagement.pk).exists()  # Alice's history
    client.get(reverse("privacy:erasures", args=["acme"]))  # shows (and so clears) "Bob was erased"
    engagements = client.get(reverse("engagements:list", args=["acme"])).content.decode()
    assert "Bob Coachee" not in engagements and "Erased person" in engagements
    # the audit log keeps a pseudonymous trace, with no address of Bob's anywhere in it
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.PERSON_ERASED, detail__pseudonym=request.pseudonym
    ).exists()
    assert not AuditEvent.objects.filter(detail__icontains="bob@acme.test").exists()
    assert mail.outbox[-1].to == ["bob@acme.test"]  # told at the address he had
    # and every trace of his words is gone from the database
    for model in (Goal, Action, Reflection, CareerEvent):
        assert not any(SECRET in str(vars(o)) for o in model.objects.all())


def test_bob_may_cancel_before_the_admin_confirms(client, bob_world):
    client.force_login(bob_world.bob.user, backend="django.contrib.auth.backends.ModelBackend")
    client.post(reverse("privacy:my_data"), {"confirm_email": "bob@acme.test", "reason": ""})
    assert "It waits for an admin of" in client.get(reverse("privacy:my_data")).content.decode()
    client.post(reverse("privacy:my_data_cancel"))
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.CANCELLED
    assert User.objects.get(pk=bob_world.bob.user.pk).is_active


def test_a_wrong_confirmation_is_refused_on_the_page_and_nothing_changes(client, bob_world):
    client.force_login(bob_world.bob.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.post(reverse("privacy:my_data"), {"confirm_email": "bob@", "reason": ""})
    assert services.WRONG_CONFIRMATION in page.content.decode()
    assert not ErasureRequest.objects.exists()


def test_a_person_whom_no_other_admin_can_confirm_for_is_erased_at_once(world):
    carol = world.carol  # Globex's only admin
    request = services.erasure_request(user=carol.user, confirm_email=carol.user.email)
    assert request.status == ErasureRequest.Status.DONE
    assert User.objects.get(pk=carol.user.pk).name == "Erased person"


def test_retention_removes_old_content_of_ended_engagements_and_keeps_the_facts(
    bob_world, settings
):
    engagement = bob_world.engagement
    Engagement.objects.filter(pk=engagement.pk).update(
        status=Engagement.Status.ENDED, ended_on=date(2026, 1, 10)
    )
    services.retention_set(actor=bob_world.olga, months=6)
    assert services.retention_pass(today=date(2026, 7, 9)) == []  # not yet six months
    runs = services.retention_pass(today=date(2026, 7, 11))
    assert [r.engagements for r in runs] == [1]
    assert not Goal.objects.filter(engagement=engagement).exists()
    assert not SessionNote.objects.filter(session__engagement=engagement).exists()
    assert CoachingSession.objects.get(pk=bob_world.session.pk).topic == ""
    event = CareerEvent.objects.get(engagement=engagement)
    assert event.title != "Passed over for the lead role" and event.type == "setback"
    assert Engagement.objects.filter(pk=engagement.pk).exists()
    assert services.retention_pass(today=date(2026, 8, 1)) == []  # each engagement once
    assert PurgeRun.objects.get().counts["goals and plans"] >= 1


def test_retention_is_set_by_an_admin_and_refuses_nonsense(client, world):
    client.force_login(world.olga.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.post(reverse("privacy:retention", args=["acme"]), {"ended_content_months": "0"})
    assert page.status_code == 200 and "greater than or equal to 1" in page.content.decode()
    client.post(reverse("privacy:retention", args=["acme"]), {"ended_content_months": "24"})
    assert world.org.retention.ended_content_months == 24


def test_months_before_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert services.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert services.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)
    assert services.months_before(date(2026, 1, 15), 0) == date(2026, 1, 15) + timedelta(0)


def test_a_german_speaking_admin_is_asked_in_german_and_a_spanish_speaking_member_told_in_spanish(
    client, bob_world, django_capture_on_commit_callbacks
):
    bob, olga = bob_world.bob, bob_world.olga
    olga.user.language, bob.user.language = "de", "es"
    olga.user.save(update_fields=["language"])
    bob.user.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        request = services.erasure_request(user=bob.user, confirm_email="bob@acme.test")
    (asked,) = mail.outbox
    assert asked.subject == "Acme Learning: Ein Mitglied bittet um Löschung"
    assert "Bestätigen Sie es hier:" in asked.body
    client.force_login(olga.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("privacy:erasures", args=["acme"])).content.decode()
    assert "Löschanträge" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:erasure_confirm", args=["acme", request.uuid]))
    told = mail.outbox[-1]
    assert told.to == ["bob@acme.test"]
    assert told.subject == "Tu cuenta de Trellis se ha borrado"
