"""Peer and mentor matching: rules as data, vectorised scoring, exact solvers, explanations.

Entry points: `load_rules`, `read_participants` (or `read_mentor_match_folder`), `read_review`,
`run_matching`, then `write_matches` (or `write_mentor_match_folder`).
"""

from .engine import run_matching
from .mentor_match import read_mentor_match_folder, write_mentor_match_folder
from .model import (
    Criterion,
    Decision,
    Kind,
    Match,
    MatchResult,
    Objective,
    Participant,
    Review,
    ReviewedPair,
    Roster,
    Rules,
    Shape,
    Unmatched,
    UnmatchedReason,
)
from .output import write_matches
from .participants import parse_participants, read_participants
from .problems import MatchingInputError, ParticipantsError, Problem, ReviewError, RulesError
from .review import read_review
from .rules import load_rules, parse_rules

__all__ = [
    "Criterion",
    "Decision",
    "Kind",
    "Match",
    "MatchResult",
    "MatchingInputError",
    "Objective",
    "Participant",
    "ParticipantsError",
    "Problem",
    "Review",
    "ReviewError",
    "ReviewedPair",
    "Roster",
    "Rules",
    "RulesError",
    "Shape",
    "Unmatched",
    "UnmatchedReason",
    "load_rules",
    "parse_participants",
    "parse_rules",
    "read_mentor_match_folder",
    "read_participants",
    "read_review",
    "run_matching",
    "write_matches",
    "write_mentor_match_folder",
]
