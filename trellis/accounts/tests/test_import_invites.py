"""A people import never adds someone who has a Trellis account elsewhere: they are invited, see the
organization's name and join only if they accept. An empty cell never clears a field."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from trellis.accounts import services
from trellis.accounts.models import Invitation, Membership

WITH_CAROL = """email,name,roles,manager_email,team,time_zone
carol@globex.test,Carol Stranger,coach,,,
maria@acme.test,Maria Lopez,coachee,olga@acme.test,People,
"""


@pytest.fixture
def run(tmp_path, django_capture_on_commit_callbacks):
    def import_file(text):
        path = tmp_path / "people.csv"
        path.write_text(text)
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):  # the invitation emails
            call_command("import_people", str(path), "--org", "acme", stdout=out)
        return out.getvalue()

    return import_file


def test_it_invites_a_member_of_another_organization_instead_of_adding_her(world, run):
    output = run(WITH_CAROL)
    assert "1 added, 0 updated, 0 unchanged, 1 invited to join" in output
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()
    invitation = Invitation.objects.get(org=world.org, email="carol@globex.test")
    assert invitation.roles == ["coach"] and invitation.accepted_at is None
    (email,) = [m for m in mail.outbox if m.to == ["carol@globex.test"]]
    assert "Acme Learning" in email.subject and "Acme Learning" in email.body


def test_it_shows_the_organizations_name_before_she_accepts(world, run, login):
    run(WITH_CAROL)
    (email,) = [m for m in mail.outbox if m.to == ["carol@globex.test"]]
    link = re.search(r"https?://[^/]+(/invite/\S+)", email.body).group(1)
    client = login(world.carol)
    page = client.get(link).content.decode()
    assert "Join Acme Learning" in page
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()
    client.post(link)
    assert Membership.objects.get(org=world.org, user=world.carol.user).is_coach


def test_it_does_not_invite_twice_when_the_file_is_imported_again(world, run):
    run(WITH_CAROL)
    output = run(WITH_CAROL)
    assert "invited" not in output
    assert Invitation.objects.filter(email="carol@globex.test").count() == 1


def test_it_says_so_on_the_people_page(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.olga)
    help_text = client.get("/o/acme/people/import/").content.decode()
    assert "invited to join" in help_text or "inviting them to join" in help_text
    assert "An empty cell leaves the field as it is" in help_text
    upload = SimpleUploadedFile("p.csv", WITH_CAROL.encode(), content_type="text/csv")
    response = client.post("/o/acme/people/import/", {"file": upload}, follow=True)
    assert "1 invited to join" in response.content.decode()


def test_it_keeps_a_manager_that_the_file_leaves_empty(world):
    services.people_import(
        org=world.org,
        actor=None,
        data="email,name,roles,manager_email\nmaria@acme.test,Maria,coachee,olga@acme.test\n",
    )
    report = services.people_import(
        org=world.org,
        actor=None,
        data="email,name,roles,manager_email\nmaria@acme.test,Maria,coachee,\n",
    )
    maria = Membership.objects.get(org=world.org, user__email="maria@acme.test")
    assert maria.manager == world.olga
    assert (report.updated, report.unchanged) == (0, 1)
