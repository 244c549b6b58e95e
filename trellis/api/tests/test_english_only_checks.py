"""The checks that read English words (core's smart.toml for the SMART check of goals, peers.toml
for the PEERS check of teachers' goals) answer 400 through the API for a person who uses Trellis in
another language, saying, in their language, that the check reads English only (as the insights
API does); in English they answer as before."""

from dataclasses import dataclass

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from trellis.api import problems


@dataclass(frozen=True)
class Check:
    url: str
    body: dict[str, object]
    persona: str  # who may run it: a coachee for SMART, a coach for PEERS
    field: str  # the field the refusal names
    german: str  # the refusal, in German
    english_finding: str  # what the English check says of this wording


SMART = Check(
    "/api/v1/goals/smart-check",
    {"title": "Get better at things", "due_text": "by the end of March"},
    "bob",
    "title",
    "liest vorerst nur Englisch",
    "31 March 2026",
)
PEERS = Check(
    "/api/v1/instructional/peers-check",
    {"goal_text": "I will use more strategies", "target_percent": 100},
    "alice",
    "goal_text",
    "Die PEERS-Prüfung liest vorerst nur Englisch",
    "describes what the teacher will do",
)
CHECKS = pytest.mark.parametrize("check", [SMART, PEERS], ids=["smart", "peers"])


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        yield
    translation.activate(settings.LANGUAGE_CODE)


def _run(client, check, token, **headers):
    headers["Authorization"] = f"Bearer {token}"
    return client.post(check.url, check.body, content_type="application/json", headers=headers)


def _german(world, check):
    person = getattr(world, check.persona)
    person.user.language = "de"
    person.user.save(update_fields=["language"])
    return person


@CHECKS
def test_it_tells_a_german_speaker_the_check_reads_english_only(world, client, api_token, check):
    person = _german(world, check)
    # problems read in the client's language (Accept-Language), as the insights API's refusal does
    response = _run(client, check, api_token(person), **{"Accept-Language": "de"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith(problems.CONTENT_TYPE)
    problem = response.json()
    assert problem["type"] == problems.INVALID
    (error,) = problem["errors"]
    assert error["field"] == check.field
    assert check.german in error["msg"] and check.german in problem["detail"]
    assert check.english_finding not in response.content.decode()


@CHECKS
def test_it_checks_an_english_speakers_wording_as_before(world, client, api_token, check):
    response = _run(client, check, api_token(getattr(world, check.persona)))
    assert response.status_code == 200
    assert check.english_finding in response.content.decode()
    assert "reads English only" not in response.content.decode()


@CHECKS
def test_a_german_browser_without_a_language_setting_is_refused_too(
    world, client, api_token, check
):
    token = api_token(getattr(world, check.persona))
    response = _run(client, check, token, **{"Accept-Language": "de"})
    assert response.status_code == 400 and check.german in response.json()["detail"]


@CHECKS
def test_a_german_setting_is_refused_even_from_an_english_client(world, client, api_token, check):
    person = _german(world, check)
    response = _run(client, check, api_token(person), **{"Accept-Language": "en-gb"})
    assert response.status_code == 400
    assert "reads English only" in response.json()["errors"][0]["msg"]
    # a client that asks for no language reads the token owner's own
    unasked = _run(client, check, api_token(person))
    assert unasked.status_code == 400
    assert "reads English only" not in unasked.json()["errors"][0]["msg"]
