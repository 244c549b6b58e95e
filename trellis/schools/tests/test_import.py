"""The schools CSV: all or nothing, every problem naming line, column and expectation; random and
spoiled files are refused with our error, never another exception (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.accounts.models import Invitation, Membership, User
from trellis.schools.csvfile import parse_schools_csv
from trellis.schools.importer import SchoolImportError, schools_import
from trellis.schools.models import School, SchoolAssignment, TeacherProfile
from trellis.schools.tests.helpers import person

GOOD = (
    "email,school,role,grades,subjects,code\n"
    "bob@acme.test,Lincoln Elementary,teacher,3;4,Mathematics|Science,LIN\n"
    "alice@acme.test,Lincoln Elementary,coach,,,\n"
    "alice@acme.test,Roosevelt Middle,coach,,,\n"
    "pam@acme.test,Lincoln Elementary,principal,,,\n"
)


def test_a_good_file_imports_and_again_changes_nothing(world):
    person(world.org, "pam@acme.test", "Pam Principal")
    report = schools_import(actor=world.olga, data=GOOD.encode())
    assert (report.schools, report.teachers, report.assignments) == (2, 1, 3)
    bob = TeacherProfile.objects.get(membership=world.bob)
    assert bob.grades == ["3", "4"] and bob.subjects == ["Mathematics", "Science"]
    assert bob.school.code == "LIN"
    again = schools_import(actor=world.olga, data=GOOD.encode())
    assert (again.schools, again.assignments) == (0, 0)
    assert School.objects.filter(org=world.org).count() == 2
    assert SchoolAssignment.objects.filter(membership=world.alice).count() == 2  # across schools


def test_a_bad_file_imports_nothing_and_names_row_field_and_expectation(world):
    bad = GOOD + "nobody@acme.test,Lincoln Elementary,teacher,14,,\nx,Lincoln Elementary,dean,,,\n"
    with pytest.raises(SchoolImportError) as caught:
        schools_import(actor=world.olga, data=bad.encode(), source="lincoln.csv")
    text = "\n".join(caught.value.errors)
    assert "lincoln.csv: line 6, grades: expected grades PK, K or 1 to 12" in text
    assert (
        "lincoln.csv: line 7, role: expected teacher, principal or coach, found the text 'dean'"
        in text
    )
    assert not School.objects.filter(org=world.org).exists()
    assert not User.objects.filter(email__in=["pam@acme.test", "nobody@acme.test"]).exists()


def test_people_with_no_account_become_members_and_accounts_elsewhere_are_invited(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    data = (
        "email,school,role,grades,subjects,name\n"
        "newt@acme.test,Lincoln Elementary,teacher,2,Reading,Newt Teacher\n"
        "pam@acme.test,Lincoln Elementary,principal,,,Pam Principal\n"
        f"{world.carol.user.email},Lincoln Elementary,coach,,,\n"
        "bob@acme.test,Lincoln Elementary,teacher,3,,\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = schools_import(actor=world.olga, data=data.encode())
    assert (report.members, report.invited, report.teachers) == (2, 1, 2)
    newt = Membership.objects.get(org=world.org, user__email="newt@acme.test")
    assert newt.is_coachee and newt.user.name == "Newt Teacher"
    assert newt.teacher_profile.school.name == "Lincoln Elementary"
    assert newt.teacher_profile.grades == ["2"]
    pam = Membership.objects.get(org=world.org, user__email="pam@acme.test")
    assert SchoolAssignment.objects.filter(membership=pam, role="principal").exists()
    # Carol has a life at Globex: only invited, never placed at Acme's school without her yes
    assert not Membership.objects.filter(org=world.org, user=world.carol.user).exists()
    assert Invitation.objects.filter(org=world.org, email=world.carol.user.email).count() == 1
    assert [m.to for m in mailoutbox] == [[world.carol.user.email]]
    again = schools_import(actor=world.olga, data=data.encode())
    assert (again.members, again.invited, again.assignments, again.schools) == (0, 0, 0, 0)
    assert Invitation.objects.filter(org=world.org, email=world.carol.user.email).count() == 1


def test_an_ended_membership_is_refused_and_nothing_is_written(world):
    world.dana.is_active = False
    world.dana.save()
    data = f"email,school,role\nnew@acme.test,Lincoln,teacher\n{world.dana.user.email},Lincoln,principal\n"
    with pytest.raises(SchoolImportError) as caught:
        schools_import(actor=world.olga, data=data.encode(), source="s.csv")
    assert caught.value.errors[0].startswith("s.csv: line 3, email: expected an active member")
    assert not User.objects.filter(email="new@acme.test").exists()


def test_a_teacher_at_two_schools_is_refused():
    data = "email,school,role\nt@x.test,A,teacher\nt@x.test,B,teacher\n"
    parsed = parse_schools_csv(data)
    assert parsed.errors == (
        "schools.csv: line 3, school: expected one school per teacher, found B (line 2 names A)",
    )


def _outcome(data: bytes) -> str:
    parsed = parse_schools_csv(data, "fuzz.csv")
    for error in parsed.errors:
        assert error.startswith("fuzz.csv"), error
    return "refused" if parsed.errors else "read"


CELLS = st.text(alphabet=st.sampled_from('abc@.;|,"\n\r 3K1xé'), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CELLS, min_size=1, max_size=7), max_size=6))
def test_spoiled_files_are_refused_cleanly(rows):
    header = "email,school,role,grades,subjects,name\n"
    body = "\n".join(",".join(cells) for cells in rows)
    _outcome((header + body).encode())


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_are_refused_cleanly(data):
    assert _outcome(data) == "refused"
