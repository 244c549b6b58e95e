"""A built-in competency model reads in the reader's language; its keys and levels do not change."""

from trellis.core.leadership import load_builtin

BASE = "/o/acme/leadership/"


def test_it_shows_a_german_reader_the_german_competency_model(world, client, login):
    login(world.bob)
    url = f"{BASE}models/action-centred-leadership/"
    german = client.get(url, headers={"Accept-Language": "de"}).content.decode()
    assert "Handlungsorientierte Führung (Adair)" in german
    assert "Fragt das Team nach Möglichkeiten, bevor sie eine Entscheidung verkündet" in german
    english = client.get(url, headers={"Accept-Language": "en-gb"}).content.decode()
    assert load_builtin("action-centred-leadership").name in english


def test_it_offers_the_same_competency_keys_in_every_language(world, client, login):
    login(world.alice)
    url = f"{BASE}engagements/{world.engagement.uuid}/goal/"
    spanish = client.get(url, headers={"Accept-Language": "es"}).content.decode()
    assert "Pide opciones al equipo antes de anunciar una decisión que le afecta." in spanish
    assert 'value="action-centred-leadership:team"' in spanish
