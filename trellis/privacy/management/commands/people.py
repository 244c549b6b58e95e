"""`trellis people export|erase|purge`: a person's archive, an erasure an operator was asked for
in writing, and the retention pass, from the terminal."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from trellis.accounts.models import User
from trellis.privacy import services
from trellis.privacy.models import ErasureRequest

NO_PERSON = "No person signs in with {email}."
NOT_CONFIRMED = "Erasure cannot be undone: add --yes to confirm that {email} asked for it."


class Command(BaseCommand):
    help = (
        "People's rights: `export` everything Trellis holds about a person to a zip file, `erase` a "
        "person who asked for it (the same erasure as their 'Your data' page, without waiting for "
        "admins), and `purge` the content of ended engagements past each organization's retention."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        export = sub.add_parser("export", help="write a person's archive (JSON and CSVs) to a zip")
        export.add_argument("email", metavar="EMAIL", help="who")
        export.add_argument(
            "--out", metavar="FILE.zip", help="where (default: ./trellis-EMAIL.zip)"
        )
        erase = sub.add_parser("erase", help="erase a person who asked for it, now")
        erase.add_argument("email", metavar="EMAIL", help="who")
        erase.add_argument("--yes", action="store_true", help="confirm: it cannot be undone")
        purge = sub.add_parser("purge", help="run the retention pass now")
        purge.add_argument("--org", metavar="SLUG", help="only this organization")

    def handle(self, *args: object, action: str, **options: object) -> None:
        if action == "purge":
            self.purge(options.get("org"))
            return
        email = str(options["email"])
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(NO_PERSON.format(email=email))
        if action == "export":
            out = Path(str(options.get("out") or f"trellis-{email}.zip"))
            out.write_bytes(services.export_archive(user=user))
            self.stdout.write(f"Wrote everything Trellis holds about {email} to {out}")
            return
        if not options["yes"]:
            raise CommandError(NOT_CONFIRMED.format(email=email))
        with transaction.atomic():
            request = ErasureRequest.objects.filter(
                user=user, status=ErasureRequest.Status.PENDING
            ).first() or ErasureRequest.objects.create(
                user=user, pseudonym=services.pseudonym_of(user.email), reason="asked an operator"
            )
            summary = services.person_erase(request=request)
        self.stdout.write(f"Erased {email} (now {request.pseudonym}).")
        for what, count in sorted(summary.items()):
            self.stdout.write(f"  {what}: {count}")

    def purge(self, slug: object) -> None:
        from trellis.accounts.models import Organization

        org = None
        if slug:
            org = Organization.objects.filter(slug=str(slug)).first()
            if org is None:
                raise CommandError(f"--org: no organization {slug}.")
        runs = services.retention_pass(org=org)
        if not runs:
            self.stdout.write("Nothing to remove: no ended engagement is past its retention.")
        for run in runs:
            counts = ", ".join(f"{k}: {v}" for k, v in run.counts.items()) or "no content"
            self.stdout.write(f"{run.org.name}: {run.engagements} engagement(s); {counts}")
