"""The events import refuses a bad file with the same message on the page and in the API, reads
what Excel writes, and writes nothing when it refuses."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.core.tests.bad_files import GOOD_EVENTS, csv_files
from trellis.scheduling import services
from trellis.scheduling.models import CareerEvent

URL = "/o/acme/events/import/"
API = "/api/v1/scheduling/events/import"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def upload(client, data: bytes, name: str = "events.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


@time_machine.travel(NOW, tick=False)
def test_it_imports_what_excel_writes_with_semicolons_cr_and_a_bom(world):
    rows = csv.reader(io.StringIO(GOOD_EVENTS.decode()))
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r").writerows(rows)
    made = services.career_events_import(
        actor=world.olga, data=b"\xef\xbb\xbf" + text.getvalue().encode()
    )
    assert [(e.type, e.title) for e in made] == [("promotion_decision", "Panel"), ("offer", "")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD_EVENTS.replace(b"Panel", b"P\xe9nel"), "events.csv: line 2: expected UTF-8 text"),
        (GOOD_EVENTS.replace(b"Panel", b"P\x00nel"), "events.csv: line 2: expected text without NUL characters"),
        (b"email,type,date\n", "events.csv: expected a header line and at least one row, found only the header line"),
        (b"email,type,date,date\nbob@acme.test,offer,2026-01-01,x\n", "events.csv: line 1, column 4: expected each column once"),
        (b"email,type,date,place\nbob@acme.test,offer,2026-01-01,x\n", "events.csv: line 1, column 4: expected one of the columns email, type, date, title, notes"),
        (b"email,type,date\nbob@acme.test,offer,6916-01-01\n", "events.csv: line 2, date: expected a date as YYYY-MM-DD, from 1900 to 2199"),
        (b"email,type,date,title\nbob@acme.test,offer,2026-01-01," + b"t" * 201 + b"\n", "events.csv: line 2, title: expected at most 200 characters, found 201 characters"),
    ],
)  # fmt: skip
def test_it_refuses_a_bad_file_on_the_page_with_400_and_writes_nothing(world, login, data, message):
    response = upload(login(world.olga), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CareerEvent.objects.exists()


def test_it_answers_the_api_with_the_same_message_as_the_page(world, client, api_token, login):
    body = {"csv": "email;type;date;place\rbob@acme.test;offer;6916-01-01;x\r"}
    headers = {"Authorization": f"Bearer {api_token(world.olga)}"}
    response = client.post(API, body, content_type="application/json", headers=headers)
    assert response.status_code in (400, 422)
    page = upload(login(world.olga), body["csv"].encode()).content.decode()
    for message in (
        "events.csv: line 1, column 4: expected one of the columns email, type, date, title, notes, found an unknown column",
    ):
        assert message in response.content.decode()
        assert message in page
    assert not CareerEvent.objects.exists()


def test_it_refuses_a_file_past_the_upload_limit(world, login, settings):
    settings.TRELLIS_UPLOAD_MAX_BYTES = 50
    response = upload(login(world.olga), GOOD_EVENTS)
    assert response.status_code == 400
    assert "events.csv: expected a file of at most 50 bytes" in response.content.decode()
    assert not CareerEvent.objects.exists()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=csv_files(GOOD_EVENTS) | st.binary(max_size=200))
def test_it_refuses_generated_bad_files_cleanly_and_writes_nothing(world, data):
    before = CareerEvent.objects.count()
    try:
        services.career_events_import(actor=world.olga, data=data)
    except services.EventImportError as exc:
        assert exc.errors and exc.count >= 1
        assert all(e.startswith("events.csv: ") and "expected " in e for e in exc.errors[:100])
        assert CareerEvent.objects.count() == before
