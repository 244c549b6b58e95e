"""The people import refuses a bad file the same way at every door (page, terminal), reads what
Excel writes, and writes nothing when it refuses."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.accounts.models import Membership, User
from trellis.core.tests.bad_files import GOOD_PEOPLE, csv_files

URL = "/o/acme/people/import/"


def upload(client, data: bytes, name: str = "people.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_it_imports_what_excel_writes_with_semicolons_cr_and_a_bom(world, login):
    rows = csv.reader(io.StringIO(GOOD_PEOPLE.decode()))
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r").writerows(rows)  # as Excel (fr, de) saves
    data = b"\xef\xbb\xbf" + text.getvalue().encode()
    response = login(world.olga).post(
        URL, {"file": SimpleUploadedFile("people.csv", data)}, follow=True
    )
    assert "3 added" in response.content.decode()
    assert Membership.objects.get(org=world.org, user__email="sam@acme.test").roles == [
        "coachee",
        "sponsor",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD_PEOPLE.replace(b"Sam", b"S\xe9m"), "people.csv: line 3: expected UTF-8 text"),
        (GOOD_PEOPLE.replace(b"Sam", b"S\x00m"), "people.csv: line 3: expected text without NUL"),
        (GOOD_PEOPLE.decode().encode("utf-16"), "people.csv: line 1: expected UTF-8 text"),
        (b"", "The submitted file is empty."),  # Django's FileField says it before we read it
        (b" \r\n", "people.csv: expected a header line and at least one row, found an empty file"),
        (b"email,name,roles\n", "found only the header line"),
        (b"email,name,roles,email\na@x.org,A,coach,b\n", "line 1, column 4: expected each column once"),
        (b"email,name,roles,colour\na@x.org,A,coach,red\n", "line 1, column 4: expected one of the columns"),
        (b"email,name,roles\na@x.org," + b"n" * 151 + b",coach\n", "line 2, name: expected at most 150 characters"),
    ],
)  # fmt: skip
def test_it_refuses_a_bad_file_on_the_page_with_400_and_writes_nothing(world, login, data, message):
    before = (User.objects.count(), Membership.objects.count())
    response = upload(login(world.olga), data)
    assert response.status_code == 400
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert (User.objects.count(), Membership.objects.count()) == before


def test_it_refuses_a_file_past_the_upload_limit_beside_the_field(world, login, settings):
    settings.TRELLIS_UPLOAD_MAX_BYTES = 100
    response = upload(login(world.olga), GOOD_PEOPLE)
    assert response.status_code == 400
    assert f"people.csv: expected a file of at most 100 bytes, found {len(GOOD_PEOPLE)} bytes" in (
        response.content.decode()
    )
    assert not User.objects.filter(email="sam@acme.test").exists()


def test_it_shows_the_first_hundred_problems_and_counts_the_rest(world, login):
    data = b"email,name,roles\n" + b"bad,Bad,coachee\n" * 130
    page = upload(login(world.olga), data).content.decode()
    assert "Nothing was imported: 130 problems" in page
    assert page.count("expected an email address") == 100
    assert "... and 30 more problems not shown" in page


def test_it_exits_1_in_the_terminal_with_the_message_and_no_traceback(world, tmp_path, capsys):
    path = tmp_path / "staff.csv"
    path.write_bytes(GOOD_PEOPLE.replace(b"Lee", b"L\xe9e"))
    # call_command, not main(): Django's command runner would close the test's database connection
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(path), "--org", "acme")
    err = str(caught.value)
    assert caught.value.returncode == 1
    assert "staff.csv: line 4: expected UTF-8 text" in err
    assert "Traceback" not in err
    assert not User.objects.filter(email="maria@acme.test").exists()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=csv_files(GOOD_PEOPLE) | st.binary(max_size=200))
def test_it_refuses_generated_bad_files_in_the_terminal_cleanly(world, tmp_path, capsys, data):
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    before = Membership.objects.count()
    try:
        call_command("import_people", str(path), "--org", "acme", stdout=io.StringIO())
    except CommandError as exc:
        err = str(exc)
        assert exc.returncode == 1, err
        assert "Traceback" not in err
        assert "people.csv: " in err and "expected " in err
        assert Membership.objects.count() == before
    else:
        capsys.readouterr()
