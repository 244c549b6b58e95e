"""Pages: calendar (week and agenda), a coach's schedule, sessions of an engagement, one session,
availability and booking, career events and trigger rules, reminder settings and the feed.

Split by topic; urls.py mounts what this module re-exports."""

from trellis.scheduling.views.availability import (
    availability,
    book,
    book_slot,
    exception_add,
    exception_remove,
    window_add,
    window_remove,
)
from trellis.scheduling.views.calendar import calendar, schedule
from trellis.scheduling.views.events import (
    event,
    event_delete,
    event_session,
    events,
    events_import,
    scheduling_settings,
    trigger_delete,
    triggers,
)
from trellis.scheduling.views.reminders import feed, feed_create, feed_revoke, reminders
from trellis.scheduling.views.sessions import (
    cadence,
    engagement_sessions,
    session,
    session_cancel,
    session_reschedule,
)

__all__ = [
    "availability",
    "book",
    "book_slot",
    "cadence",
    "calendar",
    "engagement_sessions",
    "event",
    "event_delete",
    "event_session",
    "events",
    "events_import",
    "exception_add",
    "exception_remove",
    "feed",
    "feed_create",
    "feed_revoke",
    "reminders",
    "schedule",
    "scheduling_settings",
    "session",
    "session_cancel",
    "session_reschedule",
    "trigger_delete",
    "triggers",
    "window_add",
    "window_remove",
]
