from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from trellis.accounts.models import AuditEvent, Membership

GOOD = """email,name,roles,manager email,team,time zone
maria@acme.test,Maria Lopez,coach,olga@acme.test,People,Europe/Madrid
sam@acme.test,Sam Patel,coachee;sponsor,maria@acme.test,Sales,America/New_York
lee@acme.test,Lee Kim,coachee,sam@acme.test,Sales,
"""


def run(tmp_path, text, org="acme"):
    path = tmp_path / "people.csv"
    path.write_text(text)
    out = StringIO()
    call_command("import_people", str(path), "--org", org, stdout=out)
    return out.getvalue()


def test_it_imports_people_with_roles_teams_and_managers(world, tmp_path):
    output = run(tmp_path, GOOD)
    assert "3 added, 0 updated, 0 unchanged" in output
    sam = Membership.objects.get(org=world.org, user__email="sam@acme.test")
    assert sam.roles == ["coachee", "sponsor"]
    assert sam.team.name == "Sales"
    assert sam.manager.user.email == "maria@acme.test"
    assert sam.user.time_zone == "America/New_York"
    assert Membership.objects.get(user__email="maria@acme.test").manager == world.olga
    assert AuditEvent.objects.filter(kind="people_imported", org=world.org).count() == 1


def test_it_changes_nothing_when_the_same_file_is_imported_again(world, tmp_path):
    run(tmp_path, GOOD)
    before = list(Membership.objects.order_by("pk").values())
    output = run(tmp_path, GOOD)
    assert "0 added, 0 updated, 3 unchanged" in output
    assert list(Membership.objects.order_by("pk").values()) == before


def test_it_reports_every_bad_row_and_imports_nothing(world, tmp_path):
    bad = GOOD + (
        "not-an-email,Nobody,coachee,,,\n"
        "maria@acme.test,Maria Again,coach,,,\n"
        "kim@acme.test,,wizard,,,Mars/Olympus\n"
        "jo@acme.test,Jo,coachee,ghost@acme.test,,\n"
    )
    count = Membership.objects.count()
    with pytest.raises(CommandError) as info:
        run(tmp_path, bad)
    message = str(info.value)
    assert "Nothing was imported" in message
    assert (
        "people.csv: line 5, email: expected an email address (at most 254 characters), found the text 'not-an-email'"
        in message
    )
    assert (
        "people.csv: line 6, email: expected each email once, found maria@acme.test again (first on line 2)"
        in message
    )
    assert "people.csv: line 7, name: expected the person's name, found nothing" in message
    assert (
        "people.csv: line 7, roles: expected admin, coach, coachee or sponsor, found 'wizard'"
        in message
    )
    assert (
        "people.csv: line 7, time_zone: expected an IANA time zone such as Europe/London, found the text 'Mars/Olympus'"
        in message
    )
    assert (
        "people.csv: line 8, manager_email: expected someone in this file or a member of Acme Learning, found ghost@acme.test"
        in message
    )
    assert Membership.objects.count() == count


def test_it_refuses_a_file_without_the_required_columns(world, tmp_path):
    with pytest.raises(
        CommandError, match="line 1: expected the column\\(s\\) roles, found a header"
    ):
        run(tmp_path, "email,name\nx@acme.test,X\n")


def test_it_refuses_a_reporting_loop(world, tmp_path):
    loop = "email,name,roles,manager_email\na@acme.test,A,coachee,b@acme.test\nb@acme.test,B,coachee,a@acme.test\n"
    with pytest.raises(CommandError, match="expected a reporting line without loops"):
        run(tmp_path, loop)
    assert not Membership.objects.filter(user__email="a@acme.test").exists()


def test_it_refuses_an_unknown_organization(world, tmp_path):
    with pytest.raises(CommandError, match="No organization with the slug 'nope'"):
        run(tmp_path, GOOD, org="nope")


def test_it_imports_from_the_people_page_and_shows_row_errors(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.olga)
    bad = SimpleUploadedFile(
        "p.csv", b"email,name,roles\nbad,Bad,coachee\n", content_type="text/csv"
    )
    response = client.post("/o/acme/people/import/", {"file": bad})
    assert response.status_code == 400
    assert (
        "p.csv: line 2, email: expected an email address (at most 254 characters), found the text &#x27;bad&#x27;"
        in response.content.decode()
    )
    good = SimpleUploadedFile("p.csv", GOOD.encode(), content_type="text/csv")
    response = client.post("/o/acme/people/import/", {"file": good}, follow=True)
    assert "3 added" in response.content.decode()
    assert Membership.objects.filter(org=world.org, user__email="lee@acme.test").exists()


ATTRIBUTES = """email,name,roles,attribute:department,Attribute:Location
maria@acme.test,Maria Lopez,coach,People,Madrid
sam@acme.test,Sam Patel,coachee,Sales,
"""


def test_attribute_columns_set_the_organizations_own_attributes(world, tmp_path):
    run(tmp_path, ATTRIBUTES)
    assert Membership.objects.get(user__email="maria@acme.test").attributes == {
        "department": "People",
        "location": "Madrid",
    }
    assert Membership.objects.get(user__email="sam@acme.test").attributes == {"department": "Sales"}
    # a blank cell changes nothing; a new value replaces the old one
    output = run(
        tmp_path, "email,name,roles,attribute:location\nsam@acme.test,Sam Patel,coachee,Lisbon\n"
    )
    assert "1 updated" in output
    assert Membership.objects.get(user__email="sam@acme.test").attributes == {
        "department": "Sales",
        "location": "Lisbon",
    }


def test_a_bad_attribute_column_or_value_is_refused_naming_it(world, tmp_path):
    with pytest.raises(CommandError) as bad_name:
        run(tmp_path, "email,name,roles,attribute:9 lives\nann@acme.test,Ann,coachee,x\n")
    assert "line 1, column 4" in str(bad_name.value) and "attribute:<name>" in str(bad_name.value)
    too_long = "x" * 121
    with pytest.raises(CommandError) as bad_value:
        run(
            tmp_path,
            f"email,name,roles,attribute:team_role\nann@acme.test,Ann,coachee,{too_long}\n",
        )
    assert "line 2, attribute:team_role" in str(bad_value.value)
    assert not Membership.objects.filter(user__email="ann@acme.test").exists()
