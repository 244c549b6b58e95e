"""The scheduling API: calendars, scheduled sessions and series, availability and bookings, career
events and trigger rules, reminder preferences and the private feed. Times are ISO 8601 with an
offset; answers are in UTC."""

# Route order matters: the modules are imported in the order their paths must be tried.
# isort: off
from trellis.scheduling.api import sessions, availability, events, reminders  # noqa: F401

# isort: on
from trellis.scheduling.api.common import router

__all__ = ["router"]
