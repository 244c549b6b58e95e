"""Sessions on the calendar, availability and bookings, career events and triggers, reminders, feeds,
split by topic; every model is importable from here, as before the split."""

from trellis.scheduling.models.availability import (
    Availability,
    AvailabilityException,
    AvailabilityWindow,
    Booking,
)
from trellis.scheduling.models.events import CareerEvent, TriggerFiring, TriggerRule
from trellis.scheduling.models.reminders import (
    DELIVERY_CHOICES,
    REMINDER_KINDS,
    CalendarFeedToken,
    DispatchTick,
    HomeDigest,
    Reminder,
    ReminderPreference,
    ReminderSettings,
)
from trellis.scheduling.models.sessions import (
    MemberAttendance,
    Outcome,
    ScheduledSession,
    SchedulingSettings,
    SessionKind,
    SessionSeries,
)

__all__ = [
    "DELIVERY_CHOICES",
    "REMINDER_KINDS",
    "Availability",
    "AvailabilityException",
    "AvailabilityWindow",
    "Booking",
    "CalendarFeedToken",
    "CareerEvent",
    "DispatchTick",
    "HomeDigest",
    "MemberAttendance",
    "Outcome",
    "Reminder",
    "ReminderPreference",
    "ReminderSettings",
    "ScheduledSession",
    "SchedulingSettings",
    "SessionKind",
    "SessionSeries",
    "TriggerFiring",
    "TriggerRule",
]
