"""`trellis frameworks validate|list|show`: the built-in frameworks and framework files, without
Django. `import` and `--org` need the database: the management command adds them."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from trellis.cli.plain import Failure, PlainCommand, render

if TYPE_CHECKING:
    from trellis.core.frameworks import Framework, Voice

VOICES = ("non-directive", "dialogical", "directive")  # trellis.core.frameworks.Voice
LANGUAGES = ("en", "de", "pt-br", "es")  # English and the built-ins' translations (LOCALES)


class Frameworks(PlainCommand):
    help = (
        "Coaching frameworks: validate a framework file (every problem is listed with its field "
        "path; exit status 1 when the file is invalid), import one into an organization, list the "
        "built-in frameworks, or show one framework's stages, purposes and prompts."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = sub.add_parser(
            "validate",
            help="check a framework TOML file and list every problem with its field path",
        )
        validate.add_argument("file", type=Path, help="the framework file (TOML, UTF-8)")
        imported = sub.add_parser(
            "import",
            help="store an organization's own framework; a changed file becomes a new version",
        )
        imported.add_argument("file", type=Path, help="the framework file (TOML, UTF-8)")
        imported.add_argument("--org", required=True, help="the organization's slug")
        listing = sub.add_parser("list", help="list the built-in frameworks")
        listing.add_argument("--org", help="also list this organization's own frameworks")
        show = sub.add_parser("show", help="show a framework's stages, purposes and prompts")
        show.add_argument(
            "key", help="a built-in framework's key (stepppa works for steppa) or a .toml file"
        )
        show.add_argument("--org", help="look the key up among this organization's frameworks too")
        show.add_argument(
            "--style",
            choices=VOICES,
            help="show only the prompts of one voice (default: all three)",
        )
        show.add_argument(
            "--language",
            choices=LANGUAGES,
            default="en",
            help="show a built-in's text and prompts in this language (default: English)",
        )

    def handle(self, out: TextIO, /, **options: Any) -> None:
        from trellis.core.frameworks import Voice

        action = options["action"]
        if action == "validate":
            self.validate(out, Path(str(options["file"])))
        elif action == "import":
            self.import_file(out, Path(str(options["file"])), str(options["org"]))
        elif action == "list":
            self.list_frameworks(out, options.get("org"))
        else:
            style = options.get("style")
            voices = [Voice.parse(str(style))] if style else list(Voice)
            framework = self.find(str(options["key"]), options.get("org"))
            show(out, in_language(framework, str(options["key"]), options["language"]), voices)

    # The database's part, which the management command provides.
    def import_file(self, out: TextIO, path: Path, slug: str) -> None:
        raise Failure("Importing a framework needs the database: run it through trellis.", 2)

    def org_entries(self, slug: str) -> "tuple[str, list[tuple[Framework, int | None]]]":
        raise Failure("--org needs the database: run it through trellis.", 2)

    def org_framework(self, slug: str, key: str) -> "Framework | None":
        raise Failure("--org needs the database: run it through trellis.", 2)

    def validate(self, out: TextIO, path: Path) -> None:
        from trellis.core.datafiles import shown_lines
        from trellis.core.frameworks import parse_framework, validate_framework_text

        text = read(path)
        if path.parent.parent.name == "locale":
            self.validate_translation(out, path, text)
            return
        problems = validate_framework_text(text, path.name)
        if problems:
            lines = "\n".join(f"  {line}" for line in shown_lines(problems))
            noun = "problem" if len(problems) == 1 else "problems"
            raise Failure(f"{path} is not valid: {len(problems)} {noun}.\n{lines}", 1)
        framework = parse_framework(text, path.name)
        out.write(
            f"{path}: valid. {framework.name} ({framework.key}), version {framework.version}, "
            f"{len(framework.stages)} stages.\n"
        )

    def validate_translation(self, out: TextIO, path: Path, text: bytes) -> None:
        """A file at <dir>/locale/<locale>/<name>.toml translates the English <dir>/<name>.toml:
        every field must be text the English file has, and all its text must be translated."""
        from trellis.core.datafiles import shown_lines
        from trellis.core.frameworks import overlay_check_file

        locale, english = path.parent.name, path.parent.parent.parent / path.name
        if not english.is_file():
            raise Failure(f"{path}: expected the English file {english} beside locale/", 1)
        problems = overlay_check_file(english, locale, data=text)
        if problems:
            lines = "\n".join(f"  {line}" for line in shown_lines(problems))
            noun = "problem" if len(problems) == 1 else "problems"
            raise Failure(f"{path} is not a valid translation: {len(problems)} {noun}.\n{lines}", 1)
        out.write(f"{path}: a complete {locale} translation of {english.name}.\n")

    def list_frameworks(self, out: TextIO, slug: str | None) -> None:
        from rich.table import Table

        from trellis.core.frameworks import builtin_frameworks

        if slug:
            title, entries = self.org_entries(slug)
        else:
            title = "Built-in coaching frameworks"
            entries = [(f, None) for f in builtin_frameworks()]
        table = Table(title=title, title_justify="left")
        table.add_column("Key", style="bold")  # aliases wrap at their commas
        table.add_column("Name", no_wrap=True)
        table.add_column("Stages")
        table.add_column("Originator")
        for framework, version in entries:
            key = ", ".join((framework.key, *framework.aliases))
            stages = ", ".join(stage.name for stage in framework.stages)
            name = framework.name if version is None else f"{framework.name} (v{version})"
            table.add_row(key, name, stages, framework.originator)
        render(out, table)

    def find(self, key: str, slug: str | None) -> "Framework":
        from trellis.core.frameworks import (
            FrameworkError,
            UnknownFrameworkError,
            load_builtin,
            parse_framework,
        )

        if slug:
            found = self.org_framework(slug, key)
            if found is not None:
                return found
        if key.endswith(".toml"):
            path = Path(key)
            try:
                return parse_framework(read(path), path.name)
            except FrameworkError as exc:
                raise Failure(str(exc), 1) from None
        try:
            return load_builtin(key)
        except UnknownFrameworkError as exc:
            raise Failure(str(exc), 2) from exc


def show(out: TextIO, framework: "Framework", voices: "list[Voice]") -> None:
    from rich.text import Text

    from trellis.core.frameworks import DEFAULT_LEVEL, KINDS

    lines: list[Text | str] = [
        Text(f"{framework.name} ({framework.key}, version {framework.version})", style="bold"),
        f"Originator: {framework.originator}",
        f"Source: {framework.source}",
        "",
        framework.description,
    ]
    if framework.when_to_use:
        lines += ["", f"When to use it: {framework.when_to_use}"]
    for number, stage in enumerate(framework.stages, start=1):
        produces = ", ".join(KINDS[kind].label for kind in stage.produces)
        lines += [
            "",
            Text(f"{number}. {stage.name} [{stage.key}]", style="bold cyan"),
            f"   Purpose: {stage.purpose}",
            f"   Produces: {produces}",
        ]
        if stage.may_produce:
            optional = ", ".join(KINDS[kind].label for kind in stage.may_produce)
            lines.append(f"   May also produce: {optional}")
        lines.append(f"   Done when: {stage.done_when}")
        for voice in voices:
            lines.append(Text(f"   {voice.value.capitalize()}:", style="italic"))
            for prompt in stage.prompts_for(voice):
                level = "" if prompt.level == DEFAULT_LEVEL[voice] else f" ({prompt.level})"
                lines.append(f"     - {prompt.text}{level}")
    render(out, *lines)


def in_language(framework: "Framework", key: str, language: str) -> "Framework":
    """The framework's text in `language` where a translation exists (a built-in's, or an overlay
    beside a .toml file); English otherwise."""
    from trellis.core.frameworks import translated, translated_file

    if key.endswith(".toml"):
        return translated_file(framework, Path(key), language)
    return translated(framework, language)


def read(path: Path) -> bytes:
    """The file's bytes: the framework loader decodes them and names the line of any fault."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Failure(f"{path}: {exc.strerror}", 2) from exc
