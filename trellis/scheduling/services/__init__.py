"""Writes for scheduling, split by topic: sessions, bookings, events and triggers, reminders, feeds."""

from trellis.scheduling.services.attendance import (
    attendance_record,
    attendance_session_open,
    group_attendance_record,
)
from trellis.scheduling.services.bookings import (
    availability_exception_add,
    availability_exception_remove,
    availability_save,
    availability_set,
    availability_window_add,
    availability_window_remove,
    free_slots,
    slot_book,
)
from trellis.scheduling.services.changes import (
    cadence_set,
    occurrence_cancel,
    occurrence_reschedule,
)
from trellis.scheduling.services.events import (
    EventImportError,
    career_event_delete,
    career_event_log,
    career_event_update,
    career_events_import,
)
from trellis.scheduling.services.feeds import (
    feed_build,
    feed_render,
    feed_token_check,
    feed_token_create,
    feed_token_revoke,
    feed_url,
)
from trellis.scheduling.services.reminders import preferences_save, reminder_pass
from trellis.scheduling.services.sessions import scheduling_settings_save, session_schedule
from trellis.scheduling.services.triggers import (
    event_session_start,
    trigger_rule_create,
    trigger_rule_delete,
)

__all__ = [
    "EventImportError",
    "attendance_record",
    "attendance_session_open",
    "availability_exception_add",
    "availability_exception_remove",
    "availability_save",
    "availability_set",
    "availability_window_add",
    "availability_window_remove",
    "cadence_set",
    "career_event_delete",
    "career_event_log",
    "career_event_update",
    "career_events_import",
    "event_session_start",
    "feed_build",
    "feed_render",
    "feed_token_check",
    "feed_token_create",
    "feed_token_revoke",
    "feed_url",
    "free_slots",
    "group_attendance_record",
    "occurrence_cancel",
    "occurrence_reschedule",
    "preferences_save",
    "reminder_pass",
    "scheduling_settings_save",
    "session_schedule",
    "slot_book",
    "trigger_rule_create",
    "trigger_rule_delete",
]
