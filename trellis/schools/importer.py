"""Import schools, teachers (grades, subjects), principals and coaches from a CSV: all or
nothing, in one transaction, every problem naming its line, column and expectation.

Someone the file names who is not a member yet is handled as the people import does
(trellis/accounts/services.py `people_import`): a person with no Trellis account becomes a member
(named by the optional `name` column; a teacher gets the coachee role, a coach the coach role, a
principal the sponsor role) and takes their place at once; a person whose account belongs to other
organizations only is never added silently: they get an invitation naming the organization, and
their place at the school is set when they have joined and the file is imported again.

Schools are made by name when new; a teacher's school, grades and subjects are replaced by the
file's; assignments are added, never removed. Importing the same file again changes nothing."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from trellis.accounts import policy
from trellis.accounts.models import AuditEvent, Invitation, Membership, Organization, User
from trellis.accounts.services import audit_record, invitation_build
from trellis.core.datafiles import MAX_BYTES, shown_lines
from trellis.schools.csvfile import SchoolRow, parse_schools_csv
from trellis.schools.models import School, SchoolAssignment, TeacherProfile

EXPECTED_ACTIVE = "expected an active member of {org} (their membership was ended), found {email}"
ROLE_OF = {"principal": SchoolAssignment.Role.PRINCIPAL, "coach": SchoolAssignment.Role.COACH}
# The role a person the import makes a member (or invites) gets, by their role at the school.
MEMBER_ROLE = {"teacher": "coachee", "coach": "coach", "principal": "sponsor"}


class SchoolImportError(Exception):
    """Nothing was imported; `errors` are the first problems (and a line counting the rest)."""

    def __init__(self, errors: list[str] | tuple[str, ...]):
        self.count = len(errors)
        self.errors = shown_lines(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class SchoolImportReport:
    schools: int
    teachers: int
    assignments: int
    members: int = 0  # people with no account, made members by this import
    invited: int = 0  # people with an account elsewhere, invited (their rows wait for them)

    @property
    def summary(self) -> str:
        parts = [
            ngettext("%(n)s new school", "%(n)s new schools", self.schools),
            ngettext("%(n)s teacher set", "%(n)s teachers set", self.teachers),
            ngettext(
                "%(n)s new principal or coach assignment",
                "%(n)s new principal or coach assignments",
                self.assignments,
            ),
        ]
        counts = [self.schools, self.teachers, self.assignments]
        if self.members:
            parts.append(ngettext("%(n)s new member", "%(n)s new members", self.members))
            counts.append(self.members)
        if self.invited:
            parts.append(
                ngettext(
                    "%(n)s person with an account elsewhere invited "
                    "(import the file again once they joined)",
                    "%(n)s people with an account elsewhere invited "
                    "(import the file again once they joined)",
                    self.invited,
                )
            )
            counts.append(self.invited)
        return ", ".join(part % {"n": n} for part, n in zip(parts, counts, strict=True))


def schools_import(
    *, actor: Membership, data: bytes, source: str = "schools.csv"
) -> SchoolImportReport:
    policy.require(actor, "school.manage")
    org = actor.org
    parsed = parse_schools_csv(data, source, max_bytes=MAX_BYTES)
    errors = list(parsed.errors)
    emails = sorted({row.email for row in parsed.rows})
    members = {
        m.user.email.lower(): m
        for m in Membership.objects.filter(org_id=org.pk, user__email__in=emails).select_related(
            "user"
        )
    }
    for email in set(emails) - set(members):  # an address stored with other capitals
        found = (
            Membership.objects.filter(org_id=org.pk, user__email__iexact=email)
            .select_related("user")
            .first()
        )
        if found is not None:
            members[email] = found
    for row in parsed.rows:
        person = members.get(row.email)
        if person is not None and not person.is_active:
            errors.append(
                f"{source}: line {row.line}, email: "
                + EXPECTED_ACTIVE.format(org=org.name, email=row.email)
            )
    if errors:
        raise SchoolImportError(errors)
    new_schools = teachers = assignments = made_members = 0
    invited: set[str] = set()  # emails whose rows wait for their invitation
    new_invitations = 0
    with transaction.atomic():
        for row in parsed.rows:  # newcomers first: a person may have several rows
            if row.email in members or row.email in invited:
                continue
            account = User.objects.filter(email__iexact=row.email).first()
            if account is None:
                members[row.email] = _member_create(org, row)
                made_members += 1
            else:  # a Trellis life elsewhere: only an invitation, which they accept or ignore
                new_invitations += _invite(org, actor, row)
                invited.add(row.email)
        schools = {s.name.lower(): s for s in School.objects.filter(org_id=org.pk)}
        for row in parsed.rows:
            school = schools.get(row.school.lower())
            if school is None:
                school = School.objects.create(org_id=org.pk, name=row.school, code=row.code)
                schools[row.school.lower()] = school
                new_schools += 1
            elif row.code and school.code != row.code:
                school.code = row.code
                school.save(update_fields=["code"])
            person = members.get(row.email)
            if person is None:
                continue  # invited: their place is set when they joined and the file runs again
            if row.role == "teacher":
                TeacherProfile.objects.update_or_create(
                    membership=person,
                    defaults={
                        "org_id": org.pk,
                        "school": school,
                        "grades": list(row.grades),
                        "subjects": list(row.subjects),
                    },
                )
                teachers += 1
            else:
                _, made = SchoolAssignment.objects.get_or_create(
                    org_id=org.pk, school=school, membership=person, role=ROLE_OF[row.role]
                )
                assignments += made
        if made_members or new_invitations:
            audit_record(
                kind=AuditEvent.Kind.PEOPLE_IMPORTED,
                actor=actor.user,
                org=org,
                created=made_members,
                updated=0,
                invited=new_invitations,
            )
    return SchoolImportReport(
        new_schools, teachers, assignments, members=made_members, invited=new_invitations
    )


def _member_create(org: Organization, row: SchoolRow) -> Membership:
    """A person with no Trellis account: an account with no password (they set one through
    "forgot password", as people imported on the People page do) and a membership."""
    user = User(email=row.email, name=row.name)
    user.set_unusable_password()
    user.save()
    member = Membership(org=org, user=user)
    setattr(member, f"is_{MEMBER_ROLE[row.role]}", True)
    member.save()
    return member


def _invite(org: Organization, actor: Membership, row: SchoolRow) -> bool:
    """Invite an account of other organizations, unless an invitation still waits for them."""
    waiting = Invitation.objects.filter(
        org=org,
        email__iexact=row.email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).exists()
    if waiting:
        return False
    invitation_build(org=org, invited_by=actor.user, email=row.email, roles=[MEMBER_ROLE[row.role]])
    return True
