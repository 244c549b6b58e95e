"""A client that sends Accept-Language reads the problems' titles and details in that language;
the type URN, the status and the field names stay as they are, for programs to compare."""

import json

import pytest
from django.conf import settings
from django.utils import translation

from trellis.api import problems


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_it_titles_a_missing_token_in_german(client, db):
    body = client.get("/api/v1/me", headers={"Accept-Language": "de"}).json()
    assert body["type"] == problems.UNAUTHENTICATED and body["status"] == 401
    assert body["title"] == "Ein gültiges API-Token ist erforderlich."
    assert (
        body["detail"] == "Senden Sie ein gültiges API-Token als `Authorization: Bearer trl_...`."
    )


def test_it_titles_an_unknown_path_in_portuguese_and_spanish(client, db):
    pt = client.get("/api/v1/nothing-here", headers={"Accept-Language": "pt-BR"}).json()
    es = client.get("/api/v1/nothing-here", headers={"Accept-Language": "es"}).json()
    assert pt["type"] == es["type"] == problems.NOT_FOUND
    assert pt["title"] == "Não encontrado." and es["title"] == "No encontrado."


def test_it_keeps_field_names_stable_in_german(client, world, api_token):
    token = api_token(world.bob)
    response = client.post(
        "/api/v1/goals",
        data=json.dumps({"title": "Lead \u0000 the planning"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "de"},
    )
    body = response.json()
    assert response.status_code == 422 and body["type"] == problems.VALIDATION
    assert body["title"] == "Die Anfrage enthält ungültige Felder."
    assert [e["field"] for e in body["errors"]] == ["title"]
    assert body["errors"][0]["msg"] == "darf keine NUL-Zeichen enthalten (\\u0000)"
    assert body["detail"] == "1 Feld(er) ungültig: title."


def test_it_answers_in_english_without_accept_language(client, db):
    body = client.get("/api/v1/me").json()
    assert body["title"] == "A valid API token is required."


def test_a_token_answers_in_its_owners_language_unless_the_client_asks_for_another(
    client, world, api_token
):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    token = api_token(world.bob)
    body = {"title": "Lead \u0000 the planning"}

    def post(**headers):
        return client.post(
            "/api/v1/goals",
            data=json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}", **headers},
        ).json()

    assert post()["title"] == "Die Anfrage enthält ungültige Felder."
    assert post(**{"Accept-Language": "en-gb"})["title"] == "The request has invalid fields."


def test_it_says_what_each_field_needs_in_the_readers_language(client, world, api_token):
    token = api_token(world.bob)
    answers = {}
    for language in ("en-gb", "de", "pt-BR", "es"):
        response = client.post(
            "/api/v1/goals",
            data=json.dumps({"weight": "heavy"}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}", "Accept-Language": language},
        )
        assert response.status_code == 422
        answers[language] = {e["field"]: e["msg"] for e in response.json()["errors"]}
    assert answers["en-gb"] == {"title": "is required", "weight": "must be a whole number"}
    assert answers["de"] == {"title": "ist erforderlich", "weight": "muss eine ganze Zahl sein"}
    assert answers["pt-BR"]["title"] == "é obrigatório"
    assert answers["es"]["weight"] == "debe ser un número entero"
