"""Reading text for the stance analyzer: words, their normal forms, sentences and clauses.

The analyzer matches its patterns against one normalised string: lower case, contractions
expanded, typos and British spellings mapped to one form, one space between words and "#"
between clauses. Every normalised word remembers the character span of the word it came from,
so a marker found in the normalised string points back at exactly what the person wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Words (with inner apostrophes), clock times and numbers, and the punctuation that splits text.
_TOKEN = re.compile(
    r"[0-9]+(?:[:.][0-9]+)*(?:[a-zA-Z]+)?"
    r"|[^\W\d_](?:[^\W_]|['\u2019](?=[^\W\d_]))*"
    r"|\n\s*\n|\n|[.!?;:,]+|[\u2013\u2014]|(?<=\s)-{1,2}(?=\s)|\.{3}|\u2026"
)
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e", "g", "i", "approx", "dept", "no"}
)
_AUXILIARIES = frozenset(
    {
        "do", "does", "did", "am", "is", "are", "was", "were", "can", "could", "should", "will",
        "would", "have", "has", "had", "must", "may", "might", "shall",
    }
)  # fmt: skip
_WH = frozenset({"what", "how", "who", "where", "when", "which", "whose"})
_CLAUSE_PUNCT = frozenset({";", ":", "\u2014", "\u2013", "-", "--"})


@dataclass(frozen=True, slots=True)
class ContextRule:
    """A word rewritten only in some contexts ("ill" -> "i will" at the start of a clause)."""

    replacement: str
    at_clause_start: bool
    before: frozenset[str]


@dataclass(frozen=True)
class Normalizer:
    """The tables from normalize.toml, ready to use."""

    clitics: dict[str, str]
    s_is: frozenset[str]
    words: dict[str, str]  # contractions, missing apostrophes, typos, spellings
    suffixes: tuple[tuple[str, str], ...]
    context: dict[str, ContextRule]
    known: frozenset[str]  # words the patterns mention; suffix rewrites must land on one
    implied: dict[str, str]  # a sentence opening with "booked" or "going" means "I booked"
    cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def word(self, lower: str) -> str:
        """The normal form of one lower-cased word (may be several words)."""
        cached = self.cache.get(lower)
        if cached is None:
            cached = self._word(lower)
            if len(self.cache) < 50_000:  # bounded: a long-running process sees unbounded text
                self.cache[lower] = cached
        return cached

    def _word(self, lower: str) -> str:
        if lower in self.words:
            return self.words[lower]
        if "'" in lower:
            for clitic, meaning in self.clitics.items():
                if lower.endswith(clitic) and len(lower) > len(clitic):
                    stem = self.word(lower[: -len(clitic)])
                    return f"{stem} {meaning}"
            if lower.endswith("'s"):
                stem = self.word(lower[:-2])
                return f"{stem} is" if stem in self.s_is else f"{stem} 's"
            return lower.replace("'", "")
        if lower in self.known:
            return lower
        squeezed = re.sub(r"(.)\1{2,}", r"\1\1", lower)  # "sooooo" -> "soo"
        if squeezed != lower:
            for candidate in (squeezed, re.sub(r"(.)\1+", r"\1", squeezed)):
                if candidate in self.known or candidate in self.words:
                    return self.word(candidate)
        for old, new in self.suffixes:
            if lower.endswith(old):
                candidate = lower[: -len(old)] + new
                if candidate in self.known:
                    return candidate
        return lower


@dataclass(frozen=True, slots=True)
class Word:
    norm: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Clause:
    sentence: int
    first: int  # index of its first word
    last: int  # index after its last word
    relation: str  # how it joins what came before: plain, contrast, concession, consequence, reason


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    first_clause: int
    last_clause: int  # exclusive
    question: str  # "", "why", "yes_no", "wh" or "other"


@dataclass(frozen=True)
class Document:
    text: str
    words: tuple[Word, ...]
    norm: str
    offsets: tuple[int, ...]  # where each word starts in norm
    clauses: tuple[Clause, ...]
    clause_of: tuple[int, ...]  # clause index of each word
    sentences: tuple[Sentence, ...]

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """The words covering norm[start:end], as [first, last)."""
        first = bisect_right(self.offsets, start) - 1
        last = bisect_right(self.offsets, max(start, end - 1))
        return first, last


@dataclass(frozen=True)
class Connectives:
    """Clause-opening words by relation, and the words that may start a clause's subject."""

    by_word: dict[str, str]  # "but" -> "contrast", "even though" -> "concession"
    subject_starts: frozenset[str]


def _rewrite(
    normalizer: Normalizer, lower: str, at_clause_start: bool, next_lower: str | None
) -> str:
    rule = normalizer.context.get(lower)
    if rule is not None:
        start_ok = at_clause_start or not rule.at_clause_start
        before_ok = not rule.before or (next_lower is not None and next_lower in rule.before)
        if start_ok and before_ok:
            return rule.replacement
    return normalizer.word(lower)


def read(text: str, normalizer: Normalizer, connectives: Connectives) -> Document:
    """Split text into sentences and clauses of normalised words with original spans."""
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    words: list[Word] = []
    # Each entry: index into words where a clause or sentence break falls, and its kind.
    breaks: dict[int, str] = {}
    sentence_ends: list[tuple[int, int, str]] = []  # (word index, char end, question kind)
    clause_start = sentence_start = True
    for index, (token, start, end) in enumerate(raw):
        first = token[0]
        if first.isalnum():
            lower = token.lower().replace("\u2019", "'")
            following = raw[index + 1][0].lower() if index + 1 < len(raw) else None
            if sentence_start and lower in normalizer.implied:
                # Notes drop the subject: "Booked a call for Tuesday" reads as "I booked...".
                for part in normalizer.implied[lower].split():
                    words.append(Word(part, start, start))
            sentence_start = False
            norm = _rewrite(normalizer, lower, clause_start, following)
            for part in norm.split():
                words.append(Word(part, start, end))
            clause_start = lower in connectives.by_word
            continue
        clause_start = True
        if token.startswith("\n") or token[0] in ".!?\u2026":
            if token[0] == "." and token != "..." and _is_abbreviation(raw, index, text):
                continue
            question = "?" if "?" in token else ""
            sentence_ends.append((len(words), end, question))
            sentence_start = True
        elif token in _CLAUSE_PUNCT or token[0] in ";:":
            breaks[len(words)] = "plain"
        elif token[0] == ",":
            breaks.setdefault(len(words), "comma")
    return _assemble(text, words, breaks, sentence_ends, connectives)


def _is_abbreviation(raw: list[tuple[str, int, int]], index: int, text: str) -> bool:
    end = raw[index][2]
    if end < len(text) and not text[end].isspace():
        return True  # "e.g" or "3.5": no space after the full stop
    return index > 0 and raw[index - 1][0].lower() in _ABBREVIATIONS and len(raw[index - 1][0]) < 5


def _assemble(
    text: str,
    words: list[Word],
    breaks: dict[int, str],
    sentence_ends: list[tuple[int, int, str]],
    connectives: Connectives,
) -> Document:
    if not sentence_ends or sentence_ends[-1][0] < len(words):
        sentence_ends.append((len(words), len(text), ""))
    clauses: list[Clause] = []
    sentences: list[Sentence] = []
    clause_of: list[int] = []
    parts: list[str] = [" "]  # every word, the first too, follows a space (see lexicon.py)
    offsets: list[int] = []
    position = 1
    first_word = 0
    for end_word, end_char, mark in sentence_ends:
        if end_word <= first_word:
            continue
        first_clause = len(clauses)
        for first, last, relation in _split_clauses(
            words, first_word, end_word, breaks, connectives
        ):
            if len(parts) > 1:
                parts.append(" # ")
                position += 3
            for index in range(first, last):
                if index > first:
                    parts.append(" ")
                    position += 1
                offsets.append(position)
                parts.append(words[index].norm)
                position += len(words[index].norm)
                clause_of.append(len(clauses))
            clauses.append(Clause(len(sentences), first, last, relation))
        question = _question_kind(words, first_word, end_word, connectives) if mark else ""
        sentences.append(
            Sentence(words[first_word].start, end_char, first_clause, len(clauses), question)
        )
        first_word = end_word
    return Document(
        text=text,
        words=tuple(words),
        norm="".join(parts),
        offsets=tuple(offsets),
        clauses=tuple(clauses),
        clause_of=tuple(clause_of),
        sentences=tuple(sentences),
    )


def _split_clauses(
    words: list[Word], first: int, last: int, breaks: dict[int, str], connectives: Connectives
) -> list[tuple[int, int, str]]:
    """Clause boundaries inside one sentence, with the relation each clause opens with."""
    spans: list[tuple[int, int, str]] = []
    start = first
    relation = _relation_at(words, first, last, connectives) or "plain"
    index = first + 1
    while index < last:
        found = _relation_at(words, index, last, connectives)
        after_comma = breaks.get(index) == "comma"
        opens = found is not None and (
            after_comma or _subject_follows(words, index, last, connectives)
        )
        # A fronted subordinate clause ("Even though I wasn't shortlisted, I'm asking...") ends
        # at the comma before the main clause's subject.
        main = (
            after_comma
            and relation != "plain"
            and words[index].norm in connectives.subject_starts
            and index - start > 1
        )
        if breaks.get(index) == "plain" or opens or main:
            spans.append((start, index, relation))
            start = index
            relation = found if opens and found else "plain"
        index += 1
    spans.append((start, last, relation))
    return spans


def _relation_at(words: list[Word], index: int, last: int, connectives: Connectives) -> str | None:
    if index + 1 < last:
        pair = f"{words[index].norm} {words[index + 1].norm}"
        if pair in connectives.by_word:
            return connectives.by_word[pair]
    return connectives.by_word.get(words[index].norm)


def _subject_follows(words: list[Word], index: int, last: int, connectives: Connectives) -> bool:
    step = 1
    if index + 2 < last and f"{words[index].norm} {words[index + 1].norm}" in connectives.by_word:
        step = 2
    return index + step < last and words[index + step].norm in connectives.subject_starts


def _question_kind(words: list[Word], first: int, last: int, connectives: Connectives) -> str:
    index = first
    while index < last - 1 and words[index].norm in connectives.by_word:
        index += 1  # "But why ...?", "So what ...?"
    head = words[index].norm
    if head == "why" or (head == "how" and index + 1 < last and words[index + 1].norm == "come"):
        return "why"
    if head in _WH:
        return "wh"
    if head in _AUXILIARIES:
        return "yes_no"
    return "other"
