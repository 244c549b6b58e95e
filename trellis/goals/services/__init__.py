"""Writes for goals, actions, check-ins, reviews and stakeholder feedback; each one leaves a revision."""

from trellis.goals.services.actions import (
    action_build,
    action_create,
    action_update,
    check_in_record,
)
from trellis.goals.services.artifacts import goals_from_artifacts
from trellis.goals.services.common import EditConflict, RevisionContext, local_today
from trellis.goals.services.goals import (
    goal_build,
    goal_create,
    goal_feedback_add,
    goal_update,
)
from trellis.goals.services.reviews import ActionDecision, GoalDecision, NewGoal, review_record

__all__ = [
    "ActionDecision",
    "EditConflict",
    "GoalDecision",
    "NewGoal",
    "RevisionContext",
    "action_build",
    "action_create",
    "action_update",
    "check_in_record",
    "goal_build",
    "goal_create",
    "goal_feedback_add",
    "goal_update",
    "goals_from_artifacts",
    "local_today",
    "review_record",
]
