"""Coaching frameworks as data, their schema, and the session engine (pure Python)."""

from .answers import (
    Action,
    DueDate,
    Emotions,
    Goal,
    Notes,
    Option,
    Resources,
    Review,
    Scaling,
    Topic,
)
from .artifacts import (
    ActionArtifact,
    Artifacts,
    Feedback,
    GoalArtifact,
    Reality,
    Reply,
    StageNote,
)
from .continuity import BUY_IN_THRESHOLD, PreviousPlan, previous_plan, review_stage
from .dialogue import run_dialogue
from .followups import Flag, Question, QuestionKind
from .kinds import KINDS, FieldSpec, KindSpec, normalise_answer
from .loader import (
    BUILTIN_KEYS,
    FRAMEWORK_TEXT,
    LOCALES,
    builtin_frameworks,
    load_builtin,
    load_framework_file,
    overlay_check,
    parse_framework,
    translated,
)
from .model import DEFAULT_LEVEL, Framework, Level, Prompt, Stage, Voice
from .problems import AnswerError, FrameworkError, Problem, SessionError, UnknownFrameworkError
from .schema import validate_framework_data, validate_framework_text
from .session import CoachingSession, StageStatus, stage_draft
from .summary import artifacts_markdown

__all__ = [
    "BUILTIN_KEYS",
    "BUY_IN_THRESHOLD",
    "DEFAULT_LEVEL",
    "FRAMEWORK_TEXT",
    "KINDS",
    "LOCALES",
    "Action",
    "ActionArtifact",
    "AnswerError",
    "Artifacts",
    "CoachingSession",
    "DueDate",
    "Emotions",
    "Feedback",
    "FieldSpec",
    "Flag",
    "Framework",
    "FrameworkError",
    "Goal",
    "GoalArtifact",
    "KindSpec",
    "Level",
    "Notes",
    "Option",
    "PreviousPlan",
    "Problem",
    "Prompt",
    "Question",
    "QuestionKind",
    "Reality",
    "Reply",
    "Resources",
    "Review",
    "Scaling",
    "SessionError",
    "Stage",
    "StageNote",
    "StageStatus",
    "Topic",
    "UnknownFrameworkError",
    "Voice",
    "artifacts_markdown",
    "builtin_frameworks",
    "load_builtin",
    "load_framework_file",
    "normalise_answer",
    "overlay_check",
    "parse_framework",
    "previous_plan",
    "review_stage",
    "run_dialogue",
    "stage_draft",
    "translated",
    "validate_framework_data",
    "validate_framework_text",
]
