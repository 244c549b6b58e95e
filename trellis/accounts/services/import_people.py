"""The people import: a CSV of people becomes members, invitations, managers and teams, all or
nothing."""

import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import AuditEvent, Invitation, Membership, Organization, Team, User
from trellis.accounts.services.common import audit_record
from trellis.accounts.services.invitations import invitation_build
from trellis.accounts.units import one_unit
from trellis.core.datafiles import shown_lines
from trellis.core.people_csv import PersonRow, parse_people_csv

UNKNOWN_MANAGER = _(
    "{source}: line {line}, manager_email: expected someone in this file or a member of {org}, "
    "found {value}"
)


class PeopleImportError(Exception):
    """Nothing was imported. `errors` shows at most the first 100 problems and a line counting
    the rest; `count` is how many there are."""

    def __init__(self, errors: list[str] | tuple[str, ...]):
        self.count = len(errors)
        self.errors = shown_lines(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int
    invited: int = 0  # people who already have a Trellis account elsewhere: invited, not added
    deactivated: int = 0  # `active` no: offboarded as an admin's deactivation
    reactivated: int = 0  # `active` yes for someone deactivated

    @property
    def summary(self) -> str:
        text = gettext("%(created)s added, %(updated)s updated, %(unchanged)s unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.invited:
            text += ", " + gettext("%(invited)s invited to join (they already have an account)") % {
                "invited": self.invited
            }
        if self.deactivated:
            text += ", " + gettext("%(n)s deactivated") % {"n": self.deactivated}
        if self.reactivated:
            text += ", " + gettext("%(n)s reactivated") % {"n": self.reactivated}
        return text


def people_import(
    *,
    org: Organization,
    actor: User | None,
    data: bytes | str,
    source: str = "people.csv",
    max_bytes: int | None = None,
) -> ImportReport:
    """Import people from CSV. All or nothing: any bad row means nothing is written.

    Roles are added, never removed, so a partial file cannot demote anyone. An empty cell leaves
    the field as it is (a manager or a team is removed on the person's page, never by a blank).
    Someone who already has a Trellis account and is not in this organization is never added
    silently: they get an invitation naming the organization, which they accept or ignore.
    """
    from trellis.privacy import offboarding  # leaving is the admins' offboarding (a layer above)

    limit = settings.TRELLIS_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    parsed = parse_people_csv(data, source, max_bytes=limit)
    errors = list(parsed.errors)
    acting = (
        Membership.objects.filter(org=org, user=actor, is_active=True, is_admin=True).first()
        if actor is not None
        else None
    )
    leavers, leaving_problems = offboarding.import_leavers(
        org=org, actor=acting, rows=parsed.rows, source=source
    )
    errors.extend(leaving_problems)
    in_file = {row.email for row in parsed.rows}
    existing_members = set(
        Membership.objects.filter(org=org).values_list("user__email", flat=True).iterator()
    )
    existing_members = {email.lower() for email in existing_members}
    for row in parsed.rows:
        if row.manager_email and row.manager_email not in in_file | existing_members:
            errors.append(
                UNKNOWN_MANAGER.format(
                    source=source, line=row.line, value=row.manager_email, org=org.name
                )
            )
    if errors:
        raise PeopleImportError(sorted(errors, key=_line_of))

    outsiders = _accounts_outside(org, [row.email for row in parsed.rows])
    with one_unit():  # the departures too: a refused hand-over leaves everything as it was
        members: dict[str, Membership] = {}
        states: dict[str, str] = {}
        for row in parsed.rows:
            if row.active is False:  # someone leaving is never added nor invited
                states[row.email] = "unchanged"
                continue
            if row.email in outsiders:
                states[row.email] = _invite_person(org, actor, row)
                continue
            members[row.email], states[row.email] = _import_person(org, row)
        for row in parsed.rows:  # managers second: they may appear later in the file
            member = members.get(row.email)
            if member is None or not row.manager_email:
                continue  # invited (not a member yet), or no manager given: left as it is
            manager = (
                members.get(row.manager_email)
                or Membership.objects.filter(org=org, user__email__iexact=row.manager_email).first()
            )
            if manager is None:
                continue  # the manager was invited: set once they joined and the file is re-run
            if member.manager_id != manager.pk:
                member.manager = manager
                member.save(update_fields=["manager"])
                if states[row.email] == "unchanged":
                    states[row.email] = "updated"
        returned = offboarding.import_returners(org=org, rows=parsed.rows)
        counts = Counter(states.values())
        report = ImportReport(
            created=counts["created"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            invited=counts["invited"],
            deactivated=len(leavers),
            reactivated=returned,
        )
        if report.created or report.updated or report.invited or returned or leavers:
            audit_record(
                kind=AuditEvent.Kind.PEOPLE_IMPORTED,
                actor=actor,
                org=org,
                created=report.created,
                updated=report.updated,
                invited=report.invited,
                deactivated=report.deactivated,
                reactivated=report.reactivated,
            )
        if leavers and acting is not None:
            try:
                offboarding.import_leave(org=org, actor=acting, leavers=leavers, source=source)
            except ValidationError as exc:  # raised out of the unit: nothing of the file stays
                raise PeopleImportError([f"{source}: {'; '.join(exc.messages)}"]) from exc
    return report


def _line_of(error: str) -> int:
    match = re.search(r": line (\d+)", error)
    return int(match.group(1)) if match else 0


def _accounts_outside(org: Organization, emails: list[str]) -> set[str]:
    """The file's emails (lower case) that belong to an existing account with no membership in
    the organization: people with a Trellis life elsewhere, whom an import may only invite."""
    lowered = {email.lower() for email in emails}
    accounts = {
        email.lower()
        for email in User.objects.filter(email__in=emails).values_list("email", flat=True)
    }
    for email in lowered - accounts:  # exact lookups first, then case-insensitive for the rest
        if User.objects.filter(email__iexact=email).exists():
            accounts.add(email)
    members = {
        email.lower()
        for email in Membership.objects.filter(
            org=org, user__email__in=[e for e in emails if e.lower() in accounts]
        ).values_list("user__email", flat=True)
    }
    for email in accounts - members:
        if Membership.objects.filter(org=org, user__email__iexact=email).exists():
            members.add(email)
    return {email for email in emails if email.lower() in accounts - members}


def _invite_person(org: Organization, actor: User | None, row: PersonRow) -> str:
    """Invite an existing account to join: "invited", or "unchanged" when an invitation from this
    organization is still waiting for them."""
    waiting = Invitation.objects.filter(
        org=org,
        email__iexact=row.email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).exists()
    if waiting:
        return "unchanged"
    invitation_build(org=org, invited_by=actor, email=row.email, roles=list(row.roles))
    return "invited"


def _import_person(org: Organization, row: PersonRow) -> tuple[Membership, str]:
    user = User.objects.filter(email__iexact=row.email).first()
    if user is None:
        user = User(email=row.email, name=row.name, time_zone=row.time_zone)
        user.set_unusable_password()  # they set one through "forgot password" or an invitation
        user.save()
    elif not user.name:
        user.name = row.name
        user.save(update_fields=["name"])
    team = Team.objects.get_or_create(org=org, name=row.team)[0] if row.team else None
    member, made = Membership.objects.get_or_create(org=org, user=user, defaults={"team": team})
    changed = made
    for role in row.roles:
        if not member.has_role(role):
            setattr(member, f"is_{role}", True)
            changed = True
    if team and member.team_id != team.pk:
        member.team = team
        changed = True
    attributes = {**member.attributes, **dict(row.attributes)}  # a blank cell changes nothing
    if attributes != member.attributes:
        member.attributes = attributes
        changed = True
    if changed:
        member.save()
    return member, "created" if made else ("updated" if changed else "unchanged")
