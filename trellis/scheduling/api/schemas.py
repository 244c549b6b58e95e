"""The scheduling API's request and answer shapes."""

from datetime import date, datetime, time
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from trellis.api.fields import Day, LocalTime, Moment


class CalendarPersonOut(Schema):
    id: UUID
    name: str


class MemberMarkOut(Schema):
    member_id: UUID
    name: str
    mark: Literal["held", "no_show", "late_cancellation"]


class CalendarSessionOut(Schema):
    id: UUID
    series_id: UUID
    engagement_id: UUID
    kind: str
    title: str | None = Field(description="Only for the coach and the coachee.")
    start: datetime
    end: datetime
    status: str
    moved: bool
    late_cancellation: bool
    reason: str | None = Field(description="Why it was moved or cancelled (coach and coachee).")
    coach: CalendarPersonOut
    coachee: CalendarPersonOut
    attendance: str = Field(
        "",
        description="held, no_show_coachee, no_show_coach, late_cancellation, cancelled; "
        "to_log once past and not logged; upcoming before its start.",
    )
    member_attendance: list[MemberMarkOut] | None = Field(
        None,
        description="A team or group session, in GET /scheduling/sessions/{id} only: each "
        "member's mark as the caller may read it (a coach and an admin: everyone's; a member: "
        "their own; a sponsor: their coachee's, the members who report to them). Null elsewhere.",
    )


class MembersPresentIn(Schema):
    present: list[UUID] = Field(
        default_factory=list,
        description="The accepted members (membership ids) who attended; every other member is a no-show.",
        max_length=1000,
    )
    late_cancelled: list[UUID] = Field(
        default_factory=list,
        description="The accepted members (membership ids) who cancelled late; never also in present.",
        max_length=1000,
    )


class MemberMarksOut(Schema):
    outcome: str
    marks: list[MemberMarkOut]


class OutcomeIn(Schema):
    outcome: Literal["held", "no_show_coachee", "no_show_coach", "late_cancellation", "cancelled"]


class SeriesOut(Schema):
    id: UUID
    engagement_id: UUID
    kind: str
    title: str
    timezone: str
    starts_at: datetime
    duration_minutes: int
    repeat: str
    until: date | None
    count: int | None
    sequence: int
    cancelled: bool
    sessions: list[CalendarSessionOut]


class ScheduleIn(Schema):
    start: Moment = Field(description="The first session, with its UTC offset.")
    duration_minutes: int = 60
    timezone: str = Field("", description="The organizer's zone; yours when empty.")
    repeat: Literal["", "weekly", "fortnightly", "monthly"] = ""
    until: Day | None = None
    count: int | None = None
    title: str = ""
    location: str = ""


class CancelIn(Schema):
    reason: str
    following: bool = Field(False, description="Also cancel every later session of the series.")


class RescheduleIn(Schema):
    start: Moment
    reason: str
    duration_minutes: int | None = None
    following: bool = Field(False, description="Move every later session of the series too.")


class CadenceIn(Schema):
    every_weeks: int
    first: Moment
    duration_minutes: int = 45


class WindowIO(Schema):
    weekday: int = Field(description="0 is Monday, 6 is Sunday.")
    start: LocalTime
    end: LocalTime


class AvailabilityIO(Schema):
    timezone: str
    slot_minutes: int = 60
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 15
    notice_hours: int = 24
    windows: list[WindowIO] = []


class ExceptionIn(Schema):
    kind: Literal["blocked", "extra"] = "blocked"
    start: Moment
    end: Moment
    note: str = ""


class ExceptionOut(ExceptionIn):
    id: UUID


class SlotOut(Schema):
    start: datetime
    end: datetime


class BookingIn(Schema):
    start: Moment


class BookingOut(Schema):
    id: UUID
    start: datetime
    end: datetime
    session: CalendarSessionOut


class EventIn(Schema):
    coachee_id: UUID
    type: Literal[
        "performance_review",
        "promotion_decision",
        "role_change",
        "new_project",
        "job_interview",
        "offer",
        "setback",
        "custom",
    ]
    date: Day
    title: str = ""
    notes: str = ""
    custom_type: str = ""


class FiringOut(Schema):
    id: UUID
    framework_key: str
    by_rule: bool
    coaching_session_id: UUID | None
    error: str


class EventOut(Schema):
    id: UUID
    coachee: CalendarPersonOut
    type: str
    label: str
    date: date
    title: str | None = Field(description="Only for the coachee and their coach.")
    notes: str | None = Field(description="Only for the coachee and their coach.")
    source: str
    sessions: list[FiringOut]


class EventImportIn(Schema):
    csv: str = Field(description="email, type, date, title, notes; all rows or none are imported.")


class EventSessionIn(Schema):
    framework_key: str = "tgrow"
    style: Literal["non-directive", "dialogical", "directive"] = "non-directive"


class TriggerIO(Schema):
    event_type: str
    when: Literal["on_log", "before", "after"] = "on_log"
    days: int = 0
    framework_key: str = "tgrow"
    style: Literal["non-directive", "dialogical", "directive"] = "non-directive"
    notify_coachee: bool = True
    notify_coach: bool = True
    notify_sponsor: bool = False


class TriggerOut(TriggerIO):
    id: UUID


class PreferencesIO(Schema):
    delivery: dict[str, Literal["immediately", "digest", "off"]] = Field(
        description="Per kind: session, action_due_soon, action_overdue, log_session, review_due, event_preparation."
    )
    quiet_start: LocalTime | None = None
    quiet_end: LocalTime | None = None
    digest_time: LocalTime = time(7, 30)


class FeedOut(Schema):
    url: str | None
