"""A bad framework file gets the same message from the API and the upload page, and nothing is
stored."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from trellis.frameworks.models import FrameworkVersion

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "frameworks"
GOOD = (EXAMPLES / "star-check-in.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD + "\ndeep = " + "[" * 3000 + "]" * 3000, "expected tables and lists nested at most 20 deep"),
        (GOOD.replace("version = 1", "version = inf"), "expected a finite number"),
        (GOOD.replace("version = 1", "version = 123456789012345678901234567890"), "expected a finite number"),
        (GOOD.replace('name = "STAR check-in"', 'name = "' + "S" * 151 + '"'), "name: expected at most 150 characters, found 151 characters"),
        (GOOD.replace("\n", "\r"), ""),  # CR-only line ends read as line ends: valid
    ],
)  # fmt: skip
def test_it_answers_the_api_and_the_page_alike(world, client, api_token, login, text, message):
    headers = {"Authorization": f"Bearer {api_token(world.olga)}"}
    body = {"text": text, "filename": "mine.toml"}
    response = client.post(
        "/api/v1/frameworks", body, content_type="application/json", headers=headers
    )
    file = SimpleUploadedFile("mine.toml", text.encode(), content_type="application/toml")
    page = login(world.olga).post("/o/acme/frameworks/upload/", {"file": file})
    if not message:
        assert response.status_code == 201 and page.status_code == 302
        return
    assert response.status_code in (400, 422)
    assert page.status_code == 400
    assert message in response.content.decode()
    assert message in page.content.decode()
    assert not FrameworkVersion.objects.exists()


def test_it_refuses_an_upload_past_the_limit(world, login, settings):
    settings.TRELLIS_UPLOAD_MAX_BYTES = 1000
    file = SimpleUploadedFile("mine.toml", GOOD.encode(), content_type="application/toml")
    page = login(world.olga).post("/o/acme/frameworks/upload/", {"file": file})
    assert page.status_code == 400
    assert (
        f"mine.toml: expected a file of at most 1000 bytes, found {len(GOOD.encode())} bytes"
        in (page.content.decode())
    )
    assert not FrameworkVersion.objects.exists()
