"""Find words in templates that are not marked for translation, and the messages each app's catalogue must hold.

`python -m trellis.web.tests.i18n_check trellis/goals` lists a folder's unmarked template text, one per line
(file:line: text), and exits 1 when there is any. test_translations.py runs the same checks on every app.

Marked means inside {% translate %} / {% blocktranslate %}, or a `_("…")` literal in a variable or tag. Text that is
only a variable, punctuation, digits or a name in ALLOWED needs no marking.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
TRELLIS = ROOT / "trellis"
LOCALES = ("de", "pt_BR", "es")

# Proper names and symbols that read the same in every language.
ALLOWED = {
    "Trellis",
    "GAS",
    "GROW",
    "TGROW",
    "OSKAR",
    "OSCAR",
    "STEPPPA",
    "CLEAR",
    "FUEL",
    "PRACTICE",
    "SCIM",
    "API",
    "CSV",
    "JSON",
    "iCal",
    "TOTP",
    "OpenAPI",
    "SSO",
    "SAML",
    "OIDC",
    "URL",
    "ID",
    "UUID",
    "h",
    "min",
    "x",
    "\u00d7",
    "❦",
    "OK",
}
VISIBLE_ATTRIBUTES = {
    "title",
    "placeholder",
    "aria-label",
    "alt",
    "label",
    "aria-description",
    "data-confirm",
}
HOLE = "\x00"  # where a variable or a marked string was
CUT = "\x01"  # where a tag was
LETTERS = re.compile(r"[^\W\d_]{2,}")
# a string literal with letters inside a variable or tag that is not wrapped in _( )
LITERAL = re.compile(r"""(?<!_\()(?<![\w.])(["'])([^"'\n]*[^\W\d_][^"'\n]*)\1""")
LITERAL_FILTERS = re.compile(r"\|(default|default_if_none|yesno):")


@dataclass(frozen=True)
class Unmarked:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.text}"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name, value in attrs:
            visible = name in VISIBLE_ATTRIBUTES or (
                name == "value" and tag == "input" and values.get("type") in ("submit", "button")
            )
            if visible and value:
                self._note(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._note(data)

    def _note(self, text: str) -> None:
        for piece in re.split(f"[{HOLE}{CUT}]", text):
            words = [w for w in LETTERS.findall(piece) if w not in ALLOWED]
            if words:
                self.found.append((self.getpos()[0], " ".join(piece.split())))


def unmarked_in(path: Path) -> list[Unmarked]:
    from django.template.base import Lexer, TokenType

    source = path.read_text(encoding="utf-8")
    skeleton: list[str] = []
    problems: list[Unmarked] = []
    inside = None  # the tag that ends the block we are in (blocktranslate, comment, verbatim)
    for token in Lexer(source).tokenize():
        kind, contents = token.token_type, token.contents
        name = contents.split()[0] if contents.split() else ""
        if inside:
            if kind == TokenType.BLOCK and name == inside:
                inside = None
            skeleton.append(HOLE + "\n" * contents.count("\n"))
            continue
        if kind == TokenType.TEXT:
            skeleton.append(token.contents)
        elif kind == TokenType.BLOCK:
            if name in ("blocktrans", "blocktranslate", "comment", "verbatim"):
                inside = "end" + name
            elif name not in (
                "translate",
                "trans",
                "url",
                "static",
                "load",
                "extends",
                "include",
                "partialdef",
                "partial",
                "block",
                "templatetag",
                "csrf_token",
                "now",
                "firstof",
            ):
                for literal in _bare_literals(contents, tag=True):
                    problems.append(Unmarked(path, token.lineno, literal))
            elif name == "include":
                for literal in _bare_literals(contents.partition(" with ")[2], tag=True):
                    problems.append(Unmarked(path, token.lineno, literal))
            skeleton.append(CUT + "\n" * contents.count("\n"))
        elif kind == TokenType.VAR:
            if LITERAL_FILTERS.search(contents):
                for literal in _bare_literals(contents, tag=False):
                    problems.append(Unmarked(path, token.lineno, literal))
            skeleton.append(HOLE)
        else:  # {# comment #}
            skeleton.append(CUT + "\n" * contents.count("\n"))
    text = "".join(skeleton)
    parser = _Text()
    parser.feed(text)
    parser.close()
    # line numbers: the skeleton keeps every text token's newlines, so they match the template's
    problems.extend(Unmarked(path, line, found) for line, found in parser.found)
    return sorted(problems, key=lambda p: p.line)


def _bare_literals(contents: str, *, tag: bool) -> list[str]:
    found = []
    for match in LITERAL.finditer(contents):
        value = match.group(2)
        if tag and ("/" in value or value.endswith(".html") or (":" in value and " " not in value)):
            continue  # a template name, a url name or a path
        if tag and " " not in value and value.islower():
            continue  # an identifier (a field, a css class, a role)
        words = [w for w in LETTERS.findall(value) if w not in ALLOWED]
        if words:
            found.append(f'"{value}"')
    return found


def templates_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.html") if "templates" in p.parts)


def unmarked(folder: Path) -> list[Unmarked]:
    return [problem for path in templates_of(folder) for problem in unmarked_in(path)]


def extracted_messages(app: Path) -> set[str]:
    """The msgids Django's makemessages finds in an app (needs GNU gettext's xgettext), from a copy of it."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app.name
        shutil.copytree(
            app, copy, ignore=shutil.ignore_patterns("tests", "locale", "__pycache__", "migrations")
        )
        (copy / "locale").mkdir()
        subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "django",
                "makemessages",
                "-l",
                "de",
                "--no-obsolete",
                "--no-location",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
            env={
                "DJANGO_SETTINGS_MODULE": "trellis.settings",
                "PYTHONPATH": str(ROOT),
                "PATH": "/usr/bin:/bin",
            },
        )
        import polib

        catalogue = copy / "locale" / "de" / "LC_MESSAGES" / "django.po"
        if not catalogue.exists():
            return set()
        return {catalogue_key(entry) for entry in polib.pofile(str(catalogue))}


def catalogue_key(entry: Any) -> str:
    """A catalogue entry's identity: its context and its message."""
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def main(argv: list[str]) -> int:
    problems = [p for folder in argv or [str(TRELLIS)] for p in unmarked(Path(folder).resolve())]
    sys.stdout.write("".join(f"{problem}\n" for problem in problems))
    sys.stderr.write(f"{len(problems)} unmarked\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
