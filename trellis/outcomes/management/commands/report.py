from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.accounts.models import Membership
from trellis.core.spreadsheet import csv_bytes
from trellis.outcomes import services
from trellis.programs.models import Program

NO_PROGRAM = "No program with the slug {slug}{where}."
SEVERAL = "Programs with the slug {slug} exist in {orgs}: name one with --org."
NO_ADMIN = "{org} has no active admin whose view the report could take: name one with --as EMAIL."
NOT_ADMIN = "{email} is not an active admin of {org}."


class Command(BaseCommand):
    help = (
        "Make a program report: the program's outcome dashboard (charts and the tables behind them, "
        "every number about fewer people than ANONYMITY_THRESHOLD hidden) as a PDF, or as a CSV "
        "when the file ends in .csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        program = sub.add_parser("program", help="a program's report (PDF or CSV)")
        program.add_argument("slug", help="the program's slug")
        program.add_argument(
            "--out", required=True, type=Path, help="the file to write (.pdf or .csv)"
        )
        program.add_argument(
            "--org", help="the organization's slug (when several have the program)"
        )
        program.add_argument(
            "--as", dest="admin", help="the admin whose view it takes (default: the first admin)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programs = Program.objects.filter(slug=options["slug"]).select_related("org")
        if options["org"]:
            programs = programs.filter(org__slug=options["org"])
        found = list(programs[:10])
        if not found:
            where = f" in {options['org']}" if options["org"] else ""
            raise CommandError(NO_PROGRAM.format(slug=options["slug"], where=where))
        if len(found) > 1:
            orgs = ", ".join(sorted(p.org.slug for p in found))
            raise CommandError(SEVERAL.format(slug=options["slug"], orgs=orgs))
        program = found[0]
        admins = Membership.objects.filter(org=program.org, is_admin=True, is_active=True)
        if options["admin"]:
            admin = admins.filter(user__email__iexact=options["admin"]).first()
            if admin is None:
                raise CommandError(NOT_ADMIN.format(email=options["admin"], org=program.org.slug))
        else:
            admin = admins.select_related("user", "org").order_by("id").first()
            if admin is None:
                raise CommandError(NO_ADMIN.format(org=program.org.slug))
        out: Path = options["out"]
        if out.suffix.lower() == ".csv":
            _, rows = services.program_document(member=admin, program=program)
            content = csv_bytes(rows)
        else:
            content = services.program_pdf(member=admin, program=program)
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"{out}: cannot write the report ({exc.strerror}).") from exc
        self.stdout.write(f"Wrote {out} ({len(content):,} bytes): {program.name}.")
