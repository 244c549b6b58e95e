"""Who works at a school, set by an organization's admin one person at a time: assign a principal
or an instructional coach (a coach may be assigned to several schools), take an assignment back,
and add one teacher (their grades and subjects). Each write is one transaction; bad input raises
ValidationError naming the field. The CSV import (importer.py) does the same for many people."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.datafiles import DataFileError
from trellis.schools import csvfile
from trellis.schools.models import School, SchoolAssignment, TeacherProfile

OTHER_ORG = _("Choose a member of this organization.")
INACTIVE = _("This member is no longer active in the organization.")
BAD_ROLE = _("Choose principal or coach.")
ROLES = {"principal": SchoolAssignment.Role.PRINCIPAL, "coach": SchoolAssignment.Role.COACH}


def _list_check(check: Any, values: Iterable[str] | str, field: str) -> list[str]:
    """Grades or subjects through the CSV's own checks, so the page, the API and the file agree."""
    text = values if isinstance(values, str) else ";".join(values)
    try:
        return list(check(text))
    except (DataFileError, ValueError) as exc:
        context = getattr(exc, "context", None) or {}
        what = context.get("expected") or str(exc)
        found = context.get("found")
        message = f"Expected {what}" + (f", found {found}" if found else "") + "."
        raise ValidationError({field: [message]}) from None


def clean_grades(values: Iterable[str] | str) -> list[str]:
    return _list_check(csvfile._grades, values, "grades")


def clean_subjects(values: Iterable[str] | str) -> list[str]:
    return _list_check(csvfile._subjects, values, "subjects")


def _member_check(school: School, member: Membership | None, field: str) -> Membership:
    if member is None or member.org_id != school.org_id:
        raise ValidationError({field: [OTHER_ORG]})
    if not member.is_active:
        raise ValidationError({field: [INACTIVE]})
    return member


@transaction.atomic
def staff_assign(
    *, actor: Membership, school: School, member: Membership | None, role: str
) -> tuple[SchoolAssignment, bool]:
    """Make `member` a principal or an instructional coach of `school` (admins: school.manage).
    Assigning again changes nothing. Returns the assignment and whether it is new."""
    policy.require(actor, "school.manage")
    if role not in ROLES:
        raise ValidationError({"role": [BAD_ROLE]})
    person = _member_check(school, member, "member")
    assignment, made = SchoolAssignment.objects.get_or_create(
        org_id=school.org_id, school=school, membership=person, role=ROLES[role]
    )
    return assignment, made


@transaction.atomic
def staff_remove(*, actor: Membership, school: School, assignment_uuid: str) -> int:
    """Take a principal's or a coach's assignment to `school` back. Returns how many went (0/1)."""
    policy.require(actor, "school.manage")
    try:
        rows = SchoolAssignment.objects.filter(school=school, uuid=assignment_uuid)
        return rows.delete()[0]
    except (ValueError, ValidationError):
        raise ValidationError({"assignment": [_("Not an assignment of this school.")]}) from None


@transaction.atomic
def teacher_add(
    *,
    actor: Membership,
    school: School,
    member: Membership | None,
    grades: Iterable[str] | str = (),
    subjects: Iterable[str] | str = (),
) -> tuple[TeacherProfile, bool]:
    """Make `member` a teacher at `school` with these grades and subjects (a teacher teaches at
    one school: a teacher of another school moves here). Returns the profile and whether it is
    new."""
    policy.require(actor, "school.manage")
    errors: dict[str, list[str]] = {}
    checked: dict[str, list[str]] = {}
    for field, check, values in (
        ("member", None, None),
        ("grades", clean_grades, grades),
        ("subjects", clean_subjects, subjects),
    ):
        try:
            if check is None:
                _member_check(school, member, "member")
            else:
                checked[field] = check(values)  # type: ignore[arg-type]
        except ValidationError as exc:
            errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    assert member is not None
    profile, made = TeacherProfile.objects.update_or_create(
        membership=member,
        defaults={
            "org_id": school.org_id,
            "school": school,
            "grades": checked["grades"],
            "subjects": checked["subjects"],
        },
    )
    return profile, made


def candidates(school: School) -> list[Membership]:
    """The organization's active members, by name: whom an admin may assign or add."""
    return list(
        Membership.objects.filter(org_id=school.org_id, is_active=True)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
