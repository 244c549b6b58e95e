"""Schools in the API: the schools one sees, a school's five-feature hours (its principal, its
coaches, admins), a teacher's hours and activities, recording an activity, the CSV import, and
learning communities (detail, answer an invitation, log a huddle). No operation returns coaching
content: a LearningActivity holds type, kind, date, minutes and the five features only.

Split by topic (schemas, common, schools, teachers, communities, staffing); this module re-exports
the router that trellis/api/api.py mounts."""

# Route order matters: the modules are imported in the order their paths must be tried.
# isort: off
from trellis.schools.api import schools, teachers, communities, staffing  # noqa: F401

# isort: on
from trellis.schools.api.common import router

__all__ = ["router"]
