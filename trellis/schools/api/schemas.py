"""The schools API's request and answer shapes."""

from datetime import date
from enum import StrEnum
from uuid import UUID

from ninja import Field, Schema

from trellis.schools.models import (
    ACTIVE_MODES,
    LearningActivity,
    LearningCommunity,
    SchoolAssignment,
    SchoolSetup,
)

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
        default=None,
        description="How it served active learning: observation, practice, feedback, student_work",
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
