from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.accounts.models import Organization
from trellis.core.datafiles import DataFileError
from trellis.core.leadership import CompetencyModel, builtin_models, parse_model
from trellis.leadership import selectors, services


class Command(BaseCommand):
    help = (
        "Leadership development: validate a competency model file (every problem with its "
        "field; exit status 1 when it is invalid), import one into an organization, list or "
        "show competency models; run the decision review pass (email leaders whose decision's "
        "review date has come)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = sub.add_parser("validate", help="check a competency model (TOML) file")
        validate.add_argument("file", type=Path, help="the competency model file")
        imported = sub.add_parser("import", help="store an organization's own competency model")
        imported.add_argument("file", type=Path, help="the competency model file")
        imported.add_argument("--org", required=True, help="the organization's slug")
        listing = sub.add_parser("list", help="list the competency models")
        listing.add_argument("--org", help="also list this organization's own models")
        show = sub.add_parser("show", help="show a model's competencies and behaviours")
        show.add_argument("key", help="a built-in model's key or a .toml file")
        show.add_argument("--org", help="look the key up among this organization's models too")
        sub.add_parser("pass", help="email leaders whose decision's review date has come")

    def handle(self, *args: object, action: str, **options: Any) -> None:
        try:
            getattr(self, f"do_{action}")(**options)
        except DataFileError as exc:
            raise CommandError(str(exc), returncode=1) from exc

    def do_validate(self, file: Path, **options: Any) -> None:
        model = parse_model(read(file), file.name)
        count = sum(len(c.behaviours) for c in model.competencies)
        self.stdout.write(
            f"{file}: valid. {model.name} ({model.key}), version {model.version}, "
            f"{len(model.competencies)} competencies, {count} behaviours."
        )

    def do_import(self, file: Path, org: str, **options: Any) -> None:
        found = organization(org)
        row, created = services.model_import(org=found, text=read(file), source=file.name)
        verb = "Imported" if created else "Unchanged:"
        self.stdout.write(f"{verb} {row.name} ({row.key}) in {found.name}, version {row.version}.")

    def do_list(self, org: str | None = None, **options: Any) -> None:
        entries: list[tuple[CompetencyModel, int | None]] = (
            selectors.models_for(org=organization(org))
            if org
            else [(m, None) for m in builtin_models()]
        )
        for model, version in entries:
            own = f" (v{version}, {org}'s own)" if version else ""
            self.stdout.write(f"{model.key:<40} {model.name}{own}")

    def do_show(self, key: str, org: str | None = None, **options: Any) -> None:
        model: CompetencyModel | None
        if key.endswith(".toml"):
            model = parse_model(read(Path(key)), Path(key).name)
        elif org:
            model = selectors.model_for(org=organization(org), key=key)
        else:
            model = next((m for m in builtin_models() if m.key == key), None)
        if model is None:
            known = ", ".join(m.key for m in builtin_models())
            raise CommandError(f"No competency model {key!r}; built-in: {known}.", returncode=2)
        self.stdout.write(f"{model.name} ({model.key}, version {model.version})")
        self.stdout.write(model.summary)
        for source in model.sources:
            self.stdout.write(f"Source: {source}")
        for function in model.functions:
            self.stdout.write(f"Function: {function.name}: {function.description}")
        for competency in model.competencies:
            self.stdout.write(f"\n{competency.name} ({competency.key})")
            for behaviour in competency.behaviours:
                self.stdout.write(f"  [{behaviour.level}] {behaviour.text}")

    def do_pass(self, **options: Any) -> None:
        sent = services.decision_reminders()
        services.queue_next_pass()
        self.stdout.write(f"Reminded {sent} decision(s) due for review.")


def organization(slug: str) -> Organization:
    found = Organization.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"No organization has the slug {slug!r}.", returncode=2)
    return found


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}", returncode=2) from exc
