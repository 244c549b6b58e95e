"""Loading the stance data files into compiled rules; every problem names file, field and need."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .schema import UNKNOWN_MACRO, UNKNOWN_NAME, LexiconError, Reader, read_toml
from .text import Connectives, ContextRule, Normalizer
from .triggers import first_words

DATA_DIR = Path(__file__).parent / "data"
SIDES = ("victim", "player", "idiom", "feature", "cue")
STANCE_SIDES = ("victim", "player")
MISSING_REFLECTIONS = (
    "{file}: reflections.{field}: missing; expected at least two questions for category {field!r}"
)
TRAILING_SPACE = "{file}: {field}: expected a pattern that ends with a word (a match must end where a word ends), got {got!r}"
LABEL_IN_REFLECTION = "{file}: {field}: expected a question without labels, found {word!r}"
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_WORDS = re.compile(r"[a-z][a-z']*")
_NEVER = re.compile(r"(?!)")  # combinations are not matched by a pattern of their own


@dataclass(frozen=True)
class Category:
    key: str
    side: str
    label: str


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    side: str
    weight: float
    explain: str
    regex: re.Pattern[str]
    starts_within: int | None = None  # the match must start within this many words of its clause


@dataclass(frozen=True)
class Part:
    """One pattern of a rule, compiled on its own so that it can be skipped on its own."""

    rule: Rule
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Combination:
    """Cues that show a stance only together; rule carries its category, weight and explanation."""

    cues: tuple[str, ...]
    rule: Rule


@dataclass(frozen=True)
class Settings:
    threshold: float
    plan_weight: float
    reported_factor: float
    yes_no_question_factor: float
    why_question_factor: float
    response_factor: float
    plain_response_factor: float
    dated_obligation_factor: float
    relation_factors: dict[str, float]


@dataclass(frozen=True)
class Lexicon:
    normalizer: Normalizer
    connectives: Connectives
    settings: Settings
    categories: dict[str, Category]
    rules: tuple[Rule, ...]
    combinations: tuple[Combination, ...]
    parts: tuple[Part, ...]  # every pattern but the time ones, in rule order
    index: dict[str, tuple[int, ...]]  # first word or first two words -> parts starting so
    always: tuple[int, ...]  # parts whose first words cannot be listed: tried on every text
    reflections: dict[
        str, tuple[str, ...]
    ]  # category key, "mixed", "neutral" or "whole_text" -> questions


def _inflect(base: str, irregular: dict[str, tuple[str, str, str]]) -> tuple[str, str, str, str]:
    """(third person, past, participle, -ing) of a verb; a phrasal verb inflects its head."""
    head, _, rest = base.partition(" ")
    tail = f" {rest}" if rest else ""
    if head in irregular:
        past, participle, ing = irregular[head]
    else:
        if head.endswith("e"):
            past = head + "d"
            ing = head + "ing" if head.endswith(("ee", "ye", "oe")) else head[:-1] + "ing"
        elif head.endswith("y") and head[-2:-1] not in "aeiou":
            past, ing = head[:-1] + "ied", head + "ing"
        else:
            past, ing = head + "ed", head + "ing"
        participle = past
    if head.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = head + "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        third = head[:-1] + "ies"
    else:
        third = head + "s"
    return third + tail, past + tail, participle + tail, ing + tail


def _alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """A regex matching any of the phrases, built as a character trie.

    The regex engine tries alternatives one by one at every position; a trie lets it give up
    after one character where a flat list of 300 verbs would try all 300.
    """
    root: dict[str, dict[str, Any]] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie_regex(root) + ")"


def _trie_regex(node: dict[str, dict[str, Any]]) -> str:
    branches = [
        (" " if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase ends here and longer ones continue: prefer the longer (greedy)
        return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


def _macros(path: Path) -> tuple[dict[str, str], set[str]]:
    reader = Reader(path.name, read_toml(path))
    macros: dict[str, str] = {}
    vocabulary: set[str] = set()
    words = reader.table_of("words")
    for name in words.table:
        phrases = words.texts(name)
        macros[name] = _alternation(phrases)
        vocabulary.update(w for p in phrases for w in p.split())
    irregular_reader = reader.table_of("irregular", optional=True)
    irregular: dict[str, tuple[str, str, str]] = {}
    for verb in irregular_reader.table:
        forms = irregular_reader.texts(verb)
        if len(forms) != 3:
            raise irregular_reader.fail(
                "{file}: {field}: expected [past, participle, -ing], got {got!r}", verb, got=forms
            )
        irregular[verb] = (forms[0], forms[1], forms[2])
    verbs = reader.table_of("verbs")
    for name in verbs.table:
        bases = verbs.texts(name)
        inflected = [_inflect(base, irregular) for base in bases]
        columns = {
            "": list(bases),
            "_S": [f[0] for f in inflected],
            "_ED": [f[1] for f in inflected],
            "_PP": [f[2] for f in inflected],
            "_ING": [f[3] for f in inflected],
        }
        for suffix, items in columns.items():
            # "reteach", "redraft", "re-book": a repeated action is still the writer's action
            macros[name + suffix] = "(?:re ?)?" + _alternation(items)
            vocabulary.update(w for item in items for w in item.split())
        macros[name + "_ANY"] = _alternation([i for items in columns.values() for i in items])
    fragments = reader.table_of("macros")
    for name in fragments.table:
        macros[name] = "(?:" + _expand(fragments, name, fragments.text(name), macros) + ")"
    return macros, vocabulary


_PLAIN_GROUP = re.compile(r"\(\?:([a-z' ]+(?:\|[a-z' ]+)+)\)")


def _expand(reader: Reader, field: str, source: str, macros: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise LexiconError(
                UNKNOWN_MACRO.format(
                    file=reader.file,
                    field=reader.field(field),
                    got=name,
                    choices=", ".join(sorted(macros)),
                )
            )
        return macros[name]

    # Groups of plain words written inline, "(?:ignored|ignores|ignore)", become tries too.
    source = _PLAIN_GROUP.sub(lambda m: _alternation(m.group(1).split("|")), source)
    return _MACRO.sub(replace, source)


def _normalizer(path: Path, known: frozenset[str]) -> Normalizer:
    reader = Reader(path.name, read_toml(path))
    words: dict[str, str] = {}
    for table in ("contractions", "missing_apostrophe", "typos", "spelling"):
        words.update(reader.string_map(table))
    suffixes = tuple((s.text("from"), s.text("to")) for s in reader.tables("suffix"))
    context_reader = reader.table_of("context")
    context: dict[str, ContextRule] = {}
    for word in context_reader.table:
        entry = context_reader.table_of(word)
        context[word] = ContextRule(
            replacement=entry.text("as"),
            at_clause_start=entry.flag("at_clause_start", False),
            before=frozenset(entry.texts("before", allow_empty=True)),
        )
    return Normalizer(
        clitics=reader.string_map("clitics"),
        s_is=frozenset(reader.table_of("s_is").texts("words")),
        words=words,
        suffixes=suffixes,
        context=context,
        known=known,
        implied=reader.string_map("implied_subject"),
    )


def _connectives(clauses: Reader) -> Connectives:
    by_word: dict[str, str] = {}
    for relation in ("plain", "reason", "consequence", "concession", "contrast"):
        for word in clauses.texts(relation):
            by_word.setdefault(word, relation)
    return Connectives(by_word, frozenset(clauses.texts("subject_starts")))


def _settings(reader: Reader, clauses: Reader) -> Settings:
    s = reader.table_of("settings")
    factors = clauses.table_of("factors")
    return Settings(
        threshold=s.number("threshold", 0.0, 10.0),
        plan_weight=s.number("plan_weight", 0.0, 5.0),
        reported_factor=s.number("reported_factor", 0.0, 1.0),
        yes_no_question_factor=s.number("yes_no_question_factor", 0.0, 1.0),
        why_question_factor=s.number("why_question_factor", 0.0, 5.0),
        response_factor=s.number("response_factor", 0.0, 5.0),
        plain_response_factor=s.number("plain_response_factor", 0.0, 5.0),
        dated_obligation_factor=s.number("dated_obligation_factor", 0.0, 1.0),
        relation_factors={
            key: factors.number(key, 0.0, 5.0)
            for key in ("plain", "reason", "consequence", "concession", "contrast")
        },
    )


def _reflections(path: Path, categories: dict[str, Category]) -> dict[str, tuple[str, ...]]:
    reader = Reader(path.name, read_toml(path))
    forbidden = reader.texts("forbidden_words")
    questions = reader.table_of("reflections")
    result: dict[str, tuple[str, ...]] = {}
    needed = [c.key for c in categories.values() if c.side in STANCE_SIDES] + [
        "mixed",
        "neutral",
        "whole_text",
    ]
    for key in needed:
        if key not in questions.table:
            raise LexiconError(MISSING_REFLECTIONS.format(file=path.name, field=key))
    for key in questions.table:
        items = questions.texts(key)
        for index, item in enumerate(items):
            lowered = set(_WORDS.findall(item.lower()))
            for word in forbidden:
                if word in lowered:
                    raise LexiconError(
                        LABEL_IN_REFLECTION.format(
                            file=path.name, field=f"reflections.{key}[{index}]", word=word
                        )
                    )
        result[key] = items
    return result


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read and validate the stance data files in data_dir."""
    macros, vocabulary = _macros(data_dir / "vocabulary.toml")
    stance_path = data_dir / "stance.toml"
    reader = Reader(stance_path.name, read_toml(stance_path))
    clauses = reader.table_of("clauses")
    categories: dict[str, Category] = {}
    for entry in reader.tables("category"):
        key = entry.text("key")
        categories[key] = Category(key, entry.choice("side", SIDES, "side"), entry.text("label"))
    rules: list[Rule] = []
    parts: list[tuple[Part, frozenset[str] | None]] = []
    for entry in reader.tables("rule"):
        category = entry.choice("category", tuple(categories), "category")
        patterns = entry.texts("patterns")
        for index, pattern in enumerate(patterns):
            if pattern.endswith(" "):
                raise entry.fail(TRAILING_SPACE, f"patterns[{index}]", got=pattern)
        expanded = [_expand(entry, f"patterns[{i}]", p, macros) for i, p in enumerate(patterns)]
        for pattern in patterns:
            vocabulary.update(_WORDS.findall(re.sub(r"\\[a-zA-Z]", " ", pattern)))
        # The normalised text starts with a space and has one before every word, so a leading
        # literal space anchors each match at a word start and lets the engine skip ahead fast.
        source = " (?:" + "|".join(expanded) + r")(?![\w'])"
        within = entry.number("starts_within", 1, 50) if entry.has("starts_within") else None
        rule = Rule(
            id=entry.text("id"),
            category=category,
            side=categories[category].side,
            weight=entry.number("weight", 0.0, 5.0),
            explain=entry.text("explain"),
            regex=entry.compile("patterns", source),
            starts_within=None if within is None else int(within),
        )
        rules.append(rule)
        if category != "time":  # times are looked for separately, only when needed
            for pattern in expanded:
                keys = first_words(pattern, 2) or first_words(pattern, 1)
                regex = entry.compile("patterns", " (?:" + pattern + r")(?![\w'])")
                parts.append((Part(rule, regex), keys))
    cue_keys = tuple(key for key, c in categories.items() if c.side == "cue")
    stance_keys = tuple(key for key, c in categories.items() if c.side in STANCE_SIDES)
    combinations: list[Combination] = []
    for entry in reader.tables("combination"):
        cues = entry.texts("cues")
        for index, cue in enumerate(cues):
            if cue not in cue_keys:
                raise entry.fail(
                    UNKNOWN_NAME, f"cues[{index}]", kind="cue", got=cue, choices=", ".join(cue_keys)
                )
        category = entry.choice("category", stance_keys, "category")
        rule = Rule(
            id=entry.text("id"),
            category=category,
            side=categories[category].side,
            weight=entry.number("weight", 0.0, 5.0),
            explain=entry.text("explain"),
            regex=_NEVER,
        )
        combinations.append(Combination(cues, rule))
    known = frozenset(vocabulary)
    return Lexicon(
        normalizer=_normalizer(data_dir / "normalize.toml", known),
        connectives=_connectives(clauses),
        settings=_settings(reader, clauses),
        categories=categories,
        rules=tuple(rules),
        combinations=tuple(combinations),
        parts=tuple(part for part, _ in parts),
        index=_index(parts),
        always=tuple(i for i, (_, keys) in enumerate(parts) if keys is None),
        reflections=_reflections(data_dir / "reflections.toml", categories),
    )


def _index(parts: list[tuple[Part, frozenset[str] | None]]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for number, (_, keys) in enumerate(parts):
        for key in keys or ():
            index.setdefault(key, []).append(number)
    return {key: tuple(numbers) for key, numbers in index.items()}


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with Trellis, loaded once per process."""
    return load_lexicon()
