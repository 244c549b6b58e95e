import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table
from rich.text import Text

from trellis.accounts.models import Organization
from trellis.core.frameworks import (
    DEFAULT_LEVEL,
    KINDS,
    Framework,
    FrameworkError,
    UnknownFrameworkError,
    Voice,
    builtin_frameworks,
    load_builtin,
    parse_framework,
    validate_framework_text,
)
from trellis.frameworks import selectors, services

WIDTH = 100  # when the output is not a terminal (pipes, tests)


class Command(BaseCommand):
    help = (
        "Coaching frameworks: validate a framework file (every problem is listed with its field "
        "path; exit status 1 when the file is invalid), import one into an organization, list the "
        "built-in frameworks, or show one framework's stages, purposes and prompts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
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
            choices=[voice.value for voice in Voice],
            help="show only the prompts of one voice (default: all three)",
        )

    def handle(self, *args: object, action: str, **options: object) -> None:
        if action == "validate":
            self.validate(Path(str(options["file"])))
        elif action == "import":
            self.import_file(Path(str(options["file"])), str(options["org"]))
        elif action == "list":
            self.list_frameworks(self.org(options.get("org")))
        else:
            style = options.get("style")
            voices = [Voice.parse(str(style))] if style else list(Voice)
            self.show(self.find(str(options["key"]), self.org(options.get("org"))), voices)

    def org(self, slug: object) -> Organization | None:
        if not slug:
            return None
        org = Organization.objects.filter(slug=str(slug)).first()
        if org is None:
            raise CommandError(f"No organization has the slug {slug!r}.", returncode=2)
        return org

    def validate(self, path: Path) -> None:
        text = read(path)
        problems = validate_framework_text(text, path.name)
        if problems:
            lines = "\n".join(f"  {problem}" for problem in problems)
            noun = "problem" if len(problems) == 1 else "problems"
            raise CommandError(
                f"{path} is not valid: {len(problems)} {noun}.\n{lines}", returncode=1
            )
        framework = parse_framework(text, path.name)
        self.stdout.write(
            f"{path}: valid. {framework.name} ({framework.key}), version {framework.version}, "
            f"{len(framework.stages)} stages."
        )

    def import_file(self, path: Path, slug: str) -> None:
        org = self.org(slug)
        assert org is not None
        try:
            stored, created = services.framework_import(org=org, text=read(path), source=path.name)
        except FrameworkError as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            noun = "problem" if len(exc.problems) == 1 else "problems"
            raise CommandError(
                f"{path} was not imported: {len(exc.problems)} {noun}.\n{lines}", returncode=1
            ) from exc
        if created:
            self.stdout.write(
                f"Imported {stored.name} ({stored.key}) into {org.name} as version {stored.version}."
            )
        else:
            self.stdout.write(
                f"{stored.name} ({stored.key}) is unchanged: {org.name} already has it "
                f"as version {stored.version}."
            )

    def list_frameworks(self, org: Organization | None) -> None:
        title = f"Coaching frameworks in {org.name}" if org else "Built-in coaching frameworks"
        table = Table(title=title, title_justify="left")
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Name")
        table.add_column("Stages")
        table.add_column("Originator")
        entries = (
            selectors.frameworks_for(org=org)
            if org
            else [selectors.FrameworkEntry(f, None) for f in builtin_frameworks()]
        )
        for entry in entries:
            framework = entry.framework
            key = ", ".join((framework.key, *framework.aliases))
            stages = ", ".join(stage.name for stage in framework.stages)
            name = framework.name if entry.is_builtin else f"{framework.name} (v{entry.version})"
            table.add_row(key, name, stages, framework.originator)
        self.render(table)

    def show(self, framework: Framework, voices: list[Voice]) -> None:
        out: list[Text | str] = [
            Text(f"{framework.name} ({framework.key}, version {framework.version})", style="bold"),
            f"Originator: {framework.originator}",
            f"Source: {framework.source}",
            "",
            framework.description,
        ]
        if framework.when_to_use:
            out += ["", f"When to use it: {framework.when_to_use}"]
        for number, stage in enumerate(framework.stages, start=1):
            produces = ", ".join(KINDS[kind].label for kind in stage.produces)
            out += [
                "",
                Text(f"{number}. {stage.name} [{stage.key}]", style="bold cyan"),
                f"   Purpose: {stage.purpose}",
                f"   Produces: {produces}",
            ]
            if stage.may_produce:
                optional = ", ".join(KINDS[kind].label for kind in stage.may_produce)
                out.append(f"   May also produce: {optional}")
            out.append(f"   Done when: {stage.done_when}")
            for voice in voices:
                out.append(Text(f"   {voice.value.capitalize()}:", style="italic"))
                for prompt in stage.prompts_for(voice):
                    level = "" if prompt.level == DEFAULT_LEVEL[voice] else f" ({prompt.level})"
                    out.append(f"     - {prompt.text}{level}")
        self.render(*out)

    def find(self, key: str, org: Organization | None = None) -> Framework:
        if org is not None:
            entry = selectors.framework_find(org=org, key=key)
            if entry is not None:
                return entry.framework
        if key.endswith(".toml"):
            path = Path(key)
            try:
                return parse_framework(read(path), path.name)
            except FrameworkError as exc:
                raise CommandError(str(exc), returncode=1) from exc
        try:
            return load_builtin(key)
        except UnknownFrameworkError as exc:
            raise CommandError(str(exc), returncode=2) from exc

    def render(self, *renderables: object) -> None:
        buffer = io.StringIO()
        terminal = self.stdout.isatty()
        console = Console(
            file=buffer,
            width=None if terminal else WIDTH,
            force_terminal=terminal,
            no_color=not terminal,
            highlight=False,
        )
        for renderable in renderables:
            console.print(renderable)
        lines = buffer.getvalue().splitlines()  # rich pads wrapped lines with spaces
        self.stdout.write("".join(line.rstrip() + "\n" for line in lines), ending="")


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise CommandError(f"{path}: {reason}", returncode=2) from exc
