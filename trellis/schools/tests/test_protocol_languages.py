"""The huddle protocols read in the reader's language; the protocol a huddle records is its key."""

from pathlib import Path

import pytest
from django.urls import reverse

from trellis.core.frameworks import load_framework_file, overlay_check_file, translated_file
from trellis.schools import plc
from trellis.schools.tests.helpers import school_for

LOCALES = ("de", "pt_BR", "es")


@pytest.mark.parametrize("key", plc.PROTOCOL_KEYS)
@pytest.mark.parametrize("locale", LOCALES)
def test_it_has_a_complete_translation_of_each_protocol(key, locale):
    path = Path(plc.PROTOCOL_DIR) / f"{key}.toml"
    assert [str(problem) for problem in overlay_check_file(path, locale)] == []
    english = load_framework_file(path)
    other = translated_file(english, path, locale)
    assert other.stage_keys == english.stage_keys and other.content_hash == english.content_hash


def _community_with_bob(world):
    lincoln = school_for(world)
    community = plc.community_create(
        actor=lincoln.principal,
        school=lincoln.school,
        name="Klasse 3",
        focus="grade",
        grade="3",
        invite=[world.bob],
    )
    plc.community_respond(actor=world.bob, community=community, accept=True)
    return community


def test_it_logs_a_huddle_from_a_german_page_with_the_protocols_key(world, client):
    community = _community_with_bob(world)
    client.force_login(world.bob.user)
    url = reverse("schools:huddle_log", args=[world.org.slug, community.uuid])
    german = {"Accept-Language": "de"}
    assert "Eine Stunde feinabstimmen" in client.get(url, headers=german).content.decode()
    logged = client.post(
        url,
        {
            "on": "2026-10-01",
            "minutes": "45",
            "protocol": "tuning-a-lesson",
            "present": [str(world.bob.uuid)],
            "focus": "Brüche",
        },
        headers=german,
    )
    assert logged.status_code == 302
    assert community.huddles.get().protocol == "tuning-a-lesson"


def test_a_huddles_entry_in_the_learning_log_says_how_it_was_active_in_the_readers_language(
    world, client
):
    community = _community_with_bob(world)
    client.force_login(world.bob.user)
    client.post(
        reverse("schools:huddle_log", args=[world.org.slug, community.uuid]),
        {
            "on": "2026-10-01",
            "minutes": "45",
            "protocol": "looking-at-student-work",
            "present": [str(world.bob.uuid)],
            "focus": "Brüche",
        },
    )
    page = reverse("schools:teacher", args=[world.org.slug, world.bob.teacher_profile.uuid])
    german = client.get(page, headers={"Accept-Language": "de"}).content.decode()
    assert "· Aktiv (Schülerarbeiten betrachten)" in german
    english = client.get(page, headers={"Accept-Language": "en"}).content.decode()
    assert "· Active (Looking at student work)" in english
