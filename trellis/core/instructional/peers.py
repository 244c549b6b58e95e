"""The PEERS check shown while an instructional goal is written. It suggests; it never blocks.

Five criteria from Jim Knight's Impact Cycle, one finding each: Powerful, Easy, Emotionally
compelling, Reachable, Student-focused. It follows the SMART check (trellis/core/goals/smart.py):
the words and messages it uses live in peers.toml, read through the shared data-file loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from trellis.core.datafiles import DataModel, Text, Whole, load_toml

Criterion = Literal["powerful", "easy", "emotionally_compelling", "reachable", "student_focused"]
CRITERIA: tuple[Criterion, ...] = (
    "powerful",
    "easy",
    "emotionally_compelling",
    "reachable",
    "student_focused",
)
LABELS = {
    "powerful": "Powerful",
    "easy": "Easy",
    "emotionally_compelling": "Emotionally compelling",
    "reachable": "Reachable",
    "student_focused": "Student-focused",
}
DEFAULT_PATH = Path(__file__).with_name("peers.toml")
_WORD = re.compile(r"[a-z0-9%']+")

Msg = Annotated[str, Text(600)]


def _regex(value: str) -> re.Pattern[str]:
    return re.compile(value, re.IGNORECASE)


class Powerful(DataModel):
    min_gain_points: Annotated[int, Whole(0, 100)]
    ok_message: Msg
    no_baseline_message: Msg
    no_baseline_suggestion: Msg
    small_gain_message: Msg
    small_gain_suggestion: Msg


class Easy(DataModel):
    max_words: Annotated[int, Whole(3, 200)]
    ok_message: Msg
    long_message: Msg
    long_suggestion: Msg
    several_message: Msg
    several_suggestion: Msg
    several: list[Msg] = Field(max_length=50)


class Compelling(DataModel):
    ok_message: Msg
    unknown_message: Msg
    unknown_suggestion: Msg
    declined_message: Msg
    declined_suggestion: Msg


class Reachable(DataModel):
    ok_message: Msg
    no_target_message: Msg
    no_target_suggestion: Msg
    no_strategy_message: Msg
    no_strategy_suggestion: Msg
    below_baseline_message: Msg
    below_baseline_suggestion: Msg
    everyone_message: Msg
    everyone_suggestion: Msg


class StudentFocused(DataModel):
    ok_message: Msg
    teacher_message: Msg
    teacher_suggestion: Msg
    no_students_message: Msg
    no_students_suggestion: Msg
    student_words: list[Annotated[str, Text(40)]] = Field(min_length=1, max_length=200)
    teacher: list[Msg] = Field(max_length=50)


class PeersLexicon(DataModel):
    powerful: Powerful
    easy: Easy
    emotionally_compelling: Compelling
    reachable: Reachable
    student_focused: StudentFocused


@dataclass(frozen=True)
class Finding:
    criterion: Criterion
    ok: bool
    message: str
    suggestion: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.criterion]


@dataclass(frozen=True)
class PeersGoal:
    """What the check reads: the goal sentence, the target and baseline shares (0-100), whether a
    strategy is chosen, and the teacher's own answer to "does this matter to you?"."""

    text: str
    target_percent: int | None = None
    baseline_percent: int | None = None
    has_strategy: bool = False
    teacher_cares: bool | None = None


def load_lexicon(data: bytes | str, source: str) -> PeersLexicon:
    return load_toml(PeersLexicon, data, source)


@cache
def default_lexicon() -> PeersLexicon:
    return load_lexicon(DEFAULT_PATH.read_bytes(), DEFAULT_PATH.name)


def _powerful(goal: PeersGoal, lex: Powerful) -> Finding:
    if goal.baseline_percent is None:
        return Finding("powerful", False, lex.no_baseline_message, lex.no_baseline_suggestion)
    if goal.target_percent is None:
        return Finding("powerful", True, lex.ok_message.format(gain="some"))
    gain = goal.target_percent - goal.baseline_percent
    if gain < lex.min_gain_points:
        message = lex.small_gain_message.format(gain=gain, baseline=goal.baseline_percent)
        return Finding("powerful", False, message, lex.small_gain_suggestion)
    return Finding("powerful", True, lex.ok_message.format(gain=gain))


def _easy(goal: PeersGoal, lex: Easy) -> Finding:
    count = len(_WORD.findall(goal.text.lower()))
    if count > lex.max_words:
        return Finding("easy", False, lex.long_message.format(count=count), lex.long_suggestion)
    for pattern in lex.several:
        match = _regex(pattern).search(goal.text)
        if match:
            message = lex.several_message.format(match=match.group(0))
            return Finding("easy", False, message, lex.several_suggestion)
    return Finding("easy", True, lex.ok_message)


def _compelling(goal: PeersGoal, lex: Compelling) -> Finding:
    if goal.teacher_cares is True:
        return Finding("emotionally_compelling", True, lex.ok_message)
    if goal.teacher_cares is False:
        return Finding(
            "emotionally_compelling", False, lex.declined_message, lex.declined_suggestion
        )
    return Finding("emotionally_compelling", False, lex.unknown_message, lex.unknown_suggestion)


def _reachable(goal: PeersGoal, lex: Reachable) -> Finding:
    if goal.target_percent is None:
        return Finding("reachable", False, lex.no_target_message, lex.no_target_suggestion)
    if goal.baseline_percent is not None and goal.target_percent <= goal.baseline_percent:
        message = lex.below_baseline_message.format(
            target=goal.target_percent, baseline=goal.baseline_percent
        )
        return Finding("reachable", False, message, lex.below_baseline_suggestion)
    if goal.target_percent >= 100:
        return Finding("reachable", False, lex.everyone_message, lex.everyone_suggestion)
    if not goal.has_strategy:
        return Finding("reachable", False, lex.no_strategy_message, lex.no_strategy_suggestion)
    return Finding("reachable", True, lex.ok_message)


def _student_focused(goal: PeersGoal, lex: StudentFocused) -> Finding:
    for pattern in lex.teacher:
        match = _regex(pattern).search(goal.text)
        if match:
            message = lex.teacher_message.format(match=match.group(0).strip())
            return Finding("student_focused", False, message, lex.teacher_suggestion)
    words = set(_WORD.findall(goal.text.lower()))
    if not words & {w.lower() for w in lex.student_words}:
        return Finding(
            "student_focused", False, lex.no_students_message, lex.no_students_suggestion
        )
    return Finding("student_focused", True, lex.ok_message)


def peers_check(goal: PeersGoal, *, lexicon: PeersLexicon | None = None) -> list[Finding]:
    """One finding per criterion, in PEERS order; `ok` False ones carry a suggestion."""
    lex = lexicon or default_lexicon()
    return [
        _powerful(goal, lex.powerful),
        _easy(goal, lex.easy),
        _compelling(goal, lex.emotionally_compelling),
        _reachable(goal, lex.reachable),
        _student_focused(goal, lex.student_focused),
    ]
