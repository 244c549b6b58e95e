"""A guided session shows a built-in framework's prompts in the reader's language (their own
choice, else their browser's), English where there is no translation; what is stored is the same."""

import pytest
from django.urls import reverse

from trellis.engagements import services


def start(world, framework="grow"):
    return services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key=framework
    )


def page(client, session, **headers):
    url = reverse("engagements:session", args=["acme", session.uuid])
    return client.get(url, headers=headers).content.decode()


def test_it_shows_a_german_reader_the_german_grow_prompts(world, login):
    session = start(world)
    client = login(world.bob)
    german = page(client, session, **{"Accept-Language": "de"})
    assert "Goal (Ziel)" in german
    assert "Was soll anders sein, wenn wir heute fertig sind?" in german
    english = page(client, session, **{"Accept-Language": "en-gb"})
    assert "What would you like to be different when we finish today?" in english


def test_it_shows_the_persons_own_language_over_the_browsers(world, login):
    session = start(world)
    world.bob.user.language = "pt-br"
    world.bob.user.save(update_fields=["language"])
    client = login(world.bob)
    shown = page(client, session, **{"Accept-Language": "de"})
    assert "O que você gostaria que estivesse diferente quando terminarmos hoje?" in shown


def test_it_stores_the_same_framework_version_whatever_the_language(world, login):
    from django.utils import translation

    with translation.override("es"):
        spanish = start(world)
    english = start(world)
    assert spanish.framework_version_id == english.framework_version_id


def test_it_answers_the_api_in_the_language_the_request_asks_for(world, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(world.bob)}"}
    spanish = client.get("/api/v1/frameworks/grow", headers={**headers, "Accept-Language": "es"})
    english = client.get("/api/v1/frameworks/grow", headers=headers)
    goal_es, goal_en = spanish.json()["stage_details"][0], english.json()["stage_details"][0]
    assert goal_es["name"] == "Goal (Meta)" and goal_en["name"] == "Goal"
    assert goal_es["key"] == goal_en["key"] == "goal"
    assert spanish.json()["version"] == english.json()["version"]


@pytest.mark.parametrize("key", ["grow", "steppa"])
def test_it_runs_a_session_to_the_end_in_german(key, world, login):
    from trellis.core.frameworks import load_builtin, translated
    from trellis.engagements.models import CoachingSession as Record
    from trellis.engagements.tests.test_every_framework import form_data, stage_answers

    client = login(world.alice)
    german = {"Accept-Language": "de"}
    client.post(
        f"/o/acme/engagements/{world.engagement.uuid}/sessions/new/",
        {"framework_key": key, "style": "non-directive"},
        headers=german,
    )
    record = Record.objects.get()
    base = f"/o/acme/sessions/{record.uuid}/"
    english = load_builtin(key)
    for stage in translated(english, "de").stages:
        client.post(base + "move/", {"stage": stage.key}, headers={**german, "HX-Request": "true"})
        page = client.post(
            base + "answers/",
            form_data(stage_answers(english, stage.key)),
            headers={**german, "HX-Request": "true"},
        ).content.decode()
        assert stage.name in page
    client.post(base + "finish/", headers=german)
    record.refresh_from_db()
    assert record.is_finished and record.artifacts["open_stages"] == []
    assert record.framework_version.text == english.text
    assert client.get(base + "summary/", headers=german).status_code == 200
