"""`trellis create-org`: the first organization and its admin, then the link to set a password."""

from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from trellis.accounts import services

OPTION_OF_FIELD = {"name": "--name", "slug": "--slug", "email": "--admin-email"}


class Command(BaseCommand):
    help = "Create an organization and its first admin, and print how that admin signs in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="the organization's name")
        parser.add_argument("--admin-email", required=True, help="the first admin's email address")
        parser.add_argument("--admin-name", default="", help="the first admin's full name")
        parser.add_argument(
            "--slug", default="", help="the address part /o/SLUG/ (default: from the name)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            org, user = services.organization_create_with_admin(
                name=options["name"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
                slug=options["slug"],
            )
        except ValidationError as exc:
            raise CommandError(describe(exc)) from None
        site = settings.SITE_URL
        self.stdout.write(f"Created {org.name} ({site}/o/{org.slug}/) with admin {user.email}.")
        if user.has_usable_password():
            self.stdout.write(f"Next: {user.email} signs in at {site}{reverse('account_login')}")
            return
        key = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
        self.stdout.write(
            f"Next: {user.email} opens this link to choose a password (valid "
            f"{settings.PASSWORD_RESET_TIMEOUT // 86400} days), signs in, and invites people "
            f"from Invitations:\n  {site}{key}"
        )


def describe(exc: ValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    return "; ".join(
        f"{OPTION_OF_FIELD.get(field, field)}: {' '.join(e.messages)}"
        for field, errors in exc.error_dict.items()
        for e in errors
    )
