"""Leadership pages: a leader's own page, competency models, leadership goals, mission and values,
decision records."""

from .decisions import decision_detail, decision_new, decision_revisit, session_mission
from .goals import (
    behaviour_revise,
    experiment_add,
    experiment_conclude,
    goal_detail,
    goal_new,
)
from .pages import (
    mine,
    mission,
    mission_archive,
    model_detail,
    model_import,
    models_list,
)

__all__ = [
    "behaviour_revise",
    "decision_detail",
    "decision_new",
    "decision_revisit",
    "experiment_add",
    "experiment_conclude",
    "goal_detail",
    "goal_new",
    "mine",
    "mission",
    "mission_archive",
    "model_detail",
    "model_import",
    "models_list",
    "session_mission",
]
