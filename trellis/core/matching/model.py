"""The plain values of matching: rules, participants, an admin's review, and the result of a run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Shape(StrEnum):
    BIPARTITE = "bipartite"  # two sides: mentors and mentees, coaches and coachees
    PEER = "peer"  # everyone may pair with everyone else


class Objective(StrEnum):
    SCORE = "score"  # the highest total score
    PARTICIPATION = "participation"  # the most people matched first, then the highest total score


class Kind(StrEnum):
    SAME = "same"  # the same value of an attribute
    DIFFERENT = "different"  # different values of an attribute
    OVERLAP = "overlap"  # two sets overlap; points x Jaccard index
    OFFERS_NEEDS = "offers_needs"  # what one offers against what the other wants to learn
    DIFFERENCE = "difference"  # a numeric difference compared with a target
    TIMEZONE = "timezone"  # time-zone gap of at most max_gap hours
    LANGUAGE = "language"  # at least one shared language


# Kinds that hold or fail (rather than give a share of the points).
BOOLEAN_KINDS = frozenset(
    {Kind.SAME, Kind.DIFFERENT, Kind.DIFFERENCE, Kind.TIMEZONE, Kind.LANGUAGE}
)
# Kinds whose attribute is a list of values separated by ";".
SET_KINDS = frozenset({Kind.OVERLAP, Kind.OFFERS_NEEDS, Kind.LANGUAGE})

OPERATORS = (">", ">=", "<", "<=", "==", "!=")


@dataclass(frozen=True)
class Criterion:
    """One rule between two participants. `must` criteria disqualify a pair when they fail."""

    name: str
    kind: Kind
    points: float  # points when it holds (overlap/offers_needs: the most it can give); 0 if must
    must: bool = False
    points_if_false: float = 0.0  # boolean kinds only, as mentor-match's {True: x, False: y}
    attribute: str = ""  # the column compared (all kinds but offers_needs)
    offers: str = ""  # offers_needs: the column of what one offers
    needs: str = ""  # offers_needs: the column of what the other wants to learn
    operator: str = ">="  # difference
    target: float = 0.0  # difference
    max_gap: float = 0.0  # timezone, in hours

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.offers, self.needs) if self.kind is Kind.OFFERS_NEEDS else (self.attribute,)


@dataclass(frozen=True)
class Disqualifiers:
    """Switchable disqualifiers; the same person is always disqualified."""

    earlier_pairs: bool = True  # the `previous` column
    reporting_line: bool = True  # the `manager` column, directly or up the chain
    exclusions: bool = True  # the `exclude` column


@dataclass(frozen=True)
class Rules:
    source: str
    shape: Shape
    sides: tuple[
        str, str
    ]  # bipartite: the role values, left side first; peer: ("person", "partner")
    objective: Objective
    capacity: Mapping[str, int]  # default places per side (peer: always 1)
    unmatched_bonus: Mapping[str, float]  # points for a participant's first match, per side
    criteria: tuple[Criterion, ...]
    disqualify: Disqualifiers = field(default_factory=Disqualifiers)

    @property
    def is_peer(self) -> bool:
        return self.shape is Shape.PEER


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    side: str  # bipartite: one of rules.sides; peer: "person"
    capacity: int
    line: int = 0  # where the participant was read (CSV line), for messages
    manager: str = ""
    previous: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    attributes: Mapping[str, str] = field(default_factory=dict)  # normalised column -> raw text


@dataclass(frozen=True)
class Roster:
    """Participants as read: bipartite runs use `left` and `right`; peer runs use `left` only."""

    left: tuple[Participant, ...]
    right: tuple[Participant, ...] = ()


class Decision(StrEnum):
    LOCK = "lock"  # this pair must stay
    BAN = "ban"  # this pair must not happen


@dataclass(frozen=True)
class ReviewedPair:
    left: str  # participant id (peer: either person)
    right: str
    decision: Decision
    line: int = 0


@dataclass(frozen=True)
class Review:
    pairs: tuple[ReviewedPair, ...] = ()


@dataclass(frozen=True)
class Contribution:
    """What one criterion (or bonus) added to a pair's score, and why."""

    label: str
    points: float
    detail: str = ""


class UnmatchedReason(StrEnum):
    NO_ELIGIBLE_PARTNER = "no eligible partner"
    PARTNERS_AT_CAPACITY = "partners all at capacity"
    OUTSCORED = "outscored"


@dataclass(frozen=True)
class Match:
    left: Participant
    right: Participant
    score: float  # the pair's points plus any first-match bonuses credited to it
    contributions: tuple[Contribution, ...]
    locked: bool = False


@dataclass(frozen=True)
class Unmatched:
    participant: Participant
    reason: UnmatchedReason
    detail: str


@dataclass(frozen=True)
class MatchResult:
    rules: Rules
    objective: Objective
    matches: tuple[Match, ...]
    unmatched: tuple[Unmatched, ...]
    total_score: float
    people_matched: int
    people: int
    seconds: float
