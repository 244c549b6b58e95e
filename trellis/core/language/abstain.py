"""When the stance analyzer shows nothing rather than a victim reading it is unsure of.

A player statement shown with victim highlights misleads the very person who is taking charge,
so a victim reading is held back when the text answers the challenge it names with the
writer's own move, in a later clause ("the board won't fund it; I'm rebuilding the case"), or
when a weak reading comes with a question asking for help. The words are data
(data/abstain.toml); this module only reads a Document's clauses.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Annotated

from pydantic import Field

from trellis.core.datafiles import DataModel, Number, Whole, load_toml

from .text import Document

Words = Annotated[list[str], Field(min_length=1, max_length=500)]


class Abstention(DataModel):
    weak_victim: Annotated[float, Number(0.0, 10.0)]
    subjects: Words
    lead_in: Words
    lead_in_words: Annotated[int, Whole(0, 10)]
    auxiliaries: Words
    have_not_followed_by: Words
    irregular_participles: Words
    not_actions: Words
    implied_subject_words: Annotated[int, Whole(1, 20)]


@cache
def default_abstention() -> Abstention:
    data = files("trellis.core.language").joinpath("data", "abstain.toml").read_bytes()
    return load_toml(Abstention, data, "abstain.toml")


def holds_back(doc: Document, victim_clauses: set[int], victim_weight: float) -> bool:
    """Whether a victim reading of `doc` (markers in `victim_clauses`) should not be shown."""
    rules = default_abstention()
    if victim_weight < rules.weak_victim and any(
        s.question in {"yes_no", "other"} for s in doc.sentences
    ):
        return True
    for number in range(max(victim_clauses) + 1, len(doc.clauses)):
        clause = doc.clauses[number]
        if number in victim_clauses or clause.relation in {"reason", "concession"}:
            continue
        if doc.sentences[clause.sentence].question:
            continue
        if _own_move([w.norm for w in doc.words[clause.first : clause.last]], rules):
            return True
    return False


def _own_move(words: list[str], rules: Abstention) -> bool:
    stop = set(rules.not_actions)
    at = 0
    while at < min(len(words), rules.lead_in_words) and words[at] in rules.lead_in:
        at += 1
    if at < len(words) and words[at] in rules.subjects:
        return _moves(words, at + 1, rules, stop)
    first = words[0] if words else ""
    return (
        len(words) >= rules.implied_subject_words
        and first.endswith(("ed", "ing"))
        and first not in stop
    )


def _moves(words: list[str], at: int, rules: Abstention, stop: set[str]) -> bool:
    auxiliary = ""
    while at < len(words) and words[at] in rules.auxiliaries:
        if (
            words[at] == "have"
            and at + 1 < len(words)
            and words[at + 1] in rules.have_not_followed_by
        ):
            return False
        auxiliary = auxiliary or words[at]
        at += 1
    if at >= len(words):
        return False
    word = words[at]
    if auxiliary in {"am", "are"}:
        if word == "going" and at + 2 < len(words) and words[at + 1] == "to":
            return words[at + 2] not in stop
        return word.endswith("ing") and word not in stop
    if auxiliary in {"have", "has"}:
        return (word.endswith("ed") or word in rules.irregular_participles) and word not in stop
    return len(word) > 1 and word not in stop
