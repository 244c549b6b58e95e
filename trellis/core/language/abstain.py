"""When the stance analyzer shows nothing rather than a victim reading it is unsure of.

A player statement shown with victim highlights misleads the very person who is taking charge,
so a victim reading is held back when:

- the text answers the challenge it names with the writer's own move, in a later clause or a
  later comma-separated part ("the board won't fund it; I'm rebuilding the case", "can't make
  Tuesday, asked to join Thursday's instead"), or in the very clause that names it, before it
  ("so I told my manager which days I can't do");
- a weak reading comes with a question or a request ("can't find the link, anyone have it?",
  "cant make thurs, can we do fri"), with or without a question mark;
- the reading rests only on a plain constraint ("we're not allowed to wear rings on the ward",
  "I have to restart the server after changing the config") and nothing in the text makes it
  a grievance: no setback, no absolute ("every time", "nobody"), no intensifier ("just",
  "again"). Rules and logistics are not victim language;
- it reports someone else's grievance ("Several directors feel the bonus scheme is unfair",
  "two people on my team said they feel overlooked") or asks what is normal ("Is it unfair
  to...?");
- it rests only on weak cues for a setback that happened to someone else and is told as news
  ("The board rejected the acquisition proposal at yesterday's meeting");
- the writer answers it after "which is why", "ok", "lol" ("I'm hopeless at cold calls, which
  is exactly why I booked a session").

A player or neutral reading never shows victim words at all (stance.analyze): only a victim
reading that none of the above holds back does.

The words are data (data/abstain.toml); this module only reads a Document's clauses and words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Annotated

from pydantic import Field

from trellis.core.datafiles import DataModel, Number, Whole, load_toml

from .text import Document

Words = Annotated[list[str], Field(min_length=1, max_length=500)]
Span = tuple[int, int, int]  # a victim marker's words [first, last) and its clause
Cues = Mapping[int, Mapping[str, tuple[int, int]]]  # clause -> weak cue found -> its first words


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
    request_openers: Words
    plain_constraint_max: Annotated[float, Number(0.0, 10.0)]
    constraint_subjects: Words
    plain_constraints: Words
    grievance_cues: Words
    grievance_words: Words
    first_person: Words
    reporting_verbs: Words
    reporting_max_gap: Annotated[int, Whole(1, 20)]
    reporting_skip: Words
    vague_subjects: Words
    norm_openers: Words
    norm_words: Words
    norm_within: Annotated[int, Whole(1, 10)]
    how_openers: Words
    how_subjects: Words
    move_openers: Words
    affected_writer: Words
    writer_possessives: Words
    news_not: Words


@cache
def default_abstention() -> Abstention:
    data = files("trellis.core.language").joinpath("data", "abstain.toml").read_bytes()
    return load_toml(Abstention, data, "abstain.toml")


@cache
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    rules = default_abstention()
    return (
        frozenset(rules.not_actions),
        frozenset(rules.request_openers),
        frozenset(rules.plain_constraints),
        frozenset(rules.grievance_words),
    )


def holds_back(
    doc: Document,
    markers: Sequence[Span],
    victim_weight: float,
    cues: Cues,
    weak: bool = False,
) -> bool:
    """Whether a victim reading of `doc` (its victim `markers`) should not be shown.

    `cues` are the categories of the weak cues (a setback, an absolute, someone else as the
    subject) found in each clause; `weak` says that every marker is weak cues that only together
    read as victim language (a combination in stance.toml), none a victim pattern of its own.
    """
    rules = default_abstention()
    stop, openers, plain, grievance = _sets()
    if (
        _asks_what_is_normal(doc, rules)
        or _asks_how(doc, rules)
        or _someone_elses(doc, markers, cues, rules, grievance)
    ):
        return True
    if weak and _told_as_news(doc, cues, rules, grievance):
        return True
    if victim_weight < rules.weak_victim and (
        any(s.question in {"yes_no", "other"} for s in doc.sentences) or _asks(doc, openers)
    ):
        return True
    if victim_weight <= rules.plain_constraint_max and _plain_constraint(
        doc, markers, cues, len(doc.clauses), rules, plain, grievance
    ):
        return True
    victim_clauses = {clause for _, _, clause in markers}
    for number in range(max(victim_clauses) + 1, len(doc.clauses)):
        clause = doc.clauses[number]
        if number in victim_clauses or clause.relation in {"reason", "concession"}:
            continue
        if doc.sentences[clause.sentence].question:
            continue
        if _own_move([w.norm for w in doc.words[clause.first : clause.last]], rules, stop):
            return True
    return (
        any(_answered_in_clause(doc, span, rules, stop) for span in markers)
        or _comma_move(doc, markers, rules, stop)
        or _move_after(doc, markers, rules, stop)
    )


def _parts(doc: Document, first: int, last: int) -> list[tuple[int, int]]:
    """Words [first, last) cut where the writer put a comma: [(start, end), ...]."""
    parts: list[tuple[int, int]] = []
    start = first
    for index in range(first + 1, last):
        if "," in doc.text[doc.words[index - 1].end : doc.words[index].start]:
            parts.append((start, index))
            start = index
    parts.append((start, last))
    return parts


def _asks(doc: Document, openers: frozenset[str]) -> bool:
    """A clause or comma-separated part that opens like a question: "can we do fri"."""
    for clause in doc.clauses:
        for start, end in _parts(doc, clause.first, clause.last):
            if (
                end - start >= 2
                and f"{doc.words[start].norm} {doc.words[start + 1].norm}" in openers
            ):
                return True
    return False


def _plain_constraint(
    doc: Document,
    markers: Sequence[Span],
    cues: Cues,
    end: int,
    rules: Abstention,
    plain: frozenset[str],
    grievance: frozenset[str],
) -> bool:
    """A rule or an arrangement stated flatly: every marker plain, and nothing that aggrieves
    in the clauses before clause `end`."""
    subjects = set(rules.constraint_subjects)
    for first, last, _ in markers:
        words = [w.norm for w in doc.words[first:last]]
        while len(words) > 1 and words[0] in subjects:
            words = words[1:]
        if " ".join(words) not in plain:
            return False
    if any(cue in cues.get(clause, ()) for clause in range(end) for cue in rules.grievance_cues):
        return False
    last = doc.clauses[end - 1].last if end else 0
    return not any(word.norm in grievance for word in doc.words[:last])


def _answered_in_clause(doc: Document, span: Span, rules: Abstention, stop: frozenset[str]) -> bool:
    """The clause opens with the writer's move and the marker comes after it: "so I told my
    manager which days I can't do"."""
    first, _, number = span
    clause = doc.clauses[number]
    if clause.relation not in {"consequence", "contrast"} or first - clause.first < 3:
        return False
    return _own_move([w.norm for w in doc.words[clause.first : first]], rules, stop)


def _comma_move(
    doc: Document, markers: Sequence[Span], rules: Abstention, stop: frozenset[str]
) -> bool:
    """A later comma-separated part of a marker's clause is the writer's own move."""
    for _, last, number in markers:
        clause = doc.clauses[number]
        for start, end in _parts(doc, clause.first, clause.last):
            if start >= last and _own_move([w.norm for w in doc.words[start:end]], rules, stop):
                return True
    return False


def _move_after(
    doc: Document, markers: Sequence[Span], rules: Abstention, stop: frozenset[str]
) -> bool:
    """The writer's own move after the last marker's first word, opened by a word that makes it
    the answer (`move_openers`) where no comma or clause break marks it: "I'm terrible at
    presentations, which is exactly why I volunteered to present first"; "got rejected again
    lol ok rewriting my cv tonite" (weak cues together may span the opener). Not "the updates I
    send" (no opener), nor "they wonder why we burn out"."""
    end = max(first + 1 for first, _, _ in markers)  # weak cues may span the opener
    words = [w.norm for w in doc.words]
    openers = [opener.split() for opener in rules.move_openers]
    for at in range(end, len(words) - 1):
        if not any(words[max(0, at + 1 - len(o)) : at + 1] == o for o in openers):
            continue
        if doc.sentences[doc.clauses[doc.clause_of[at]].sentence].question:
            continue
        if _own_move(words[at + 1 : at + 1 + rules.lead_in_words + 4], rules, stop):
            return True
    return False


def _own_move(words: list[str], rules: Abstention, stop: frozenset[str]) -> bool:
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


def _moves(words: list[str], at: int, rules: Abstention, stop: frozenset[str]) -> bool:
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


def _asks_what_is_normal(doc: Document, rules: Abstention) -> bool:
    """The text opens by asking whether something is normal, fair or allowed: "Is it unfair to
    schedule the same people every bank holiday?", "is it normal they dont pay for on call"."""
    words = [w.norm for w in doc.words[: rules.norm_within + 2]]
    opens = len(words) >= 2 and f"{words[0]} {words[1]}" in rules.norm_openers
    return opens and any(word in rules.norm_words for word in words[2:])


def _asks_how(doc: Document, rules: Abstention) -> bool:
    """The text opens by asking how to act or how others do it, for a way forward rather than a
    verdict: "How do other reps handle clients who never reply?", "how can I get parents more
    involved". Not "How am I meant to hit my numbers...?", which is rhetorical."""
    words = [w.norm for w in doc.words[:3]]
    return (
        len(words) >= 3
        and " ".join(words[:2]) in rules.how_openers
        and (words[2] in rules.how_subjects)
    )


def _someone_elses(
    doc: Document, markers: Sequence[Span], cues: Cues, rules: Abstention, grievance: frozenset[str]
) -> bool:
    """The writer reports someone else's grievance: no word of the writer's own (I, me, my)
    takes part in it, and a reporting verb with someone as its subject ("several staff feel",
    "Kevin complained that") comes shortly before the first marker."""
    mine = set(rules.first_person)
    first, end, _ = min(markers)
    words = [w.norm for w in doc.words]
    # within the first marker too: weak cues together span from their subject ("two people on
    # my team said ... they feel overlooked")
    verbs = [
        at
        for at in range(end - 1)
        if words[at] in rules.reporting_verbs
        and first - at <= rules.reporting_max_gap
        and _reporter(words, at, rules)
        and not (at >= first and words[at + 1] in {"me", "us"})  # "every recruiter tells me"
    ]
    if not verbs:
        return False
    # "told me" and "my colleague", "associates in my cohort feel" name who reports, not whose
    # grievance it is: a "my" before the reporting verb belongs to its subject
    return not any(
        word in mine
        and not (word == "me" and at > 0 and words[at - 1] in rules.reporting_verbs)
        and not (word == "my" and (at < verbs[0] or not _owned_by_writer(words, at)))
        for at, word in enumerate(words)
    )


def _told_as_news(doc: Document, cues: Cues, rules: Abstention, grievance: frozenset[str]) -> bool:
    """A setback told as news, in a reading that rests only on weak cues (someone else the
    subject of a setback): the writer is not the one it happens to (no I, me, we, us) and
    nothing makes it a grievance (no absolute, no intensifier): "The board rejected the
    acquisition proposal at yesterday's meeting", "they laid off 40 ppl in marketing". A "my" or
    "our" counts as the writer affected unless it is part of whoever acted ("our biggest client
    rejected the renewal"; but "HR has decided my burnout is a mindset issue")."""
    affected = set(rules.affected_writer)
    if any(word.norm in affected or word.norm in grievance for word in doc.words):
        return False
    possessives = set(rules.writer_possessives)
    for at, word in enumerate(doc.words):
        agent = cues.get(doc.clause_of[at], {}).get("agent")
        if word.norm in possessives and not (agent and agent[0] <= at < agent[1]):
            return False
    return not any(
        cue in cues.get(clause, ()) for clause in range(len(doc.clauses)) for cue in rules.news_not
    )


def _owned_by_writer(words: list[str], at: int) -> bool:
    """ "my" at `at` counts as the writer's own unless it names who reports ("my colleague")."""
    return at + 1 >= len(words) or words[at + 1] not in {
        "colleague", "colleagues", "friend", "friends", "coworker", "coworkers", "student",
        "students",
    }  # fmt: skip


def _reporter(words: list[str], at: int, rules: Abstention) -> bool:
    """The reporting verb at `at` has someone as its subject ("Kevin complained", "several
    staff feel"), not a vague they ("they keep saying") nor a thing ("applying feels like")."""
    if at + 1 < len(words) and words[at + 1] == "like":
        return False
    back = at - 1
    while back >= 0 and words[back] in rules.reporting_skip:
        back -= 1
    return back >= 0 and words[back] not in rules.vague_subjects
