"""Does a GAS level describe behaviour others can see? A leadership goal's levels are what its
stakeholders will rate, so each should say what someone would see or hear the leader do ("asks
each report for one idea in the weekly meeting"), not what the leader feels, thinks or is
("feels more confident"). A plain check on the words, never a refusal: it names the level and why,
and the person rewrites it or keeps it.

The word lists are ours and English only, like the language checks (docs/leadership.md)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

LEVEL_NAMES = ("-2", "-1", "0", "+1", "+2")

# what is inside the person: nobody else sees it directly
INNER = frozenset(
    """feel feels felt feeling confident confidence comfortable comfortably think thinks thought
    believe believes belief understand understands understanding know knows aware awareness
    realise realises realize realizes want wants wish wishes hope hopes appreciate appreciates
    mindset attitude motivated motivation happier calmer calm relaxed anxious stressed enjoy
    enjoys care cares trust trusts value values""".split()  # noqa: SIM905 - a word list reads better as words
)
# what someone else could see or hear the person do
SEEN = frozenset(
    """ask asks asked say says said tell tells told run runs ran hold holds held write writes
    wrote send sends sent present presents presented delegate delegates delegated give gives
    gave share shares shared chair chairs schedule schedules book books invite invites thank
    thanks thanked summarise summarises summarize summarizes speak speaks spoke respond responds
    reply replies replied publish publishes document documents decide decides decided name names
    raise raises agree agrees meet meets met call calls lead leads led listen listens interrupt
    interrupts interrupting review reviews explain explains check checks follow follows set sets
    close closes start starts open opens stop stops note notes credit credits praise praises
    coach coaches report reports attend attends offer offers propose proposes post posts list
    lists show shows walk walks visit visits sit sits plan plans brief briefs answer answers
    escalate escalates pause pauses admit admits apologise apologises apologize apologizes
    recognise recognises recognize recognizes hand hands assign assigns ends end skip skips miss
    misses cancel cancels avoid avoids join joins leave leaves""".split()  # noqa: SIM905 - as above
)
# words before the main verb: "she is more ...", "the leader rarely ..."
LEAD_IN = frozenset(
    """i she he they we the leader manager is are am be becomes become seems seem gets get more
    less much a an very rarely often never always sometimes still usually clearly""".split()  # noqa: SIM905 - as above
)
WHY_INNER = "'{word}' is inside the leader, which nobody else can see"
WHY_NOTHING_SEEN = "it names nothing someone else would see or hear the leader do"


@dataclass(frozen=True)
class HiddenLevel:
    level: str  # "-2" .. "+2"
    text: str
    why: str

    def __str__(self) -> str:
        return f"Level {self.level} ({self.text!r}): {self.why}; say what others would see."


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def hidden_levels(levels: Sequence[str]) -> list[HiddenLevel]:
    """The levels (given -2 to +2) that do not describe visible behaviour; empty ones are left
    alone (a goal may leave a level to be written later)."""
    found = []
    for name, text in zip(LEVEL_NAMES, levels, strict=False):
        words = _words(text)
        if not words:
            continue
        head = next((w for w in words if w not in LEAD_IN), "")
        if head in INNER:  # "feels more confident about delegating"
            found.append(HiddenLevel(name, text.strip(), WHY_INNER.format(word=head)))
        elif not any(_forms(w) & SEEN for w in words):
            found.append(HiddenLevel(name, text.strip(), WHY_NOTHING_SEEN))
    return found


def _forms(word: str) -> set[str]:
    """The word and the plain verbs it may come from: "delegating" -> "delegate"."""
    forms = {word}
    if word.endswith("ing") and len(word) > 5:
        forms |= {word[:-3], word[:-3] + "e"}
    if word.endswith("ed") and len(word) > 4:
        forms |= {word[:-2], word[:-1]}
    if word.endswith("s") and len(word) > 3:
        forms.add(word[:-1])
    return forms
