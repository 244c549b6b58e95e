"""`trellis frameworks validate locale/<locale>/<key>.toml` checks a translation of a built-in:
exit 0 for a complete one, exit 1 naming the file, the field and what was expected otherwise."""

from trellis.cli import main
from trellis.core.frameworks.loader import LOCALE_DIR


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
    assert code == 0 and "a complete de translation of the built-in framework grow" in out


def test_it_refuses_a_translation_with_an_unknown_field_and_exits_1(capsys, tmp_path):
    path = tmp_path / "locale" / "es" / "grow.toml"
    path.parent.mkdir(parents=True)
    path.write_text('name = "GROW"\n[stages.goal]\nnombre = "Meta"\n', encoding="utf-8")
    code, _out, err = run(capsys, "frameworks", "validate", str(path))
    assert code == 1
    assert (
        "locale/es/grow.toml: stages.goal.nombre: expected one of the translatable fields here: "
        "name, purpose, done_when, prompts, found the text 'nombre'"
    ) in err


def test_it_refuses_an_incomplete_translation(capsys, tmp_path):
    path = tmp_path / "locale" / "pt_BR" / "grow.toml"
    path.parent.mkdir(parents=True)
    path.write_text('name = "GROW"\n', encoding="utf-8")
    code, _out, err = run(capsys, "frameworks", "validate", str(path))
    assert code == 1 and "description: expected a translation of the English" in err
