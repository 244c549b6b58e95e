"""Every word a person reads in a template is marked for translation, and every shipped catalogue (German,
Portuguese (Brazil), Spanish) translates every message of its app, compiled as it is written."""

import re
import shutil
from pathlib import Path

import polib
import pytest

from trellis.web.tests.i18n_check import (
    LOCALES,
    TRELLIS,
    catalogue_key,
    extracted_messages,
    templates_of,
    unmarked,
)

APPS = sorted(p.parent for p in TRELLIS.glob("*/apps.py"))
APPS_WITH_TEMPLATES = [app for app in APPS if templates_of(app)]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfir]|%[sdfir]|\{\w*\}")


@pytest.mark.parametrize("app", APPS_WITH_TEMPLATES, ids=lambda p: p.name)
def test_every_template_word_is_marked_for_translation(app: Path) -> None:
    problems = unmarked(app)
    assert not problems, "Not marked for translation:\n" + "\n".join(map(str, problems))


def _catalogue(app: Path, locale: str) -> Path:
    return app / "locale" / locale / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext's xgettext reads the messages (CI has it)"
)
@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_every_message_is_in_every_shipped_catalogue(app: Path) -> None:
    wanted = extracted_messages(app)
    for locale in LOCALES:
        if not wanted:
            assert not _catalogue(app, locale).exists(), (
                f"{app.name} has no messages but ships {locale}"
            )
            continue
        path = _catalogue(app, locale)
        assert path.exists(), (
            f"{path.relative_to(TRELLIS.parent)} is missing: run `make messages APP={app.name}`"
        )
        have = {catalogue_key(e) for e in polib.pofile(str(path)) if not e.obsolete}
        missing = sorted(wanted - have)
        assert not missing, (
            f"{path.relative_to(TRELLIS.parent)} lacks {len(missing)} messages, e.g. {missing[:5]}"
        )


CATALOGUES = [
    (app, locale) for app in APPS for locale in LOCALES if _catalogue(app, locale).exists()
]


@pytest.mark.parametrize(
    ("app", "locale"), CATALOGUES, ids=lambda v: v if isinstance(v, str) else v.name
)
def test_every_catalogue_is_translated_and_compiled(app: Path, locale: str) -> None:
    po = polib.pofile(str(_catalogue(app, locale)))
    where = _catalogue(app, locale).relative_to(TRELLIS.parent)
    live = [e for e in po if not e.obsolete]
    untranslated = [e.msgid for e in live if not e.translated()]
    assert not untranslated, (
        f"{where}: {len(untranslated)} untranslated or fuzzy, e.g. {untranslated[:5]}"
    )
    for entry in live:
        forms = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= set(
                PLACEHOLDER.findall(entry.msgid + entry.msgid_plural)
            ), (
                f"{where}: the translation of {entry.msgid!r} uses a placeholder the message does not have: {form!r}"
            )
    mo_path = _catalogue(app, locale).with_suffix(".mo")
    assert mo_path.exists(), f"{where}: not compiled (make messages)"
    compiled = {
        catalogue_key(e): (e.msgstr, dict(e.msgstr_plural))
        for e in polib.mofile(str(mo_path))
        if e.msgid
    }
    written = {
        catalogue_key(e): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()}) for e in live
    }
    compiled = {k: (s, {int(n): v for n, v in p.items()}) for k, (s, p) in compiled.items()}
    assert compiled == written, f"{where}: the .mo is older than the .po (make messages)"
