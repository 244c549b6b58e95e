"""Student evidence for an instructional goal: counts and shares only, never names.

A check counts the students in the group (the class, or the students at risk of falling behind)
and how many reached the standard. The goal's free text describes the standard, not the students:
text that reads like students' names is refused. What reads like a name:

- a list or pair of capitalised words ("Ana, Ben and Cy", "Maya and Leo", "such as Jamie Smith");
- any word of a list of common given names (given_names.txt, data), capitalised or not, at the
  start of a sentence or with a possessive ("maya reads", "Leo's fluency");
- the word after a cue that introduces people ("students like X", "named X", "for X", "except X"),
  unless it is a word about school (`NOT_NAMES`) or a determiner ("students like these");
- initials after such a cue ("students like J.S.").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

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
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
# A cue that introduces people, then what follows it: a capitalised word or initials.
_CUE = re.compile(
    r"\b(?i:(?:students?|pupils?|children|child|kids?|learners?|boys?|girls?|readers?|writers?)"
    r"\s+(?:like|such\s+as|including|named|called|e\.g\.?)"
    r"|named|called|except|especially|including|for|with)\s+"
    r"((?:[A-Z]\.\s?){1,3}|[A-Z][a-z]+)",
)
DETERMINERS = frozenset(
    [
        "The",
        "These",
        "Those",
        "All",
        "Every",
        "Each",
        "Our",
        "My",
        "Their",
        "Some",
        "Most",
        "A",
        "An",
    ]
)
GIVEN_NAMES_PATH = Path(__file__).with_name("given_names.txt")
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
        "English",
        "Learners",
        "Students",
        "Spanish",
        "Arabic",
        "Chinese",
        "Mandarin",
        "Google",
        "Classroom",
        "Kindergarten",
        "Pre",
        "Tier",
        "Advanced",
        "Placement",
        "International",
        "Baccalaureate",
        "Lexile",
        "Fountas",
        "Pinnell",
        "Dibels",
        "Map",
        "Ela",
        "Stem",
        "Steam",
        "Social",
        "Studies",
        "Physical",
        "Education",
        "Computer",
        "Special",
        "Needs",
    ]
)


@cache
def given_names() -> frozenset[str]:
    """The common given names of given_names.txt (lower case; # starts a comment line)."""
    lines = GIVEN_NAMES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
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
    """The first stretch of `text` that reads like students' names, or None (module docstring)."""
    for pattern in (_NAME_LIST, _NAME_PAIR_AND, _NAME_PAIR):
        for match in pattern.finditer(text):
            words = re.findall(r"[A-Z][a-z]+", match.group(0))
            if any(word not in NOT_NAMES for word in words):
                return match.group(0)
    names = given_names()
    for match in _WORD.finditer(text):
        word = match.group(0)
        bare = re.sub(r"['\u2019]s?$", "", word).lower()
        if bare in names:
            return word
    for match in _CUE.finditer(text):
        found = match.group(1).strip()
        if "." in found or (found not in NOT_NAMES and found not in DETERMINERS):
            return found
    return None


def refuse_names(text: str) -> str | None:
    """The refusal for text that reads like students' names, or None."""
    found = names_in(text)
    return LOOKS_LIKE_NAMES.format(found=found) if found else None
