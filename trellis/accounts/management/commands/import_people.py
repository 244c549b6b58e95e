from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trellis.accounts import services
from trellis.accounts.models import Organization, User


class Command(BaseCommand):
    help = (
        "Import people into an organization from a CSV file with the columns email, name, roles, "
        "manager_email, team, time_zone, active, hand_over_to. Nothing is imported unless every "
        "row is valid. An empty cell leaves the field as it is. Someone who already has a Trellis "
        "account and is not in the organization is invited to join (by email, naming the "
        "organization), never added. active no deactivates a member as an admin would (access "
        "ends at once; their coachees go to the coach in hand_over_to, else those engagements "
        "end; records are kept), in the name of the admin given with --by; active yes brings "
        "back someone deactivated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8, header line first)")
        parser.add_argument("--org", required=True, metavar="SLUG", help="the organization's slug")
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            default="",
            help="the admin of the organization in whose name people are deactivated "
            "(needed when a row says active no)",
        )

    def handle(self, *args: object, file: Path, org: str, by: str, **options: object) -> None:
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"No organization with the slug {org!r}.", returncode=2)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}", returncode=2) from exc
        actor = User.objects.filter(email__iexact=by).first() if by else None
        if by and actor is None:
            raise CommandError(
                f"--by: expected the email of an admin of {org}, found {by!r}.", returncode=2
            )
        try:
            report = services.people_import(
                org=organization, actor=actor, data=data, source=file.name
            )
        except services.PeopleImportError as exc:
            lines = "\n".join(f"  {error}" for error in exc.errors)
            raise CommandError(
                f"Nothing was imported: {exc.count} problem(s).\n{lines}", returncode=1
            ) from None
        self.stdout.write(f"Imported into {organization.slug}: {report.summary}.")
