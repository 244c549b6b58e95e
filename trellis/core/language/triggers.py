"""Which words can a pattern's match start with? Used to skip rules that cannot match a text.

Every rule is tried on every text, and most rules match nothing. When all of a rule's matches
must start with one of a known set of words ("made", "makes", "forced", ...), a text without any
of them can skip the rule. The set is read from Python's own parse of the regex; whenever it
cannot be bounded (a character class such as [a-z]+, a repeated word), the answer is None and
the rule always runs, so the shortcut never changes what is found.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind re.compile; private, so fall back to "no shortcut" if it moves
    from re import _constants as _c  # type: ignore[attr-defined, unused-ignore]
    from re import _parser as _p  # type: ignore[attr-defined, unused-ignore]
except ImportError:  # pragma: no cover - other Python versions
    _p = _c = None

_LIMIT = 3000  # beyond this many candidate words, filtering is not worth it


class _Unbounded(Exception):
    pass


def first_words(source: str, count: int = 1) -> frozenset[str] | None:
    """The first `count` words (space-joined) a match of source must start with, or None.

    A match shorter than `count` words contributes its whole text. With count=2 the keys are
    bigrams such as "i have" or "made me", which single out a pattern far better than "i".
    """
    if _p is None:
        return None
    try:
        parsed = _p.parse(source)
        done, still_open = _walk(list(parsed), {""}, count - 1)
    except (_Unbounded, RecursionError, re.error, TypeError, ValueError):
        return None
    words = done | still_open
    if not words or any(not w or w.endswith(" ") or "  " in w for w in words):
        return None
    return frozenset(words)


def _walk(
    items: list[tuple[Any, Any]], prefixes: set[str], spaces: int
) -> tuple[set[str], set[str]]:
    """Follow a parsed sequence; return (keys completed, prefixes still open).

    A key is complete when it holds `spaces` spaces and reaches one more.
    """
    done: set[str] = set()
    current = set(prefixes)
    for op, av in items:
        if not current:
            break
        if op is _c.LITERAL:
            char = chr(av)
            if char == " ":
                done |= {p for p in current if p.count(" ") == spaces}
                current = {p + " " for p in current if p.count(" ") < spaces}
            else:
                current = {p + char for p in current}
        elif op is _c.IN:
            chars = _small_set(av)
            if " " in chars:
                raise _Unbounded  # a space inside a set: words would be ambiguous
            current = {p + char for p in current for char in chars}
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: does not change the words
        elif op is _c.SUBPATTERN:
            sub_done, current = _walk(list(av[-1]), current, spaces)
            done |= sub_done
        elif op is _c.BRANCH:
            next_open: set[str] = set()
            for branch in av[1]:
                sub_done, sub_open = _walk(list(branch), current, spaces)
                done |= sub_done
                next_open |= sub_open
            current = next_open
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, high, body = av
            frontier, reachable = current, (set(current) if low == 0 else set())
            rounds = 0
            while frontier and rounds < high:
                rounds += 1
                sub_done, frontier = _walk(list(body), frontier, spaces)
                done |= sub_done
                if rounds >= low:
                    reachable |= frontier
                if rounds > spaces + 1 and frontier:
                    raise _Unbounded  # a repeated piece that never completes a word
            current = reachable
        else:
            raise _Unbounded  # character classes, "any character" and the like
        if len(current) + len(done) > _LIMIT:
            raise _Unbounded
    return done, current


def _small_set(items: list[tuple[Any, Any]]) -> set[str]:
    """The characters of a small positive set such as [ds]; anything larger is unbounded."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < 10:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            raise _Unbounded
    return chars
