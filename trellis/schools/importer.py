"""Import schools, teachers (grades, subjects), principals and coaches from a CSV: all or
nothing. Everyone named must already be a member of the organization (import people first);
schools are made by name when new; a teacher's school, grades and subjects are replaced by the
file's; assignments are added, never removed. Importing the same file again changes nothing."""

from dataclasses import dataclass

from django.db import transaction

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.datafiles import MAX_BYTES, shown_lines
from trellis.schools.csvfile import parse_schools_csv
from trellis.schools.models import School, SchoolAssignment, TeacherProfile

EXPECTED_MEMBER = "expected a member of {org} (import them on the People page first), found {email}"
ROLE_OF = {"principal": SchoolAssignment.Role.PRINCIPAL, "coach": SchoolAssignment.Role.COACH}


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

    @property
    def summary(self) -> str:
        return (
            f"{self.schools} new school(s), {self.teachers} teacher(s) set, "
            f"{self.assignments} new principal or coach assignment(s)"
        )


def schools_import(
    *, actor: Membership, data: bytes, source: str = "schools.csv"
) -> SchoolImportReport:
    policy.require(actor, "school.manage")
    parsed = parse_schools_csv(data, source, max_bytes=MAX_BYTES)
    errors = list(parsed.errors)
    members = {
        m.user.email.lower(): m
        for m in Membership.objects.filter(org_id=actor.org_id, is_active=True).select_related(
            "user"
        )
    }
    for row in parsed.rows:
        if row.email not in members:
            errors.append(
                f"{source}: line {row.line}, email: "
                + EXPECTED_MEMBER.format(org=actor.org.name, email=row.email)
            )
    if errors:
        raise SchoolImportError(errors)
    new_schools = teachers = assignments = 0
    with transaction.atomic():
        schools = {s.name.lower(): s for s in School.objects.filter(org_id=actor.org_id)}
        for row in parsed.rows:
            school = schools.get(row.school.lower())
            if school is None:
                school = School.objects.create(org_id=actor.org_id, name=row.school, code=row.code)
                schools[row.school.lower()] = school
                new_schools += 1
            elif row.code and school.code != row.code:
                school.code = row.code
                school.save(update_fields=["code"])
            person = members[row.email]
            if row.role == "teacher":
                TeacherProfile.objects.update_or_create(
                    membership=person,
                    defaults={
                        "org_id": actor.org_id,
                        "school": school,
                        "grades": list(row.grades),
                        "subjects": list(row.subjects),
                    },
                )
                teachers += 1
            else:
                _, made = SchoolAssignment.objects.get_or_create(
                    org_id=actor.org_id, school=school, membership=person, role=ROLE_OF[row.role]
                )
                assignments += made
    return SchoolImportReport(new_schools, teachers, assignments)
