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
from .artifacts import ActionArtifact, Artifacts, Feedback, GoalArtifact, Reality, StageNote
from .dialogue import run_dialogue
from .followups import Flag, Question, QuestionKind
from .kinds import KINDS, FieldSpec, KindSpec, normalise_answer
from .loader import (
    BUILTIN_KEYS,
    builtin_frameworks,
    load_builtin,
    load_framework_file,
    parse_framework,
)
from .model import DEFAULT_LEVEL, Framework, Level, Prompt, Stage, Voice
from .problems import AnswerError, FrameworkError, Problem, SessionError, UnknownFrameworkError
from .schema import validate_framework_data, validate_framework_text
from .session import CoachingSession, StageStatus
from .summary import artifacts_markdown

__all__ = [
    "BUILTIN_KEYS",
    "DEFAULT_LEVEL",
    "KINDS",
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
    "Problem",
    "Prompt",
    "Question",
    "QuestionKind",
    "Reality",
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
    "parse_framework",
    "run_dialogue",
    "validate_framework_data",
    "validate_framework_text",
]
