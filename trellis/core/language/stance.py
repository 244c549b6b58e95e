"""Victim and player language: which stance a text takes, and which words show it.

The analyzer reads light structure rather than counting keywords: patterns name the subject
("I have to" but not "staff have to"), negation is part of the pattern ("I don't have to" is a
choice), clauses are weighed by how they join (what follows "but" or "so" is what the writer
stands on), reported words count for less ("my manager said I have to..."), a yes/no question
asks rather than asserts, and a self-directed action with a time becomes a plan.

Victim words are shown only in a victim reading, and only when abstain.py does not hold it back
and the second reader (second_reader.py, a word model learned from labelled statements) agrees:
a player or neutral reading carries no victim marker (docs/language.md). A text the rules read as
neutral is read as player when the second reader finds it so from the whole text (`whole_text`):
no words are shown for that reading, since no pattern found them.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from itertools import pairwise

from . import second_reader
from .abstain import holds_back
from .lexicon import Lexicon, Rule, default_lexicon
from .text import Document, read

VICTIM, PLAYER, NEUTRAL = "victim", "player", "neutral"
WHOLE = "whole_text"  # the reflections for a player reading of the whole text (_read_whole)
PLAN_SOURCES = frozenset({"will-act", "decided", "could", "doing-now"})
DATED_OBLIGATIONS = frozenset({"have-to"})
RESPONSES = frozenset({"consequence", "contrast"})  # clauses that can answer a challenge
MAX_COMBINED_WORDS = 10
MAX_COMBINATIONS = 2  # per clause
# What a yes/no question asks about rather than asserts: "Do I have to...?", "Do I need to...?"
ASKED_NOT_SAID = frozenset({"necessity", "inability", "volition"})


@dataclass(frozen=True)
class Marker:
    """Words that show a stance: where they are, what kind they are, and why they matter."""

    text: str
    start: int
    end: int
    category: str
    stance: str
    explanation: str
    weight: float


@dataclass(frozen=True)
class SentenceResult:
    text: str
    start: int
    end: int
    stance: str
    mixed: bool
    score: float
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Analysis:
    """The stance of a whole text and of each sentence, with one reflective question."""

    text: str
    stance: str
    mixed: bool
    score: float  # from -1 (victim language) to +1 (player language)
    victim: float  # total weight of victim markers
    player: float  # total weight of player markers
    markers: tuple[Marker, ...]
    sentences: tuple[SentenceResult, ...]
    reflection: str
    # A victim reading held back as unsure (abstain.py): its victim markers are not shown.
    abstained: bool = False
    # A player reading by the second reader from the whole text; the rules found too few words
    # either way, so there are no markers to show (second_reader.finds_player).
    whole_text: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class _Found:
    rule: Rule
    first: int  # word indices [first, last)
    last: int
    clause: int
    category: str
    weight: float


def analyze(text: str, lexicon: Lexicon | None = None, *, second_opinion: bool = True) -> Analysis:
    """Read the stance of text: victim, player or neutral, per sentence and overall.
    `second_opinion=False` reads by the rules alone, without the second reader (their tests)."""
    lex = lexicon or default_lexicon()
    doc = read(text, lex.normalizer, lex.connectives)
    seen = _match(doc, lex)
    found = [f for f in seen.found if not _silenced(f, seen.idioms)]
    found = _longest(found)
    found += _combinations(doc, lex, seen, found)
    if any(f.rule.id in PLAN_SOURCES or f.rule.id in DATED_OBLIGATIONS for f in found):
        _find_times(doc, lex, seen)
    found = _plans(found, seen.times, lex)
    _weigh(doc, lex, found, seen.times, seen.reported)
    result = _result(doc, lex, found)
    if result.stance != VICTIM:
        if result.victim:
            # A player or neutral reading shows no victim words: a writer taking charge is not
            # shown the grievance their move answers, and victim words too weak to make a victim
            # reading are not shown on their own (docs/language.md)
            result = _result(doc, lex, [f for f in found if f.rule.side != VICTIM])
        if result.stance == NEUTRAL and second_opinion and second_reader.finds_player(text):
            return _read_whole(doc, lex, result)
        return result
    markers = [(f.first, f.last, f.clause) for f in found if f.rule.side == VICTIM]
    combined = {combo.rule.id for combo in lex.combinations}
    weak = all(f.rule.id in combined for f in found if f.rule.side == VICTIM)
    # held back when a rule of abstain.py finds it unsure, or the second reader disagrees
    if holds_back(doc, markers, result.victim, seen.cues, weak) or (
        second_opinion and second_reader.doubts(text)
    ):
        held = _result(doc, lex, [f for f in found if f.rule.side != VICTIM])
        return replace(held, abstained=True)
    return result


def _read_whole(doc: Document, lex: Lexicon, result: Analysis) -> Analysis:
    """A player reading by the second reader alone: the rules found too few words either way,
    so none is shown. The sentence it finds most like player language takes the stance, so a
    trend of sentences counts the text as the reading does."""
    chosen = max(
        range(len(result.sentences)),
        key=lambda i: second_reader.player_probability(result.sentences[i].text),
        default=None,
    )
    sentences = tuple(
        replace(s, stance=PLAYER) if i == chosen else s for i, s in enumerate(result.sentences)
    )
    reflection = _question(doc, lex, WHOLE)
    return replace(
        result, stance=PLAYER, sentences=sentences, reflection=reflection, whole_text=True
    )


def _silenced(item: _Found, idioms: list[tuple[int, int]]) -> bool:
    """Set phrases ("I can't wait", "I have to bring ID") only neutralise victim markers."""
    return item.rule.side == VICTIM and any(item.first < b and a < item.last for a, b in idioms)


@dataclass
class _Seen:
    """Everything the rules matched in one text, sorted by what the analyzer does with it."""

    idioms: list[tuple[int, int]] = field(default_factory=list)
    times: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    reported: dict[int, int] = field(default_factory=dict)  # clause -> first reported word
    cues: dict[int, dict[str, tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # clause -> cue -> first span
    found: list[_Found] = field(default_factory=list)


def _match(doc: Document, lex: Lexicon) -> _Seen:
    seen = _Seen()
    for number in _candidates(doc, lex):
        part = lex.parts[number]
        rule = part.rule
        for match in part.regex.finditer(doc.norm):
            first, last = doc.word_range(match.start() + 1, match.end())  # skip the space
            clause = doc.clause_of[first]
            starts = first - doc.clauses[clause].first
            if rule.starts_within is not None and starts >= rule.starts_within:
                continue
            if rule.side == "idiom":
                seen.idioms.append((first, last))
            elif rule.category == "report":
                seen.reported[clause] = min(seen.reported.get(clause, last), last)
            elif rule.side == "cue":
                seen.cues[clause].setdefault(rule.category, (first, last))
            else:
                seen.found.append(_Found(rule, first, last, clause, rule.category, rule.weight))
    return seen


def _candidates(doc: Document, lex: Lexicon) -> list[int]:
    """The patterns worth trying: those whose first word or two occur in the text.

    Most patterns match nothing in a given text; looking up the text's words and word pairs
    in an index of first words is much cheaper than running them all.
    """
    words = doc.norm.split()
    keys = set(words)
    keys.update(map(" ".join, pairwise(words)))
    numbers = set(lex.always)
    index = lex.index
    for key in keys:
        found = index.get(key)
        if found:
            numbers.update(found)
    return sorted(numbers)


def _find_times(doc: Document, lex: Lexicon, seen: _Seen) -> None:
    """Times matter only next to an action (a plan) or an obligation, so they are found last."""
    for rule in lex.rules:
        if rule.category == "time":
            for match in rule.regex.finditer(doc.norm):
                first, last = doc.word_range(match.start() + 1, match.end())
                seen.times[doc.clause_of[first]].append((first, last))


def _combinations(doc: Document, lex: Lexicon, seen: _Seen, found: list[_Found]) -> list[_Found]:
    """Weak cues that together show a stance: a setback with someone else as its subject.

    Only for clauses where no explicit victim marker was found; two different combinations in
    one clause add up (more cues, more evidence), but no more than two.
    """
    explicit = {f.clause for f in found if f.rule.side == VICTIM}
    added: list[_Found] = []
    for clause, cues in seen.cues.items():
        if clause in explicit:
            continue
        for combo in lex.combinations:
            spans = [cues.get(cue) for cue in combo.cues]
            if any(span is None for span in spans):
                continue
            present = [span for span in spans if span is not None]
            if any(a < b2 and a2 < b for a, b in present for a2, b2 in seen.idioms):
                continue
            first = min(span[0] for span in present)
            last = max(span[1] for span in present)
            if last - first > MAX_COMBINED_WORDS:  # too far apart to show as one phrase
                first, last = present[-1]
            if any(f.clause == clause and (f.first, f.last) == (first, last) for f in added):
                continue  # the same words already show one combination
            added.append(
                _Found(combo.rule, first, last, clause, combo.rule.category, combo.rule.weight)
            )
            if sum(f.clause == clause for f in added) == MAX_COMBINATIONS:
                break
    return added


def _longest(found: list[_Found]) -> list[_Found]:
    """Keep a marker only if no other marker covers it: 'not my fault' beats 'my fault'."""
    found.sort(key=lambda f: (f.first, -(f.last - f.first), -f.weight))
    kept: list[_Found] = []
    for item in found:
        if any(k.first <= item.first and item.last <= k.last for k in kept):
            continue
        kept.append(item)
    return kept


def _plans(
    found: list[_Found], times: dict[int, list[tuple[int, int]]], lex: Lexicon
) -> list[_Found]:
    """A self-directed action and a time in the same clause make a concrete plan."""
    result: list[_Found] = []
    planned: set[int] = set()
    for item in found:
        spans = times.get(item.clause)
        if item.rule.id in PLAN_SOURCES and spans and item.clause not in planned:
            later = [s for s in spans if s[0] >= item.first] or spans
            first = min(item.first, later[0][0])
            last = max(item.last, later[0][1])
            planned.add(item.clause)
            result.append(
                _Found(item.rule, first, last, item.clause, "plan", lex.settings.plan_weight)
            )
        else:
            result.append(item)
    return result


def _weigh(
    doc: Document,
    lex: Lexicon,
    found: list[_Found],
    times: dict[int, list[tuple[int, int]]],
    reported: dict[int, int],
) -> None:
    s = lex.settings
    victims_per_clause: dict[int, int] = defaultdict(int)
    first_victim_clause: dict[int, int] = {}  # sentence -> first clause with a victim marker
    for item in found:
        if item.rule.side == VICTIM:
            victims_per_clause[item.clause] += 1
            sentence = doc.clauses[item.clause].sentence
            first_victim_clause[sentence] = min(
                first_victim_clause.get(sentence, item.clause), item.clause
            )
    for item in found:
        clause = doc.clauses[item.clause]
        question = doc.sentences[clause.sentence].question
        factor = s.relation_factors[clause.relation]
        if item.first >= reported.get(item.clause, len(doc.words)):
            factor *= s.reported_factor
        if (
            item.rule.side == PLAYER
            and clause.relation in RESPONSES
            and first_victim_clause.get(clause.sentence, item.clause) < item.clause
        ):
            factor *= s.response_factor
        elif (
            item.rule.side == PLAYER
            and clause.relation == "plain"
            and item.first <= clause.first + 3  # the writer opens it ("and this time I...")
            and first_victim_clause.get(clause.sentence, item.clause) < item.clause
        ):
            factor *= s.plain_response_factor  # "the head keeps changing direction; I could ask..."
        if question == "yes_no" and item.category in ASKED_NOT_SAID:
            factor *= s.yes_no_question_factor  # "Do I need to bring...?" asks, it doesn't plan
        if item.rule.side == VICTIM:
            if question == "why":
                factor *= s.why_question_factor
            if (
                item.rule.id in DATED_OBLIGATIONS
                and times.get(item.clause)
                and victims_per_clause[item.clause] == 1
            ):
                factor *= s.dated_obligation_factor
        item.weight = round(item.weight * factor, 3)


def _decide(
    victim: float, player: float, last_side: str, threshold: float
) -> tuple[str, bool, float]:
    score = round((player - victim) / (player + victim + 1.0), 3)
    mixed = victim >= threshold and player >= threshold
    if max(victim, player) < threshold:
        return NEUTRAL, False, score
    if abs(player - victim) < 1e-9:
        return last_side, mixed, score
    return (PLAYER if player > victim else VICTIM), mixed, score


def _marker(doc: Document, lex: Lexicon, item: _Found) -> Marker:
    start, end = doc.words[item.first].start, doc.words[item.last - 1].end
    category = lex.categories[item.category]
    explain = item.rule.explain if item.category == item.rule.category else _PLAN_EXPLAIN
    return Marker(
        doc.text[start:end], start, end, category.key, category.side, explain, item.weight
    )


_PLAN_EXPLAIN = "A step you chose, with a time attached: a concrete plan."


def _result(doc: Document, lex: Lexicon, found: list[_Found]) -> Analysis:
    threshold = lex.settings.threshold
    by_sentence: dict[int, list[_Found]] = defaultdict(list)
    for item in sorted(found, key=lambda f: f.first):
        by_sentence[doc.clauses[item.clause].sentence].append(item)
    sentences: list[SentenceResult] = []
    total = {VICTIM: 0.0, PLAYER: 0.0}
    weights: dict[str, float] = defaultdict(float)
    last_side = NEUTRAL
    for index, sentence in enumerate(doc.sentences):
        items = by_sentence.get(index, [])
        sums = {VICTIM: 0.0, PLAYER: 0.0}
        for item in items:
            side = item.rule.side
            sums[side] += item.weight
            weights[item.category] += item.weight
            last_side = side
        stance, mixed, score = _decide(sums[VICTIM], sums[PLAYER], last_side, threshold)
        total[VICTIM] += sums[VICTIM]
        total[PLAYER] += sums[PLAYER]
        sentences.append(
            SentenceResult(
                text=doc.text[sentence.start : sentence.end].strip(),
                start=sentence.start,
                end=sentence.end,
                stance=stance,
                mixed=mixed,
                score=score,
                markers=tuple(_marker(doc, lex, item) for item in items),
            )
        )
    stance, mixed, score = _decide(total[VICTIM], total[PLAYER], last_side, threshold)
    return Analysis(
        text=doc.text,
        stance=stance,
        mixed=mixed,
        score=score,
        victim=round(total[VICTIM], 3),
        player=round(total[PLAYER], 3),
        markers=tuple(m for s in sentences for m in s.markers),
        sentences=tuple(sentences),
        reflection=_reflection(doc, lex, stance, mixed, weights),
    )


def _reflection(
    doc: Document, lex: Lexicon, stance: str, mixed: bool, weights: dict[str, float]
) -> str:
    """One question that fits the strongest markers, varied by text but stable for the same text."""
    if stance == NEUTRAL:
        key = NEUTRAL
    elif mixed and stance == PLAYER:
        key = "mixed"
    else:
        side = [c for c in weights if lex.categories[c].side == stance]
        key = max(side, key=lambda c: weights[c])
    return _question(doc, lex, key)


def _question(doc: Document, lex: Lexicon, key: str) -> str:
    """One of the questions for key, varied by text but stable for the same text."""
    questions = lex.reflections[key]
    return questions[zlib.crc32(doc.norm.encode()) % len(questions)]


def player_share(analyses: Iterable[Analysis]) -> float | None:
    """Share of sentences with a stance that use player language (None when there are none)."""
    player = victim = 0
    for analysis in analyses:
        for sentence in analysis.sentences:
            player += sentence.stance == PLAYER
            victim += sentence.stance == VICTIM
    return None if player + victim == 0 else round(player / (player + victim), 3)
