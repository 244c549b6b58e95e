"""Inclusive-language hints: wording that excludes or stereotypes, with reasons and alternatives.

A gentle hint for coaches and peer coaches writing feedback, notes and messages; it never blocks.
It knows the usual false positives: a term in quotation marks or after "the word" is being
discussed, not used; a capitalised "Chairman" before a name is part of the name; "guys" about an
explicitly all-male group is accurate.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from .schema import Reader, read_toml

DATA_FILE = Path(__file__).parent / "data" / "inclusive.toml"
CATEGORIES = ("gendered", "ableist", "age", "other_bias")
_QUOTED = re.compile(
    r"[\"\u201c\u201d]([^\"\u201c\u201d\n]{1,80})[\"\u201c\u201d]"
    r"|(?<![\w])['\u2018]([^'\u2018\u2019\n]{1,80})['\u2019](?![\w])"
)
_SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass(frozen=True)
class Finding:
    """One piece of wording worth a second look."""

    text: str
    start: int
    end: int
    category: str
    term: str
    why: str
    alternatives: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Term:
    id: str
    category: str
    regex: re.Pattern[str]
    why: str
    alternatives: tuple[str, ...]
    name_possible: bool
    mixed_group_only: bool


@dataclass(frozen=True)
class InclusiveLexicon:
    terms: tuple[Term, ...]
    mention_cues: tuple[str, ...]
    all_male_cues: tuple[str, ...]


def load_inclusive(path: Path = DATA_FILE) -> InclusiveLexicon:
    """Read and validate an inclusive-language word list."""
    reader = Reader(path.name, read_toml(path))
    terms = []
    for entry in reader.tables("term"):
        patterns = entry.texts("patterns")
        source = r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])"
        terms.append(
            Term(
                id=entry.text("id"),
                category=entry.choice("category", CATEGORIES, "category"),
                regex=entry.compile("patterns", source, re.IGNORECASE),
                why=entry.text("why"),
                alternatives=entry.texts("alternatives"),
                name_possible=entry.flag("name_possible", False),
                mixed_group_only=entry.flag("mixed_group_only", False),
            )
        )
    return InclusiveLexicon(
        terms=tuple(terms),
        mention_cues=tuple(c.lower() for c in reader.texts("mention_cues")),
        all_male_cues=tuple(c.lower() for c in reader.texts("all_male_cues")),
    )


@cache
def default_inclusive() -> InclusiveLexicon:
    return load_inclusive()


def inclusive(text: str, lexicon: InclusiveLexicon | None = None) -> list[Finding]:
    """Wording in text that may exclude or stereotype, in reading order."""
    lex = lexicon or default_inclusive()
    plain = text.replace("\u2019", "'")  # same length, so spans still point into text
    quoted = [m.span() for m in _QUOTED.finditer(plain)]
    findings: list[Finding] = []
    for term in lex.terms:
        for match in term.regex.finditer(plain):
            start, end = match.span()
            if _skip(plain, start, end, term, lex, quoted):
                continue
            findings.append(
                Finding(
                    text[start:end], start, end, term.category, term.id, term.why, term.alternatives
                )
            )
    findings.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in findings:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def _skip(
    text: str,
    start: int,
    end: int,
    term: Term,
    lex: InclusiveLexicon,
    quoted: list[tuple[int, int]],
) -> bool:
    if any(a <= start and end <= b for a, b in quoted):
        return True  # 'we stopped saying "manpower"': the word is discussed, not used
    before = text[max(0, start - 30) : start].lower().rstrip(" \"'\u201c\u2018:")
    if any(before.endswith(cue) for cue in lex.mention_cues):
        return True
    if term.name_possible and text[start].isupper():
        at_start = _sentence_start(text, start)
        next_word = re.match(r"\s+([A-Z])", text[end:])
        if not at_start or next_word:
            return True  # "Guy", "Chairman Mao": a name, not a label
    if term.mixed_group_only:
        sentence = _sentence(text, start, end).lower()
        if any(cue in sentence for cue in lex.all_male_cues):
            return True  # "the men's team, well done guys": the group is all men
    return False


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?\n:"


def _sentence(text: str, start: int, end: int) -> str:
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    left = max([e for e in ends if e < start], default=-1) + 1
    right = min([e for e in ends if e >= end], default=len(text))
    return text[left:right]
