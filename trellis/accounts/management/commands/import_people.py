from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.accounts import services
from trellis.accounts.models import Organization


class Command(BaseCommand):
    help = (
        "Import people into an organization from a CSV file with the columns email, name, roles, "
        "manager_email, team, time_zone. Nothing is imported unless every row is valid. An empty "
        "cell leaves the field as it is. Someone who already has a Trellis account and is not in "
        "the organization is invited to join (by email, naming the organization), never added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8, header line first)")
        parser.add_argument("--org", required=True, metavar="SLUG", help="the organization's slug")

    def handle(self, *args: object, file: Path, org: str, **options: object) -> None:
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"No organization with the slug {org!r}.", returncode=2)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}", returncode=2) from exc
        try:
            report = services.people_import(
                org=organization, actor=None, data=data, source=file.name
            )
        except services.PeopleImportError as exc:
            lines = "\n".join(f"  {error}" for error in exc.errors)
            raise CommandError(
                f"Nothing was imported: {exc.count} problem(s).\n{lines}", returncode=1
            ) from None
        self.stdout.write(f"Imported into {organization.slug}: {report.summary}.")
