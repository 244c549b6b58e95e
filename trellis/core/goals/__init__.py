"""Goals in pure Python: the SMART check, Goal Attainment Scaling, progress and due dates."""

from trellis.core.goals.due import parse_due
from trellis.core.goals.gas import (
    DEFAULT_RHO,
    LEVELS,
    GasLevels,
    GasReview,
    TrendPoint,
    gas_t_score,
    gas_trend,
    trend_direction,
)
from trellis.core.goals.lexicon import LexiconError, SmartLexicon, load_lexicon
from trellis.core.goals.progress import (
    ActionProgress,
    ActionStatus,
    Attention,
    DueState,
    due_state,
    goal_progress,
    is_slipped,
    is_stalled,
    last_activity,
    plan_sort_key,
    slipped_days,
)
from trellis.core.goals.smart import CRITERIA, Finding, smart_check

__all__ = [
    "CRITERIA",
    "DEFAULT_RHO",
    "LEVELS",
    "ActionProgress",
    "ActionStatus",
    "Attention",
    "DueState",
    "Finding",
    "GasLevels",
    "GasReview",
    "LexiconError",
    "SmartLexicon",
    "TrendPoint",
    "due_state",
    "gas_t_score",
    "gas_trend",
    "goal_progress",
    "is_slipped",
    "is_stalled",
    "last_activity",
    "load_lexicon",
    "parse_due",
    "plan_sort_key",
    "slipped_days",
    "smart_check",
    "trend_direction",
]
