from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.accounts.models import Membership, Organization
from trellis.core.datafiles import DataFileError
from trellis.core.programs import ProgramTemplate, builtin_templates, parse_template, plan
from trellis.programs import services
from trellis.programs.models import Program


class Command(BaseCommand):
    help = (
        "Coaching programs: validate a program template file (every problem with its field; exit "
        "status 1 when it is invalid), import one into an organization, list or show templates, "
        "enrol the people of a CSV file in a program (all or nobody), and run the program pass "
        "(schedule accepted engagements, send instruments whose moment has come)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = sub.add_parser("validate", help="check a program template (TOML) file")
        validate.add_argument("file", type=Path, help="the template file")
        imported = sub.add_parser("import", help="store an organization's own template")
        imported.add_argument("file", type=Path, help="the template file")
        imported.add_argument("--org", required=True, help="the organization's slug")
        listing = sub.add_parser("list", help="list the templates (and an organization's programs)")
        listing.add_argument("--org", help="also list this organization's templates and programs")
        show = sub.add_parser("show", help="show a template's sessions, instruments and steps")
        show.add_argument("key", help="a built-in template's key or a .toml file")
        enrol = sub.add_parser("enrol", help="enrol the people of a CSV file (an email column)")
        enrol.add_argument("program", help="the program's slug")
        enrol.add_argument("file", type=Path, help="the CSV file")
        enrol.add_argument("--org", required=True, help="the organization's slug")
        enrol.add_argument("--as", dest="admin", required=True, help="the admin's email")
        sub.add_parser("pass", help="schedule accepted engagements and send due instruments")

    def handle(self, *args: object, action: str, **options: Any) -> None:
        try:
            getattr(self, f"do_{action}")(**options)
        except DataFileError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        except ValidationError as exc:
            lines = [m for errors in exc.message_dict.values() for m in errors]
            raise CommandError("\n".join(lines), returncode=1) from exc

    def do_validate(self, file: Path, **options: Any) -> None:
        template = parse_template(read(file), file.name)
        self.stdout.write(
            f"{file}: valid. {template.name} ({template.key}), version {template.version}, "
            f"{template.sessions.count} sessions."
        )

    def do_import(self, file: Path, org: str, **options: Any) -> None:
        found = organization(org)
        row, created = services.template_import(org=found, text=read(file), source=file.name)
        verb = "Imported" if created else "Unchanged:"
        self.stdout.write(f"{verb} {row.name} ({row.key}) in {found.name}, version {row.version}.")

    def do_list(self, org: str | None = None, **options: Any) -> None:
        entries: list[tuple[ProgramTemplate, int | None]] = (
            services.templates_for(org=organization(org))
            if org
            else [(t, None) for t in builtin_templates()]
        )
        for template, version in entries:
            own = f" (v{version}, {org}'s own)" if version else ""
            self.stdout.write(f"{template.key:<30} {template.name}{own}")
        if org:
            for program in Program.objects.filter(org__slug=org):
                self.stdout.write(
                    f"program {program.slug}: {program.name}, from {program.starts_on}"
                )

    def do_show(self, key: str, **options: Any) -> None:
        if key.endswith(".toml"):
            template = parse_template(read(Path(key)), Path(key).name)
        else:
            known = {t.key: t for t in builtin_templates()}
            if key not in known:
                raise CommandError(f"No built-in template {key!r}; known: {', '.join(known)}.", 2)
            template = known[key]
        s = template.sessions
        self.stdout.write(f"{template.name} ({template.key}, version {template.version})")
        self.stdout.write(template.purpose)
        self.stdout.write(f"Kind: {template.kind}; frameworks: {', '.join(template.frameworks)}")
        self.stdout.write(f"Sessions: {s.count} x {s.minutes} min, {s.every}, at {s.local_time}")
        for item in template.instruments:
            self.stdout.write(f"Instrument: {item.key} at {', '.join(item.when)}")
        for step, _ in plan(template, date(2000, 1, 3)).steps:
            self.stdout.write(f"Week {step.week} ({step.kind}): {step.title}")

    def do_enrol(self, program: str, file: Path, org: str, admin: str, **options: Any) -> None:
        found = organization(org)
        actor = Membership.objects.filter(org=found, user__email__iexact=admin).first()
        if actor is None or not actor.is_admin:
            raise CommandError(f"{admin} is not an admin of {found.name}.", returncode=2)
        run = Program.objects.filter(org=found, slug=program).first()
        if run is None:
            raise CommandError(f"{found.name} has no program {program!r}.", returncode=2)
        members = services.members_from_csv(org=found, data=read(file), source=file.name)
        enrolled = services.program_enrol(actor=actor, program=run, members=members)
        self.stdout.write(f"Enrolled {len(enrolled)} people in {run.name}.")

    def do_pass(self, **options: Any) -> None:
        done = services.program_pass()
        services.queue_next_pass()
        self.stdout.write(
            f"Scheduled {done['scheduled']} engagements; sent {done['instruments']} instruments;"
            f" opened {done['cascaded']} cascade engagements."
        )


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
