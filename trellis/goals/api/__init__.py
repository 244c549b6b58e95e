"""Goals, actions, check-ins, reviews and revision history under /api/v1/goals, with the same
access rules as the pages. A save based on an old `version` answers 409 and changes nothing."""

# Route order matters: the modules are imported in the order their paths must be tried.
# isort: off
from trellis.goals.api import goals, plans, actions, reviews, one_goal  # noqa: F401

# isort: on
from trellis.goals.api.common import router

__all__ = ["router"]
