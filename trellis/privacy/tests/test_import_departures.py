"""The people import deactivates members too: `active` no is the admins' offboarding (access ends
at once: pages, API tokens, calendar feeds; coachees handed to the coach in `hand_over_to`, else
their engagements end with a reason; nothing deleted), `active` yes brings someone back, and a
bad row is refused naming its line, field and what was expected, with nothing changed."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.accounts import services
from trellis.accounts.models import AuditEvent, Membership
from trellis.engagements.models import Engagement
from trellis.scheduling.services.feeds import feed_token_create, feed_token_of

pytestmark = pytest.mark.django_db
HEADER = "email,name,roles,active,hand_over_to\n"


def run(world, text, actor="olga"):
    by = getattr(world, actor).user if actor else None
    return services.people_import(org=world.org, actor=by, data=HEADER + text, source="hr.csv")


def test_active_no_ends_a_coach_s_access_and_hands_their_coachees_over(
    client, world, api_token, django_capture_on_commit_callbacks
):
    token = api_token(world.alice)
    feed_token_create(member=world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        report = run(
            world,
            "alice@acme.test,Alice Coach,coach,no,marcus@acme.test\n"
            "marcus@acme.test,Marcus New,coach,yes,\n"
            "gone@acme.test,Long Gone,coachee,no,\n",  # never a member: left alone
        )
    assert (report.created, report.deactivated) == (1, 1)
    assert "1 deactivated" in report.summary
    alice = Membership.objects.get(pk=world.alice.pk)
    assert not alice.is_active
    engagement = Engagement.objects.get(pk=world.engagement.pk)
    assert engagement.coach.user.email == "marcus@acme.test"  # a coach the same file made
    assert engagement.status == Engagement.Status.ACTIVE
    assert feed_token_of(member=alice) is None
    assert not Membership.objects.filter(user__email="gone@acme.test").exists()
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.MEMBER_DEACTIVATED).get()
    assert event.detail["reason"] == "Deactivated by the people import (hr.csv)"
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("web:org_home", args=["acme"])).status_code == 404
    api = client.get("/api/v1/engagements", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code in (401, 403)


def test_without_a_hand_over_the_engagements_end_and_active_yes_brings_back(world):
    run(world, "bob@acme.test,Bob Coachee,coachee,No,\n")
    engagement = Engagement.objects.get(pk=world.engagement.pk)
    assert engagement.status == Engagement.Status.ENDED
    assert engagement.end_reason == "Deactivated by the people import (hr.csv)"
    assert run(world, "bob@acme.test,Bob Coachee,coachee,no,\n").deactivated == 0  # already gone
    report = run(world, "bob@acme.test,Bob Coachee,coachee,yes,\n")
    assert report.reactivated == 1 and Membership.objects.get(pk=world.bob.pk).is_active
    assert Engagement.objects.filter(pk=world.engagement.pk).exists()  # records were kept


@pytest.mark.parametrize(
    ("rows", "actor", "problem"),
    [
        ("bob@acme.test,Bob,coachee,gone,\n", "olga", "hr.csv: line 2, active: expected yes or no"),
        (
            "bob@acme.test,Bob,coachee,yes,alice@acme.test\n",
            "olga",
            "line 2, hand_over_to: expected blank unless active is no",
        ),
        (
            "alice@acme.test,Alice,coach,no,alice@acme.test\n",
            "olga",
            "line 2, hand_over_to: expected someone else's email",
        ),
        (
            "alice@acme.test,Alice,coach,no,bob@acme.test\n",
            "olga",
            "line 2, hand_over_to: expected an active coach of the organization",
        ),
        (
            "alice@acme.test,Alice,coach,no,dana@acme.test\ndana@acme.test,Dana,coach,no,\n",
            "olga",
            "line 2, hand_over_to: expected someone who stays (line 3 deactivates dana@acme.test)",
        ),
        (
            "olga@acme.test,Olga,admin,no,\n",
            "olga",
            "line 2, active: expected someone other than you",
        ),
        ("bob@acme.test,Bob,coachee,no,\n", None, "line 2, active: expected an active admin"),
        ("bob@acme.test,Bob,coachee,no,\n", "alice", "line 2, active: expected an active admin"),
    ],
)
def test_a_bad_row_is_refused_naming_line_field_and_expectation(world, rows, actor, problem):
    before = list(Membership.objects.values_list("pk", "is_active", "is_coach"))
    with pytest.raises(services.PeopleImportError) as refused:
        run(
            world, "new@acme.test,New Person,coach,yes,\n" + rows.replace("line 2", "line 3"), actor
        )
    assert any(
        problem.replace("line 2", "line 3").replace("line 3 deactivates", "line 4 deactivates") in e
        for e in refused.value.errors
    ), refused.value.errors
    assert list(Membership.objects.values_list("pk", "is_active", "is_coach")) == before


def test_the_last_admin_cannot_be_deactivated_by_a_file(world):
    Membership.objects.filter(pk=world.olga.pk).update(is_admin=False)
    world.alice.is_admin = True
    world.alice.save()
    with pytest.raises(services.PeopleImportError) as refused:
        run(world, "alice@acme.test,Alice,coach,no,\n", "alice")
    assert "line 2, active: expected someone other than you" in refused.value.errors[0]


def test_the_command_deactivates_in_the_name_of_the_admin_given(world, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text(HEADER + "bob@acme.test,Bob Coachee,coachee,no,\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_people", str(path), "--org", "acme")
    assert "line 2, active: expected an active admin" in str(refused.value)
    assert Membership.objects.get(pk=world.bob.pk).is_active
    call_command("import_people", str(path), "--org", "acme", "--by", "olga@acme.test")
    assert not Membership.objects.get(pk=world.bob.pk).is_active
    with pytest.raises(CommandError, match="--by: expected the email of an admin"):
        call_command("import_people", str(path), "--org", "acme", "--by", "nobody@x.test")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    active=st.text(max_size=12) | st.sampled_from(["yes", "NO", "y", "0", "True", ""]),
    hand=st.text(max_size=20) | st.sampled_from(["", "olga@acme.test", "bob@acme.test"]),
)
def test_generated_active_and_hand_over_cells_import_or_are_refused_by_name(world, active, hand):
    cells = [
        c.replace(",", " ").replace('"', "").replace("\n", " ").replace("\r", " ")
        for c in (active, hand)
    ]
    text = f"dana@acme.test,Dana Sponsor,sponsor,{cells[0]},{cells[1]}\n"
    before = Membership.objects.get(pk=world.dana.pk).is_active
    try:
        run(world, text)
    except services.PeopleImportError as refused:
        assert all(e.startswith("hr.csv: line 2") for e in refused.errors), refused.errors
        assert any(f in e for e in refused.errors for f in ("active", "hand_over_to", "byte"))
        assert Membership.objects.get(pk=world.dana.pk).is_active == before


def test_the_import_page_deactivates_in_the_name_of_the_admin_signed_in(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.olga)
    own = SimpleUploadedFile("hr.csv", (HEADER + "olga@acme.test,Olga,admin,no,\n").encode())
    response = client.post("/o/acme/people/import/", {"file": own})
    assert response.status_code == 400
    assert "hr.csv: line 2, active: expected someone other than you" in response.content.decode()
    leaving = SimpleUploadedFile("hr.csv", (HEADER + "bob@acme.test,Bob,coachee,no,\n").encode())
    response = client.post("/o/acme/people/import/", {"file": leaving}, follow=True)
    assert "1 deactivated" in response.content.decode()
    assert not Membership.objects.get(pk=world.bob.pk).is_active


def test_an_admin_who_is_not_the_last_is_deactivated_by_a_file(world):
    world.dana.is_admin = True
    world.dana.save(update_fields=["is_admin"])
    report = run(world, "dana@acme.test,Dana Sponsor,sponsor,no,\n")
    assert report.deactivated == 1
    assert not Membership.objects.get(pk=world.dana.pk).is_active
