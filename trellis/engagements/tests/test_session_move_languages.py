"""A German, Portuguese or Spanish person runs a session in their language: the answer form's
labels are the ones a refusal names, and a refused move (an unknown stage, a finished session,
feedback outside a directive session) says why in their language, on the page and in the API."""

from pathlib import Path

import polib
from django.test import Client
from django.utils import translation

import trellis.core.frameworks.model as core_model
import trellis.core.frameworks.session as core_session
from trellis.core.frameworks import SessionError, Voice
from trellis.engagements import services
from trellis.frameworks.texts import MOVES, refusal_text

LOCALE = Path(__file__).resolve().parents[2] / "frameworks" / "locale"
CORE_MOVES = (
    "UNKNOWN_STAGE",
    "NO_STAGE_AFTER",
    "NO_STAGE_BEFORE",
    "SESSION_FINISHED",
    "FEEDBACK_ONLY_IN_DIRECTIVE",
    "EMPTY_FEEDBACK",
    "UNKNOWN_AUTHOR",
    "UNKNOWN_QUESTION",
    "NOT_A_PERMISSION",
    "ANSWER_PERMISSION_INSTEAD",
    "DRAFT_TOO_LARGE",
)


def _speaks(member, language):
    member.user.language = language
    member.user.save(update_fields=["language"])


def test_the_catalogue_holds_every_refusal_of_a_move_core_words():
    core = {getattr(core_session, name) for name in CORE_MOVES} | {core_model.UNKNOWN_STYLE}
    assert set(MOVES) == core
    for language in ("de", "pt_BR", "es"):
        catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        translated = {entry.msgid for entry in catalogue if entry.msgstr and not entry.obsolete}
        assert not set(MOVES) - translated, language


def test_the_terminal_keeps_cores_english_and_a_page_says_it_in_the_readers_language():
    try:
        Voice.parse("shouting")
    except ValueError as exc:
        refused = exc
    assert str(refused) == (
        "Unknown style 'shouting': expected one of non-directive, dialogical, directive"
    )
    with translation.override("de"):
        assert refusal_text(refused) == (
            "Unbekannter Stil 'shouting': erwartet wird einer von "
            "non-directive, dialogical, directive"
        )
    assert refusal_text(SessionError("not worded")) == "not worded"


def test_a_german_coachees_answer_form_names_the_fields_as_the_refusal_does(world, login, client):
    _speaks(world.bob, "de")
    coaching = services.coaching_session_create(
        actor=world.bob, engagement=world.engagement, framework_key="grow"
    )
    services.coaching_session_move(actor=world.bob, session=coaching, stage="reality")
    login(world.bob)
    page = client.get(f"/o/acme/sessions/{coaching.uuid}/").content.decode()
    assert '<label for="f-scaling-now">Wo es jetzt steht (0-10)</label>' in page
    assert "<legend>Skalierung" in page and "<legend>Scaling" not in page
    assert "Where it is now (0-10)" not in page
    refused = client.post(
        f"/o/acme/sessions/{coaching.uuid}/answers/", {"scaling-now": "11"}
    ).content.decode()
    assert '<label for="f-scaling-now">Wo es jetzt steht (0-10)</label>' in refused
    assert "Wo es jetzt steht (0-10): erwartet wird eine ganze Zahl von 0 bis 10" in refused
    assert "Where it is now" not in refused


def test_a_german_coachee_reads_why_a_stage_cannot_be_reached_in_german(world, login, client):
    _speaks(world.bob, "de")
    coaching = services.coaching_session_create(
        actor=world.bob, engagement=world.engagement, framework_key="grow"
    )
    login(world.bob)
    page = client.post(
        f"/o/acme/sessions/{coaching.uuid}/move/",
        {"stage": "nowhere"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Dieses Framework hat keine Phase &#x27;nowhere&#x27;; seine Phasen sind:" in page
    assert "This framework has no stage" not in page


def test_a_portuguese_coach_reads_why_feedback_is_refused_in_the_api(world, client, api_token):
    coaching = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    response = client.post(
        f"/api/v1/sessions/{coaching.uuid}/feedback",
        {"text": "Good start"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(world.alice)}", "Accept-Language": "pt-BR"},
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["msg"] == "O feedback só é registrado em uma sessão diretiva"


def test_a_finished_session_refuses_a_move_in_the_token_owners_language(world, client, api_token):
    _speaks(world.bob, "es")
    coaching = services.coaching_session_create(
        actor=world.bob, engagement=world.engagement, framework_key="grow"
    )
    services.coaching_session_finish(actor=world.bob, session=coaching)
    response = client.post(
        f"/api/v1/sessions/{coaching.uuid}/move",
        {"stage": "reality"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(world.bob)}"},
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["msg"] == "La sesión ha terminado y ya no puede cambiar"


def test_a_frameworks_kinds_and_fields_are_named_in_the_readers_language(world, login, api_token):
    _speaks(world.alice, "de")
    page = login(world.alice).get("/o/acme/frameworks/grow/").content.decode()
    assert "Skalierung" in page and "Scaling" not in page
    headers = {"Authorization": f"Bearer {api_token(world.bob)}", "Accept-Language": "pt-BR"}
    found = Client().get("/api/v1/frameworks/grow", headers=headers).json()
    scaling = next(kind for kind in found["kinds"] if kind["key"] == "scaling")
    assert scaling["label"] == "Escala"
    now = next(field for field in scaling["fields"] if field["name"] == "now")
    assert now["label"] == "Onde está agora (0-10)"
