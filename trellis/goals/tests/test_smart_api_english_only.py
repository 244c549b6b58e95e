"""The SMART check in the API reads English words (core's smart.toml): for a person who uses
Trellis in another language it answers 400, in their language, saying the check reads English
only (as the insights API does); English unchanged."""

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from trellis.api import problems

URL = "/api/v1/goals/smart-check"
WORDING = {"title": "Get better at things", "due_text": "by the end of March"}


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        yield


def _check(client, token, **headers):
    headers["Authorization"] = f"Bearer {token}"
    return client.post(URL, WORDING, content_type="application/json", headers=headers)


def test_it_tells_a_german_speaker_the_check_reads_english_only(world, client, api_token):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    # problems read in the client's language (Accept-Language), as the insights API's refusal does
    response = _check(client, api_token(world.bob), **{"Accept-Language": "de"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith(problems.CONTENT_TYPE)
    problem = response.json()
    assert problem["type"] == problems.INVALID
    (error,) = problem["errors"]
    assert error["field"] == "title"
    assert "liest vorerst nur Englisch" in error["msg"] and "liest vorerst" in problem["detail"]
    assert "31 March 2026" not in response.content.decode()


def test_it_checks_an_english_speakers_wording_as_before(world, client, api_token):
    response = _check(client, api_token(world.bob))
    assert response.status_code == 200
    findings = response.json()
    assert findings and {"criterion", "ok", "message", "suggestion"} <= set(findings[0])
    assert "31 March 2026" in response.content.decode()
    assert "reads English only" not in response.content.decode()


def test_a_german_browser_without_a_language_setting_is_refused_too(world, client, api_token):
    response = _check(client, api_token(world.bob), **{"Accept-Language": "de"})
    assert response.status_code == 400 and "liest vorerst nur Englisch" in response.json()["detail"]


def test_a_german_language_setting_is_refused_even_from_an_english_client(world, client, api_token):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    response = _check(client, api_token(world.bob), **{"Accept-Language": "en-gb"})
    assert response.status_code == 400
    assert "reads English only" in response.json()["errors"][0]["msg"]
    # a client that asks for no language reads the token owner's own
    unasked = _check(client, api_token(world.bob))
    assert (
        unasked.status_code == 400
        and "reads English only" not in unasked.json()["errors"][0]["msg"]
    )
