"""The SMART check shown while a goal is written. It suggests; it never blocks saving.

Four criteria, one finding each: specific, measurable, time-bound, within the coachee's control.
The words it notices live in smart.toml so that they can be tuned without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from trellis.core.goals.due import parse_due
from trellis.core.goals.lexicon import SmartLexicon, default_lexicon

Criterion = Literal["specific", "measurable", "time_bound", "within_control"]
CRITERIA: tuple[Criterion, ...] = ("specific", "measurable", "time_bound", "within_control")

_WORD = re.compile(r"[a-z0-9%']+")
OK_SPECIFIC = "The goal says what will be different."


@dataclass(frozen=True)
class Finding:
    criterion: Criterion
    ok: bool
    message: str
    suggestion: str = ""


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def has_number(text: str, lex: SmartLexicon) -> bool:
    return "%" in text or any(w[0].isdigit() or w in lex.number_words for w in _words(text))


def _check_specific(title: str, lex: SmartLexicon) -> Finding:
    words = _words(title)
    if words and has_number(title, lex):
        return Finding("specific", True, OK_SPECIFIC)
    for pattern in lex.vague:
        for match in pattern.regex.finditer(title):
            after = _words(title[match.end() :])
            objects = [w for w in after if w not in lex.filler_words]
            if len(objects) < lex.min_object_words:
                message = pattern.message.format(match=match.group(0))
                return Finding("specific", False, message, pattern.suggestion)
    if len(words) < lex.min_title_words:
        return Finding("specific", False, lex.short_title_message, lex.short_title_suggestion)
    return Finding("specific", True, OK_SPECIFIC)


def _check_measurable(title: str, measure: str, lex: SmartLexicon) -> Finding:
    texts = lex.measurable
    if has_number(title, lex) or has_number(measure, lex):
        return Finding("measurable", True, texts["ok_message"])
    if not measure.strip():
        return Finding(
            "measurable", False, texts["no_measure_message"], texts["no_measure_suggestion"]
        )
    # Pad with spaces so that "per" does not match inside "perform".
    spaced = f" {' '.join(_words(measure))} "
    if any(f" {word} " in spaced for word in lex.measure_words):
        return Finding("measurable", True, texts["ok_message"])
    return Finding(
        "measurable", False, texts["vague_measure_message"], texts["vague_measure_suggestion"]
    )


def _check_time_bound(due_text: str, today: date, lex: SmartLexicon) -> Finding:
    texts = lex.time_bound
    if not due_text.strip():
        return Finding("time_bound", False, texts["no_date_message"], texts["no_date_suggestion"])
    due = parse_due(due_text, today=today)
    if due is None:
        return Finding(
            "time_bound",
            False,
            texts["unreadable_message"].format(text=due_text.strip()),
            texts["unreadable_suggestion"],
        )
    shown = f"{due:%A} {due.day} {due:%B %Y}"
    if due < today:
        return Finding(
            "time_bound", False, texts["past_message"].format(date=shown), texts["past_suggestion"]
        )
    return Finding("time_bound", True, texts["ok_message"].format(date=shown))


def _check_control(
    title: str, measure: str, coachee_controls: bool | None, lex: SmartLexicon
) -> Finding:
    texts = lex.within_control
    # The person's own answer beats our word lists.
    if coachee_controls is True:
        return Finding("within_control", True, texts["ok_message"])
    if coachee_controls is False:
        return Finding(
            "within_control",
            False,
            texts["declared_outside_message"],
            texts["declared_outside_suggestion"],
        )
    for text in (title, measure):
        for pattern in lex.outside:
            match = pattern.regex.search(text)
            if match:
                message = pattern.message.format(match=match.group(0))
                return Finding("within_control", False, message, pattern.suggestion)
    return Finding("within_control", True, texts["ok_message"])


def smart_check(
    title: str,
    success_measure: str,
    due_text: str,
    *,
    today: date,
    coachee_controls: bool | None = None,
    lexicon: SmartLexicon | None = None,
) -> list[Finding]:
    """One finding per criterion, in SMART order; `ok` False ones carry a suggestion.

    `coachee_controls` is the person's own answer to "is this within your control?", when
    asked; None lets the check look for outcomes that hang on other people's decisions.
    """
    lex = lexicon or default_lexicon()
    return [
        _check_specific(title, lex),
        _check_measurable(title, success_measure, lex),
        _check_time_bound(due_text, today, lex),
        _check_control(title, success_measure, coachee_controls, lex),
    ]
