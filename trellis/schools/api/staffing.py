"""A school's staff (admins): principals and instructional coaches, and adding a teacher."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Query, Status

from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.schools import staff
from trellis.schools.api.common import _school, router
from trellis.schools.api.schemas import (
    SchoolTeacherIn,
    StaffAssignmentIn,
    StaffAssignmentOut,
    TeacherOut,
)
from trellis.schools.api.teachers import teacher_detail
from trellis.schools.models import SchoolAssignment


def _assignment_out(a: SchoolAssignment) -> dict[str, object]:
    return {
        "uuid": a.uuid,
        "role": a.role,
        "member": a.membership.uuid,
        "name": a.membership.user.display_name,
    }


def _org_member(member: Membership, uuid: UUID) -> Membership:
    """The organization's member with this id, or a 400 naming `member`."""
    person = (
        Membership.objects.filter(org_id=member.org_id, uuid=uuid).select_related("user").first()
    )
    if person is None:
        raise ValidationError(
            {
                "member": [
                    gettext("No member of this organization has the id %(id)s.") % {"id": uuid}
                ]
            }
        )
    return person


@router.get(
    "/{uuid}/staff",
    response=page_of(StaffAssignmentOut),
    summary="A school's principals and instructional coaches (admins)",
)
def staff_list(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    school = _school(member, uuid, "school.manage")
    rows = school.assignments.select_related("membership__user").order_by("role", "pk")
    return paginate(rows, page, _assignment_out)


@router.post(
    "/{uuid}/staff",
    response={200: StaffAssignmentOut, 201: StaffAssignmentOut},
    summary="Assign a principal or an instructional coach to a school (admins; again: 200)",
)
def staff_assign(request: HttpRequest, uuid: UUID, payload: StaffAssignmentIn) -> Status[object]:
    member = member_of(request)
    school = _school(member, uuid, "school.manage")
    person = _org_member(member, payload.member)
    assignment, made = staff.staff_assign(
        actor=member, school=school, member=person, role=str(payload.role)
    )
    return Status(201 if made else 200, _assignment_out(assignment))


@router.delete(
    "/{uuid}/staff/{assignment}",
    response={204: None},
    summary="Take a principal's or a coach's assignment to a school back (admins)",
)
def staff_remove(request: HttpRequest, uuid: UUID, assignment: UUID) -> Status[None]:
    member = member_of(request)
    school = _school(member, uuid, "school.manage")
    if not staff.staff_remove(actor=member, school=school, assignment_uuid=str(assignment)):
        raise Http404
    return Status(204, None)


@router.post(
    "/{uuid}/teachers",
    response={200: TeacherOut, 201: TeacherOut},
    summary="Add one teacher to a school with grades and subjects (admins; a teacher elsewhere moves)",
)
def teacher_add(request: HttpRequest, uuid: UUID, payload: SchoolTeacherIn) -> Status[object]:
    member = member_of(request)
    school = _school(member, uuid, "school.manage")
    person = _org_member(member, payload.member)
    profile, made = staff.teacher_add(
        actor=member, school=school, member=person, grades=payload.grades, subjects=payload.subjects
    )
    return Status(201 if made else 200, teacher_detail(request, profile.uuid))
