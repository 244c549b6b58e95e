"""When the session engine refuses an answer, a German, Portuguese or Spanish reader reads why in
their language, naming the field, on the session page and through the API; the terminal keeps
core's English; and the catalogue holds every refusal core can word."""

from pathlib import Path
from typing import Any

import polib
import pytest
from django.utils import translation

import trellis.core.datafiles.problems as datafile_problems
import trellis.core.frameworks.kinds as core_kinds
import trellis.core.frameworks.session as core_session
from trellis.core.datafiles import Problem, Wording, describe
from trellis.core.frameworks import AnswerError, CoachingSession, load_builtin
from trellis.core.frameworks.kinds import KINDS, normalise_answer
from trellis.engagements import services
from trellis.frameworks.texts import LABELS, REFUSALS, problem_text

LOCALE = Path(__file__).resolve().parents[1] / "locale"
# values no answer should hold, for every kind of field
WRONG: list[object] = [
    None,
    "",
    "   ",
    "x" * 60,
    "2026-02-30",
    "maybe",
    11,
    -1,
    10**40,
    2.5,
    True,
    False,
    [],
    {},
]


def _core_templates() -> set[str]:
    """Core's EXPECTED_ and FOUND_ templates of answers' refusals (and describe's)."""
    return {
        value
        for module in (core_kinds, core_session, datafile_problems)
        for name, value in vars(module).items()
        if name.startswith(("EXPECTED_", "FOUND_")) and isinstance(value, str)
    }


def test_the_catalogue_holds_every_refusal_core_words():
    assert set(REFUSALS) == _core_templates()
    labels = {spec.label for spec in KINDS.values()}
    labels |= {field.label for spec in KINDS.values() for field in spec.fields}
    assert set(LABELS) == labels
    for language in ("de", "pt_BR", "es"):
        catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        translated = {entry.msgid for entry in catalogue if entry.msgstr and not entry.obsolete}
        missing = (set(REFUSALS) | set(LABELS)) - translated
        assert not missing, f"{language} has no translation of {sorted(missing)}"


def _refusals() -> list[Problem]:
    """Every problem the engine finds in a sweep of wrong answers to every field of every kind."""
    found: list[Problem] = []
    for kind, spec in KINDS.items():
        for value in WRONG:
            for field in spec.fields:
                data = {field.name: value}
                found += normalise_answer(kind, [data] if spec.many else data)[1]
            found += normalise_answer(kind, value)[1]
            found += normalise_answer(kind, {"colour": value})[1]
    engine = CoachingSession(load_builtin("grow"))
    wrong: list[Any] = [{"goal": {"statement": "Lead"}, "options": []}, ["goal"]]
    for answers in wrong:  # a kind the stage does not produce, a coach's goal, not a table
        with pytest.raises(AnswerError) as caught:
            engine.submit("goal", answers, by="coach")
        found += caught.value.problems
    return found


def test_every_refusal_is_worded_from_a_template_in_the_catalogue():
    refusals = _refusals()
    for problem in refusals:
        for part in (problem.expected, problem.found):
            assert isinstance(part, Wording) and part.template in REFUSALS, (problem, part)
        assert problem.label in LABELS or problem.label == "", problem
    worded = {part.template for p in refusals for part in (p.expected, p.found)}  # type: ignore[attr-defined]
    assert worded == _core_templates()  # the sweep reaches every template core has
    with translation.override("de"):
        for problem in refusals:
            text = problem_text(problem)
            assert "expected" not in text and "found" not in text, text


def test_the_terminal_keeps_cores_english():
    _value, problems = normalise_answer("scaling", {"now": 11})
    (problem,) = problems
    with translation.override("de"):
        assert str(problem) == (
            "answers: scaling.now: expected a whole number from 0 to 10, found the number 11"
        )
        assert problem_text(problem) == (
            "Wo es jetzt steht (0-10): "
            "erwartet wird eine ganze Zahl von 0 bis 10, gefunden wurde die Zahl 11"
        )
    assert problem_text(problem) == (
        "Where it is now (0-10): expected a whole number from 0 to 10, found the number 11"
    )


def test_a_data_files_problem_stays_in_the_loaders_english_not_half_translated():
    problem = Problem("mine.toml", "key", "a key of lowercase letters", describe("Mine"))
    with translation.override("de"):
        assert problem_text(problem) == "expected a key of lowercase letters, found the text 'Mine'"


def test_a_german_coachee_reads_the_refusal_of_a_scale_in_german(world, login, client):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    coaching = services.coaching_session_create(
        actor=world.bob, engagement=world.engagement, framework_key="grow"
    )
    services.coaching_session_move(actor=world.bob, session=coaching, stage="reality")
    login(world.bob)
    page = client.post(
        f"/o/acme/sessions/{coaching.uuid}/answers/", {"scaling-now": "11"}
    ).content.decode()
    assert (
        "Wo es jetzt steht (0-10): "
        "erwartet wird eine ganze Zahl von 0 bis 10, gefunden wurde die Zahl 11"
    ) in page
    assert "expected a whole number" not in page
    coaching.refresh_from_db()
    assert "reality" not in coaching.state["answers"]  # nothing was stored


def test_a_german_coachee_reads_why_a_date_was_refused(world, login, client):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    coaching = services.coaching_session_create(
        actor=world.bob, engagement=world.engagement, framework_key="grow"
    )
    login(world.bob)
    page = client.post(
        f"/o/acme/sessions/{coaching.uuid}/answers/",
        {"goal-statement": "Lead the team", "goal-due": "2026-02-30"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert (
        "Bis wann: erwartet wird ein echtes Kalenderdatum (JJJJ-MM-TT) oder ein Datum in Worten, "
        "gefunden wurde der Text &#x27;2026-02-30&#x27;"
    ) in page


def _wrong_commitment(client, token, coaching, **headers):
    return client.post(
        f"/api/v1/sessions/{coaching.uuid}/answers",
        {"stage": "will", "answers": {"actions": [{"what": "Book the talk", "commitment": 11}]}},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


def test_the_api_refuses_in_the_language_the_client_asks_for(world, client, api_token):
    coaching = services.coaching_session_create(
        actor=world.bob, engagement=world.engagement, framework_key="grow"
    )
    response = _wrong_commitment(
        client, api_token(world.bob), coaching, **{"Accept-Language": "pt-BR"}
    )
    assert response.status_code == 400
    problem = response.json()
    (error,) = problem["errors"]
    assert error["field"] == "answers.actions[0].commitment"
    assert error["msg"] == (
        "Compromisso (1-10): esperado: um número inteiro de 1 a 10; encontrado: o número 11"
    )
    assert error["msg"] in problem["detail"]


def test_the_api_refuses_in_the_token_owners_language_when_the_client_asks_for_none(
    world, client, api_token
):
    world.bob.user.language = "es"
    world.bob.user.save(update_fields=["language"])
    coaching = services.coaching_session_create(
        actor=world.bob, engagement=world.engagement, framework_key="grow"
    )
    (error,) = _wrong_commitment(client, api_token(world.bob), coaching).json()["errors"]
    assert error["msg"] == (
        "Compromiso (1-10): esperado: un número entero de 1 a 10; encontrado: el número 11"
    )
