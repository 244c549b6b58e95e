"""The built-in frameworks and instruments in other languages: every shipped translation is
complete and holds only text the English file has; a bad one is refused naming file, field and
what was expected; ids, order, scoring and hashes never change by language."""

from pathlib import Path

import pytest

from trellis.core import frameworks, instruments, leadership
from trellis.core.datafiles import DataFileError
from trellis.core.datafiles.overlay import locale_candidates, merge_overlay
from trellis.core.frameworks import FRAMEWORK_TEXT, load_builtin, overlay_check, translated
from trellis.core.frameworks.loader import LOCALE_DIR as FRAMEWORK_LOCALES
from trellis.core.instructional import rubric
from trellis.core.instruments.translation import LOCALE_DIR as INSTRUMENT_LOCALES


def shipped(folder: Path) -> list[tuple[str, str]]:
    return sorted((path.stem, path.parent.name) for path in folder.glob("*/*.toml"))


FRAMEWORK_OVERLAYS = shipped(FRAMEWORK_LOCALES)
INSTRUMENT_OVERLAYS = shipped(INSTRUMENT_LOCALES)


def test_it_ships_every_translation_in_a_known_language_for_a_known_file():
    for key, locale in FRAMEWORK_OVERLAYS:
        assert key in frameworks.BUILTIN_KEYS and locale in frameworks.LOCALES
    for key, locale in INSTRUMENT_OVERLAYS:
        assert key in instruments.BUILTIN_KEYS and locale in instruments.LOCALES


@pytest.mark.parametrize("key", frameworks.BUILTIN_KEYS)
@pytest.mark.parametrize("locale", frameworks.LOCALES)
def test_it_ships_every_builtin_framework_in_every_language(key, locale):
    assert (key, locale) in FRAMEWORK_OVERLAYS


@pytest.mark.parametrize("key", instruments.BUILTIN_KEYS)
@pytest.mark.parametrize("locale", instruments.LOCALES)
def test_it_ships_every_builtin_instrument_in_every_language(key, locale):
    assert (key, locale) in INSTRUMENT_OVERLAYS


@pytest.mark.parametrize(("key", "locale"), FRAMEWORK_OVERLAYS)
def test_it_has_a_complete_translation_of_the_framework(key, locale):
    assert [str(problem) for problem in overlay_check(key, locale)] == []


@pytest.mark.parametrize(("key", "locale"), INSTRUMENT_OVERLAYS)
def test_it_has_a_complete_translation_of_the_instrument(key, locale):
    assert [str(problem) for problem in instruments.overlay_check(key, locale)] == []


@pytest.mark.parametrize(("key", "locale"), FRAMEWORK_OVERLAYS)
def test_it_keeps_a_translated_frameworks_ids_order_and_hash(key, locale):
    english = load_builtin(key)
    other = translated(english, locale)
    assert other.content_hash == english.content_hash and other.text == english.text
    assert other.stage_keys == english.stage_keys
    for mine, theirs in zip(english.stages, other.stages, strict=True):
        assert [(p.id, p.voice, p.level) for p in mine.prompts] == [
            (p.id, p.voice, p.level) for p in theirs.prompts
        ]
        assert (mine.produces, mine.may_produce) == (theirs.produces, theirs.may_produce)
    assert other.stages[0].prompts[0].text != english.stages[0].prompts[0].text


@pytest.mark.parametrize(("key", "locale"), INSTRUMENT_OVERLAYS)
def test_it_keeps_a_translated_instruments_items_scale_and_scoring(key, locale):
    english = instruments.load_builtin(key)
    other = instruments.translated(english, locale)
    assert other.content_hash == english.content_hash
    assert [(i.key, i.subscale, i.reverse, i.weight) for i in other.spec.items] == [
        (i.key, i.subscale, i.reverse, i.weight) for i in english.spec.items
    ]
    assert [(b.min, b.max) for b in other.spec.bands] == [
        (b.min, b.max) for b in english.spec.bands
    ]
    assert (other.spec.scale.min, other.spec.scale.max) == (
        english.spec.scale.min,
        english.spec.scale.max,
    )
    answers = {item.key: english.spec.scale.max for item in english.spec.items}
    mine, theirs = instruments.score(english, answers), instruments.score(other, answers)
    assert (mine.total, mine.subscales) == (theirs.total, theirs.subscales)
    assert english.spec.bands.index(mine.band) == other.spec.bands.index(theirs.band)
    assert other.spec.items[0].text != english.spec.items[0].text


def test_it_reads_django_language_codes_as_locale_folders():
    assert locale_candidates("pt-br") == ("pt_BR", "pt")
    assert locale_candidates("de") == ("de",)
    assert locale_candidates("de-at") == ("de_AT", "de")
    assert translated(load_builtin("grow"), "de-at").stages[0].name == "Goal (Ziel)"


def test_it_falls_back_to_english_for_a_language_without_a_translation():
    grow = load_builtin("grow")
    assert translated(grow, "en-gb") is grow
    assert translated(grow, "fr") is grow


def test_it_leaves_an_older_snapshot_of_a_builtin_in_english():
    grow = load_builtin("grow")
    older = frameworks.parse_framework(grow.text.replace("How will you know", "How do you know"))
    assert translated(older, "de") is older


def test_it_refuses_an_overlay_naming_the_file_the_field_and_what_was_expected():
    bad = b'name = 3\ncolour = "blau"\n[stages.goal]\ntitle = "Ziel"\n[stages.nope]\nname = "x"\n'
    bad += b'[stages.will]\nprompts.directive = ["nur einer"]\n'
    problems = [str(p) for p in overlay_check("grow", "de", data=bad)]
    assert problems == [
        "locale/de/grow.toml: name: expected a translation: a non-empty string, found the number 3",
        "locale/de/grow.toml: colour: expected one of the translatable fields here: name, "
        "description, when_to_use, stages, found the text 'colour'",
        "locale/de/grow.toml: stages.goal.title: expected one of the translatable fields here: "
        "name, purpose, done_when, prompts, found the text 'title'",
        "locale/de/grow.toml: stages.nope: expected a table named by one of the English ids: "
        "goal, reality, options, will, found the text 'nope'",
        "locale/de/grow.toml: stages.will.prompts.directive: expected a list of 3 translations "
        "(non-empty strings), in the English order, found a list",
    ]


def test_it_refuses_a_translation_of_a_field_that_is_not_text():
    problems = [str(p) for p in overlay_check("grow", "de", data=b'key = "wachsen"\nversion = 2\n')]
    assert problems[0].startswith("locale/de/grow.toml: key: expected one of the translatable")
    assert problems[1].startswith("locale/de/grow.toml: version: expected one of the translatable")


def test_it_names_every_english_text_an_overlay_leaves_untranslated():
    problems = [str(p) for p in overlay_check("grow", "de", data=b'name = "GROW"\n')]
    assert "locale/de/grow.toml: description: expected a translation of the English " in problems[0]
    assert any(
        p.startswith("locale/de/grow.toml: stages: expected a translation") for p in problems
    )


def test_it_refuses_a_wrongly_shaped_instrument_overlay():
    bad = b'[scale]\nlabels = ["eins"]\n[items.strengths]\ntext = ""\n[items.nope]\ntext = "x"\n'
    problems = [str(p) for p in instruments.overlay_check("career-confidence", "pt_BR", data=bad)]
    assert problems == [
        "locale/pt_BR/career-confidence.toml: scale.labels: expected a list of 5 translations "
        "(non-empty strings), in the English order, found a list",
        "locale/pt_BR/career-confidence.toml: items.strengths.text: expected a translation: "
        "a non-empty string, found nothing",
        "locale/pt_BR/career-confidence.toml: items.nope: expected a table named by one of the "
        "English ids: strengths, values, find-out, ask-someone, compare, commit, unsure, steps, "
        "case, support, rejection, stuck, found the text 'nope'",
    ]


def test_it_merges_an_overlay_as_an_error_the_loader_shows():
    with pytest.raises(DataFileError) as caught:
        merge_overlay({"name": "GROW"}, {"name": ["x"]}, FRAMEWORK_TEXT, "de/grow.toml")
    assert "de/grow.toml: name: expected a translation" in str(caught.value)


@pytest.mark.parametrize("key", [model.key for model in leadership.builtin_models()])
@pytest.mark.parametrize("locale", leadership.LOCALES)
def test_it_has_a_complete_translation_of_every_competency_model(key, locale):
    assert [str(problem) for problem in leadership.overlay_check(key, locale)] == []


@pytest.mark.parametrize("key", [model.key for model in leadership.builtin_models()])
def test_it_keeps_a_translated_models_keys_and_levels(key):
    english = leadership.load_builtin(key)
    for locale in leadership.LOCALES:
        other = leadership.translated(english, locale)
        assert [(c.key, [b.level for b in c.behaviours]) for c in other.competencies] == [
            (c.key, [b.level for b in c.behaviours]) for c in english.competencies
        ]
        assert [f.key for f in other.functions] == [f.key for f in english.functions]
        assert other.sources == english.sources and other.name != english.name


def test_it_refuses_a_competency_model_overlay_with_a_behaviour_too_many():
    bad = b'[competencies.task]\nbehaviours = ["eins", "zwei", "drei", "vier"]\n'
    problems = [
        str(p) for p in leadership.overlay_check("action-centred-leadership", "de", data=bad)
    ]
    assert problems == [
        "locale/de/action-centred-leadership.toml: competencies.task.behaviours: expected a list "
        "of 3 translations (non-empty strings), in the English order, found a list"
    ]


@pytest.mark.parametrize("locale", rubric.LOCALES)
def test_it_has_a_complete_translation_of_the_builtin_rubric(locale):
    for key in rubric.BUILTIN_KEYS:
        assert [str(problem) for problem in rubric.overlay_check(key, locale)] == []


def test_it_keeps_a_translated_rubrics_indicators_and_levels():
    english = rubric.load_builtin("trellis-classroom")
    for locale in rubric.LOCALES:
        other = rubric.translated(english, locale)
        assert [(d.key, i.key) for d, i in other.indicators()] == [
            (d.key, i.key) for d, i in english.indicators()
        ]
        assert other.level_values() == english.level_values() and other.text == english.text
        assert other.spec.licence == english.spec.licence and other.name != english.name
