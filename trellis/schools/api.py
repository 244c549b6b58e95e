"""Schools in the API: the schools one sees, a school's five-feature hours (its principal, its
coaches, admins), a teacher's hours and activities, recording an activity, the CSV import, and
learning communities (detail, answer an invitation, log a huddle). No operation returns coaching
content: a LearningActivity holds type, kind, date, minutes and the five features only."""

from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.goals.models import Goal
from trellis.schools import importer, plc, selectors, services, staff
from trellis.schools.models import (
    ACTIVE_MODES,
    LearningActivity,
    LearningCommunity,
    School,
    SchoolAssignment,
    SchoolSetup,
    TeacherProfile,
)
from trellis.schools.selectors import Hours

router = Router(tags=["schools"])


# Named enums for the API document: the models' choices are all called `Kind`, and the document
# names an enum by its class, so three of them would share one name.
ActivityKind = StrEnum("ActivityKind", {v: v for v in LearningActivity.Kind.values})  # type: ignore[misc]
ActivityActiveMode = StrEnum("ActivityActiveMode", {v: v for v in ACTIVE_MODES})  # type: ignore[misc]
SetupKind = StrEnum("SetupKind", {v: v for v in SchoolSetup.Kind.values})  # type: ignore[misc]
StaffRole = StrEnum("StaffRole", {v: v for v in SchoolAssignment.Role.values})  # type: ignore[misc]


class SchoolOut(Schema):
    uuid: UUID
    name: str
    code: str


class HoursRowOut(Schema):
    key: str
    label: str
    hours: float


class HoursOut(Schema):
    year_start: date
    year_end: date = Field(description="The first day of the next school year")
    target: float = Field(description="Contact hours a teacher should reach in the year")
    teachers: int
    total: float
    per_teacher: float
    share_of_target: int = Field(description="Per-teacher hours as a percentage of the target")
    by_feature: list[HoursRowOut]
    by_kind: list[HoursRowOut]
    threshold: int = Field(
        default=0, description="A school's anonymity threshold (teachers); 0 for one teacher"
    )
    withheld: bool = Field(
        default=False,
        description="A school with fewer teachers than the threshold: no figure at all",
    )
    hidden: list[str] = Field(
        default=[],
        description="Features and kinds withheld: served by fewer teachers than the threshold",
    )


class TeacherOut(Schema):
    uuid: UUID
    name: str
    school: UUID
    grades: list[str]
    subjects: list[str]


class ActivityOut(Schema):
    uuid: UUID
    type: str
    kind: str
    on: date
    minutes: int
    title: str
    features: list[str]
    subject: str
    standard: str
    goal: UUID | None
    active_mode: str


class ActivityIn(Schema):
    type: LearningActivity.Type
    kind: ActivityKind
    on: date
    minutes: int = Field(ge=1, le=1440)
    title: str = Field(default="", max_length=150)
    features: list[str] = Field(
        default=[], description="Any of content, active, coherence, sustained, collective"
    )
    subject: str = Field(default="", max_length=80)
    standard: str = Field(default="", max_length=200)
    goal: UUID | None = Field(default=None, description="The school or district goal it serves")
    active_mode: ActivityActiveMode | None = Field(
        default=None, description="How it served active learning: observation, practice, feedback"
    )


class ImportIn(Schema):
    csv: str = Field(description="The CSV text: email, school, role, grades, subjects, code, name")
    source: str = Field(default="schools.csv", max_length=100)


class SchoolImportOut(Schema):
    schools: int
    teachers: int
    assignments: int
    members: int = Field(description="People with no account, made members by the import")
    invited: int = Field(description="People with an account elsewhere, invited to join")


class CommunityOut(Schema):
    uuid: UUID
    name: str
    school: UUID
    focus: str
    grade: str
    subject: str
    members: list[dict[str, str]] = Field(description="name and status of each place")
    goals: list[str]
    huddles: int


class RespondIn(Schema):
    accept: bool


class HuddleIn(Schema):
    on: date
    minutes: int = Field(ge=1, le=1440)
    present: list[UUID] = Field(description="Membership ids of the members present")
    focus: str = Field(default="", max_length=200)
    standard: str = Field(default="", max_length=200)
    protocol: str = Field(
        default="looking-at-student-work",
        max_length=60,
        description="The protocol framework: looking-at-student-work or tuning-a-lesson",
    )


class HuddleOut(Schema):
    uuid: UUID
    on: date
    minutes: int
    protocol: str
    present: int


def _hours_out(hours: Hours) -> dict[str, Any]:
    return {
        "year_start": hours.year_start,
        "year_end": hours.year_end,
        "target": hours.target,
        "teachers": hours.teachers,
        "total": hours.total,
        "per_teacher": hours.per_teacher,
        "share_of_target": hours.share_of_target,
        "by_feature": [{"key": k, "label": str(lb), "hours": h} for k, lb, h in hours.by_feature],
        "by_kind": [{"key": k, "label": str(lb), "hours": h} for k, lb, h in hours.by_kind],
        "threshold": hours.threshold,
        "withheld": hours.withheld,
        "hidden": hours.hidden,
    }


def _activity_out(a: LearningActivity) -> dict[str, Any]:
    return {
        "uuid": a.uuid,
        "type": a.type,
        "kind": a.kind,
        "on": a.on,
        "minutes": a.minutes,
        "title": a.title,
        "features": a.features,
        "subject": a.subject,
        "standard": a.standard,
        "goal": a.goal.uuid if a.goal else None,
        "active_mode": a.active_mode,
    }


def _school(member: Membership, uuid: UUID, action: str) -> School:
    school = selectors.school_get(member=member, uuid=str(uuid))
    if school is None:
        raise Http404
    policy.require(member, action, school)
    return school


def _teacher(member: Membership, uuid: UUID) -> TeacherProfile:
    profile = selectors.teacher_get(member=member, uuid=str(uuid))
    if profile is None:
        raise Http404
    policy.require(member, "teacher.view", profile)
    return profile


def _community(member: Membership, uuid: UUID, action: str) -> LearningCommunity:
    found = (
        LearningCommunity.objects.filter(org_id=member.org_id, uuid=uuid)
        .select_related("school")
        .first()
    )
    if found is None:
        raise Http404
    policy.require(member, action, found)
    return found


@router.get(
    "", response=page_of(SchoolOut), summary="Schools you lead, coach at or teach at (all: admins)"
)
def school_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "school.list")
    return paginate(
        selectors.schools_for(member=member),
        page,
        lambda s: {"uuid": s.uuid, "name": s.name, "code": s.code},
    )


@router.post(
    "/import",
    response={201: SchoolImportOut},
    summary="Import schools, teachers, principals and coaches from CSV (all or nothing)",
)
def school_import(request: HttpRequest, payload: ImportIn) -> Status[object]:
    member = member_of(request)
    try:
        report = importer.schools_import(
            actor=member, data=payload.csv.encode(), source=payload.source
        )
    except importer.SchoolImportError as exc:
        raise ValidationError({"csv": exc.errors}) from None
    return Status(201, report.__dict__)


@router.get(
    "/{uuid}/hours",
    response=HoursOut,
    summary="A school's hours this school year by feature and kind (its principals and admins; "
    "withheld below the anonymity threshold)",
)
def school_hours(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    school = _school(member, uuid, "school.aggregates")
    return _hours_out(selectors.school_hours(school))


@router.get(
    "/teachers/{uuid}", response=TeacherOut, summary="A teacher: school, grades and subjects"
)
def teacher_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    profile = _teacher(member_of(request), uuid)
    return {
        "uuid": profile.uuid,
        "name": profile.membership.user.display_name,
        "school": profile.school.uuid,
        "grades": profile.grades,
        "subjects": profile.subjects,
    }


@router.get(
    "/teachers/{uuid}/hours",
    response=HoursOut,
    summary="A teacher's professional-learning hours this school year, by feature and by kind",
)
def teacher_hours(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    profile = _teacher(member_of(request), uuid)
    return _hours_out(selectors.teacher_hours(profile))


@router.get(
    "/teachers/{uuid}/activities",
    response=page_of(ActivityOut),
    summary="A teacher's professional-learning activities, newest first (no coaching content)",
)
def activity_list(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    profile = _teacher(member_of(request), uuid)
    return paginate(selectors.activities_of(profile), page, _activity_out)


@router.post(
    "/teachers/{uuid}/activities",
    response={201: ActivityOut},
    summary="Record a professional-learning activity (the teacher, a coach or an admin)",
)
def activity_add(request: HttpRequest, uuid: UUID, payload: ActivityIn) -> Status[object]:
    member = member_of(request)
    profile = _teacher(member, uuid)
    goal = None
    if payload.goal is not None:
        goal = Goal.objects.filter(org_id=member.org_id, uuid=payload.goal).first()
        if goal is None:
            raise ValidationError(
                {
                    "goal": [
                        gettext("No goal of this organization has the id %(id)s.")
                        % {"id": payload.goal}
                    ]
                }
            )
    row = services.record_activity(
        actor=member,
        teacher=profile.membership,
        kind=payload.kind,
        activity_type=payload.type,
        on=payload.on,
        minutes=payload.minutes,
        features=payload.features,
        subject=payload.subject,
        standard=payload.standard,
        active_mode=payload.active_mode or "",
        goal=goal,
        title=payload.title,
    )
    return Status(201, _activity_out(row))


@router.get(
    "/communities/{uuid}",
    response=CommunityOut,
    summary="A learning community: its members and their answers, shared goals, huddle count",
)
def community_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    found = _community(member_of(request), uuid, "plc.view")
    places = found.members.select_related("membership__user")
    return {
        "uuid": found.uuid,
        "name": found.name,
        "school": found.school.uuid,
        "focus": found.focus,
        "grade": found.grade,
        "subject": found.subject,
        "members": [{"name": p.membership.user.display_name, "status": p.status} for p in places],
        "goals": [g.title for g in found.goals.all()],
        "huddles": found.huddles.count(),
    }


@router.post(
    "/communities/{uuid}/respond",
    response={200: None},
    summary="Accept or decline your invitation to a learning community (or leave it)",
)
def community_respond(request: HttpRequest, uuid: UUID, payload: RespondIn) -> Status[None]:
    member = member_of(request)
    found = _community(member, uuid, "plc.respond")
    plc.community_respond(actor=member, community=found, accept=payload.accept)
    return Status(200, None)


@router.post(
    "/communities/{uuid}/huddles",
    response={201: HuddleOut},
    summary="Log a huddle: every member present gets a collective-participation activity",
)
def huddle_log(request: HttpRequest, uuid: UUID, payload: HuddleIn) -> Status[object]:
    member = member_of(request)
    found = _community(member, uuid, "plc.huddle.log")
    members = {m.uuid: m for m in plc.accepted_members(found)}
    unknown = [str(u) for u in payload.present if u not in members]
    if unknown:
        raise ValidationError(
            {
                "present": [
                    gettext("Not an accepted member of this community: %(ids)s.")
                    % {"ids": ", ".join(unknown)}
                ]
            }
        )
    huddle = plc.huddle_log(
        actor=member,
        community=found,
        on=payload.on,
        minutes=payload.minutes,
        present=[members[u] for u in payload.present],
        protocol=payload.protocol,
        focus=payload.focus,
        standard=payload.standard,
    )
    return Status(
        201,
        {
            "uuid": huddle.uuid,
            "on": huddle.on,
            "minutes": huddle.minutes,
            "protocol": huddle.protocol,
            "present": len(payload.present),
        },
    )


class SetupIO(Schema):
    kind: SetupKind
    hours_target: int = Field(ge=1, le=500)
    year_starts_month: int = Field(ge=1, le=12)


class CommunityIn(Schema):
    name: str = Field(max_length=150, min_length=1)
    focus: LearningCommunity.Focus
    grade: str = Field(default="", max_length=20)
    subject: str = Field(default="", max_length=80)
    invite: list[UUID] = Field(default=[], description="Membership ids of the school's teachers")


class CommunityGoalIn(Schema):
    title: str = Field(max_length=200, min_length=1)
    parent: UUID = Field(description="The school's (organization) goal it sits under")


class SchoolGoalOut(Schema):
    uuid: UUID
    title: str
    parent: UUID


def _setup_out(setup: SchoolSetup) -> dict[str, object]:
    return {
        "kind": setup.kind,
        "hours_target": setup.hours_target,
        "year_starts_month": setup.year_starts_month,
    }


@router.get("/settings", response=SetupIO, summary="School or district, hours target, year start")
def settings_get(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "school.manage")
    return _setup_out(selectors.setup_of(member.org_id))


@router.put("/settings", response=SetupIO, summary="Change the schools settings (admins)")
def settings_put(request: HttpRequest, payload: SetupIO) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "school.manage")
    setup, _ = SchoolSetup.objects.update_or_create(
        org_id=member.org_id,
        defaults={
            "kind": payload.kind,
            "hours_target": payload.hours_target,
            "year_starts_month": payload.year_starts_month,
        },
    )
    return _setup_out(setup)


@router.post(
    "/{uuid}/communities",
    response={201: CommunityOut},
    summary="Make a learning community at the school and invite its teachers",
)
def community_create(request: HttpRequest, uuid: UUID, payload: CommunityIn) -> Status[object]:
    member = member_of(request)
    school = _school(member, uuid, "plc.create")
    teachers = {t.membership.uuid: t.membership for t in selectors.teachers_of(school)}
    unknown = [str(u) for u in payload.invite if u not in teachers]
    if unknown:
        raise ValidationError(
            {
                "invite": [
                    gettext("Not a teacher at %(school)s: %(ids)s.")
                    % {"school": school.name, "ids": ", ".join(unknown)}
                ]
            }
        )
    community = plc.community_create(
        actor=member,
        school=school,
        name=payload.name,
        focus=payload.focus,
        grade=payload.grade,
        subject=payload.subject,
        invite=[teachers[u] for u in payload.invite],
    )
    return Status(201, community_detail(request, community.uuid))


@router.post(
    "/communities/{uuid}/goals",
    response={201: SchoolGoalOut},
    summary="Add a shared goal to a learning community, under one of the school's goals",
)
def community_goal(request: HttpRequest, uuid: UUID, payload: CommunityGoalIn) -> Status[object]:
    member = member_of(request)
    found = _community(member, uuid, "plc.manage")
    parent = selectors.school_goals(member.org_id).filter(uuid=payload.parent).first()
    if parent is None:
        raise ValidationError(
            {"parent": [gettext("No school goal has the id %(id)s.") % {"id": payload.parent}]}
        )
    goal = plc.community_goal_add(actor=member, community=found, title=payload.title, parent=parent)
    return Status(201, {"uuid": goal.uuid, "title": goal.title, "parent": parent.uuid})


class StaffAssignmentIn(Schema):
    role: StaffRole = Field(description="principal or coach (an instructional coach)")
    member: UUID = Field(description="The membership id of a member of this organization")


class StaffAssignmentOut(Schema):
    uuid: UUID
    role: str
    member: UUID
    name: str


class SchoolTeacherIn(Schema):
    member: UUID = Field(description="The membership id of a member of this organization")
    grades: list[str] = Field(default=[], description="PK, K or 1 to 12", max_length=15)
    subjects: list[str] = Field(default=[], max_length=15)


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
