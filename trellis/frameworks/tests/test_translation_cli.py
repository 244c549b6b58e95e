"""`trellis frameworks validate locale/<locale>/<key>.toml` checks a translation of a built-in:
exit 0 for a complete one, exit 1 naming the file, the field and what was expected otherwise."""

from trellis.cli import main
from trellis.core.frameworks.loader import BUILTIN_DIR, LOCALE_DIR


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    else:
        code = 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_accepts_a_shipped_translation(capsys):
    code, out, _err = run(capsys, "frameworks", "validate", str(LOCALE_DIR / "de" / "grow.toml"))
    assert code == 0 and "a complete de translation of grow.toml" in out


def english_beside(tmp_path, locale: str):
    (tmp_path / "grow.toml").write_bytes((BUILTIN_DIR / "grow.toml").read_bytes())
    path = tmp_path / "locale" / locale / "grow.toml"
    path.parent.mkdir(parents=True)
    return path


def test_it_refuses_a_translation_with_an_unknown_field_and_exits_1(capsys, tmp_path):
    path = english_beside(tmp_path, "es")
    path.write_text('name = "GROW"\n[stages.goal]\nnombre = "Meta"\n', encoding="utf-8")
    code, _out, err = run(capsys, "frameworks", "validate", str(path))
    assert code == 1
    assert (
        "locale/es/grow.toml: stages.goal.nombre: expected one of the translatable fields here: "
        "name, purpose, done_when, prompts, found the text 'nombre'"
    ) in err


def test_it_refuses_an_incomplete_translation(capsys, tmp_path):
    path = english_beside(tmp_path, "pt_BR")
    path.write_text('name = "GROW"\n', encoding="utf-8")
    code, _out, err = run(capsys, "frameworks", "validate", str(path))
    assert code == 1 and "description: expected a translation of the English" in err


def test_it_refuses_a_translation_without_its_english_file(capsys, tmp_path):
    path = tmp_path / "locale" / "de" / "mine.toml"
    path.parent.mkdir(parents=True)
    path.write_text('name = "Meins"\n', encoding="utf-8")
    code, _out, err = run(capsys, "frameworks", "validate", str(path))
    assert code == 1 and "expected the English file" in err


def test_it_checks_an_instrument_translation_and_exits_1_on_an_unknown_item(capsys, tmp_path):
    from trellis.core.instruments.translation import BUILTIN_DIR as INSTRUMENTS

    (tmp_path / "team-pulse.toml").write_bytes((INSTRUMENTS / "team-pulse.toml").read_bytes())
    path = tmp_path / "locale" / "es" / "team-pulse.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[items.nope]\ntext = "x"\n', encoding="utf-8")
    code, _out, err = run(capsys, "instruments", "validate", str(path))
    assert code == 1
    assert (
        "locale/es/team-pulse.toml: items.nope: expected a table named by one of the English ids"
        in err
    )
    shipped = INSTRUMENTS / "locale" / "de" / "team-pulse.toml"
    assert run(capsys, "instruments", "validate", str(shipped))[0] == 0


def test_it_shows_a_builtins_prompts_in_the_language_asked(capsys):
    code, out, _err = run(
        capsys, "frameworks", "show", "grow", "--language", "de", "--style", "non-directive"
    )
    assert code == 0 and "Was soll anders sein, wenn wir heute fertig sind?" in out
    assert "What would you like to be different" not in out and "[goal]" in out
    code, out, _err = run(capsys, "frameworks", "show", "grow", "--language", "pt-br")
    assert code == 0 and "What would you like to be different" not in out
    _code, out, _err = run(capsys, "frameworks", "show", "grow")
    assert "What would you like to be different when we finish today?" in out


def test_it_refuses_a_language_it_has_no_translations_for(capsys):
    code, _out, err = run(capsys, "frameworks", "show", "grow", "--language", "fr")
    assert code == 2 and "--language" in err
