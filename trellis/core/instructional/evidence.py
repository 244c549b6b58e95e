"""Student evidence for an instructional goal: counts and shares only, never names.

A check counts the students in the group (the class, or the students at risk of falling behind)
and how many reached the standard. The goal's free text describes the standard, not the students:
text that reads like a list of people's names is refused.
"""

from __future__ import annotations

import re

MAX_STUDENTS = 1000
COUNTS_WHOLE = "Counts are whole numbers of students."
COUNTS_RANGE = f"A group has between 1 and {MAX_STUDENTS} students."
COUNTS_MORE_THAN_GROUP = (
    "More students reached the standard ({meeting}) than are in the group ({total})."
)
LOOKS_LIKE_NAMES = (
    "Student data is counts and shares only: {found!r} reads like students' names. Describe the "
    'standard and the group ("the class", "the students at risk"), never who.'
)

# Two or more capitalised words joined by commas or "and" ("Ana, Ben and Cy"), or a capitalised
# first name followed by a capitalised surname or initial in the middle of a sentence.
_NAME_LIST = re.compile(r"\b[A-Z][a-z]+(?:\s*,\s*[A-Z][a-z]+)+(?:\s*,?\s+and\s+[A-Z][a-z]+)?\b")
_NAME_PAIR = re.compile(r"(?<=[a-z,;:]\s)[A-Z][a-z]+\s+(?:[A-Z][a-z]+|[A-Z]\.)")
_NAME_PAIR_AND = re.compile(r"\b[A-Z][a-z]+\s+and\s+[A-Z][a-z]+\b")
# Capitalised words that are about school, not people.
NOT_NAMES = frozenset(
    [
        "Grade",
        "Year",
        "Class",
        "English",
        "Maths",
        "Math",
        "Mathematics",
        "Science",
        "History",
        "Geography",
        "Spanish",
        "French",
        "German",
        "Art",
        "Music",
        "Reading",
        "Writing",
        "Common",
        "Core",
        "State",
        "Standards",
        "Standard",
        "Key",
        "Stage",
        "Phonics",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Term",
        "Unit",
        "Lesson",
        "Period",
        "Algebra",
        "Biology",
        "Chemistry",
        "Physics",
        "Literacy",
        "Numeracy",
    ]
)


def share(meeting: int, total: int) -> float:
    """The percentage of the group that reached the standard."""
    return 100.0 * meeting / total if total else 0.0


def check_counts(total: object, meeting: object) -> str | None:
    """None when the two counts make a valid check, else the reason."""
    for value in (total, meeting):
        if not isinstance(value, int) or isinstance(value, bool):
            return COUNTS_WHOLE
    assert isinstance(total, int) and isinstance(meeting, int)
    if not 1 <= total <= MAX_STUDENTS or meeting < 0:
        return COUNTS_RANGE
    if meeting > total:
        return COUNTS_MORE_THAN_GROUP.format(meeting=meeting, total=total)
    return None


def names_in(text: str) -> str | None:
    """The first stretch of `text` that reads like students' names, or None."""
    for pattern in (_NAME_LIST, _NAME_PAIR_AND, _NAME_PAIR):
        for match in pattern.finditer(text):
            words = re.findall(r"[A-Z][a-z]+", match.group(0))
            if any(word not in NOT_NAMES for word in words):
                return match.group(0)
    return None


def refuse_names(text: str) -> str | None:
    """The refusal for text that reads like students' names, or None."""
    found = names_in(text)
    return LOOKS_LIKE_NAMES.format(found=found) if found else None
