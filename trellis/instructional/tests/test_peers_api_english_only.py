"""The PEERS check in the API reads English words (core's peers.toml): for a coach who uses
Trellis in another language it answers 400, in their language, saying the check reads English
only (as the insights API does); English unchanged."""

import pytest
from django.conf import settings
from django.utils import translation

from trellis.api import problems

URL = "/api/v1/instructional/peers-check"
TYPED = {"goal_text": "I will use more strategies", "target_percent": 100}


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _check(client, token, **headers):
    headers["Authorization"] = f"Bearer {token}"
    return client.post(URL, TYPED, content_type="application/json", headers=headers)


def test_it_tells_a_german_speaking_coach_the_check_reads_english_only(world, client, api_token):
    world.alice.user.language = "de"
    world.alice.user.save(update_fields=["language"])
    # problems read in the client's language (Accept-Language), as the insights API's refusal does
    response = _check(client, api_token(world.alice), **{"Accept-Language": "de"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith(problems.CONTENT_TYPE)
    problem = response.json()
    assert problem["type"] == problems.INVALID
    (error,) = problem["errors"]
    assert error["field"] == "goal_text"
    assert "Die PEERS-Prüfung liest vorerst nur Englisch" in error["msg"]
    assert "describes what the teacher will do" not in response.content.decode()


def test_it_checks_an_english_speaking_coachs_goal_as_before(world, client, api_token):
    response = _check(client, api_token(world.alice))
    assert response.status_code == 200
    assert "describes what the teacher will do" in response.content.decode()
    assert "reads English only" not in response.content.decode()


def test_a_german_browser_without_a_language_setting_is_refused_too(world, client, api_token):
    response = _check(client, api_token(world.alice), **{"Accept-Language": "de"})
    assert (
        response.status_code == 400
        and "Die PEERS-Prüfung liest vorerst nur Englisch" in response.json()["detail"]
    )


def test_a_german_language_setting_is_refused_even_from_an_english_client(world, client, api_token):
    world.alice.user.language = "de"
    world.alice.user.save(update_fields=["language"])
    response = _check(client, api_token(world.alice), **{"Accept-Language": "en-gb"})
    assert response.status_code == 400
    assert "reads English only" in response.json()["errors"][0]["msg"]
    # a client that asks for no language reads the token owner's own
    unasked = _check(client, api_token(world.alice))
    assert (
        unasked.status_code == 400
        and "reads English only" not in unasked.json()["errors"][0]["msg"]
    )
