"""Writes for instructional coaching, each in one durable transaction: cycles (start, identify,
goal, learn, stage, evidence, share), visits (each recorded as the teacher's professional learning
through trellis/schools) with notes, ratings and tallies, and rubric imports."""

from .cycles import (
    CHECKLIST_ITEMS,
    NEEDS_GOAL,
    NEEDS_STRATEGY,
    NOT_INSTRUCTIONAL,
    NOT_RUNNING,
    SHARE_SELF,
    check_add,
    cycle_advance,
    cycle_save,
    cycle_share,
    cycle_start,
)
from .rubrics import rubric_import
from .visits import (
    CYCLE_DONE,
    NOT_AN_OBSERVATION,
    UNKNOWN_INDICATOR,
    UNKNOWN_LEVEL,
    note_save,
    rating_save,
    tally_add,
    visit_add,
    visit_checklist,
    visit_update,
)

__all__ = [
    "CHECKLIST_ITEMS",
    "CYCLE_DONE",
    "NEEDS_GOAL",
    "NEEDS_STRATEGY",
    "NOT_AN_OBSERVATION",
    "NOT_INSTRUCTIONAL",
    "NOT_RUNNING",
    "SHARE_SELF",
    "UNKNOWN_INDICATOR",
    "UNKNOWN_LEVEL",
    "check_add",
    "cycle_advance",
    "cycle_save",
    "cycle_share",
    "cycle_start",
    "note_save",
    "rating_save",
    "rubric_import",
    "tally_add",
    "visit_add",
    "visit_checklist",
    "visit_update",
]
