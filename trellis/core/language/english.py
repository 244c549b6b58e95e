"""The stance and inclusive lexicons are English only: whether a language, or a text, is one they read.

The text check is deliberately plain: it counts the commonest function words of English against
those of the other languages Trellis speaks (German, Portuguese, Spanish). It answers "yes" when a
text gives no sign either way (a few words, names, numbers), so the writer's interface language
decides those.
"""

from __future__ import annotations

import re

READS = "en"

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "i",
        "it",
        "is",
        "that",
        "for",
        "with",
        "my",
        "was",
        "this",
        "have",
        "be",
        "but",
        "not",
        "you",
        "they",
        "we",
        "will",
        "are",
        "his",
        "her",
        "our",
        "your",
        "their",
        "what",
        "when",
        "there",
        "been",
        "would",
        "could",
        "should",
        "about",
        "from",
        "which",
        "i'm",
        "i've",
        "don't",
        "can't",
        "won't",
        "didn't",
        "isn't",
        "doesn't",
        "it's",
        "i'll",
    ]
)
# Words shared with English ("a", "do", "no", "me", "in", "so", "was", "on"...) are left out of these.
_OTHERS = (
    frozenset(
        [
            "und",
            "ich",
            "der",
            "die",
            "das",
            "nicht",
            "ist",
            "mit",
            "zu",
            "ein",
            "eine",
            "wir",
            "auf",
            "für",
            "mich",
            "mir",
            "habe",
            "den",
            "dem",
            "aber",
            "auch",
            "wie",
            "sich",
            "noch",
            "kann",
            "werde",
            "bin",
            "sind",
            "hat",
            "haben",
            "wird",
            "dass",
            "oder",
            "wenn",
            "nur",
            "schon",
            "mein",
            "meine",
            "não",
            "que",
            "eu",
            "um",
            "uma",
            "para",
            "com",
            "em",
            "os",
            "meu",
            "minha",
            "mas",
            "isso",
            "estou",
            "foi",
            "por",
            "da",
            "na",
            "nao",
            "você",
            "muito",
            "também",
            "porque",
            "ele",
            "ela",
            "já",
            "quando",
            "sobre",
            "tenho",
            "está",
            "são",
            "el",
            "la",
            "y",
            "es",
            "una",
            "con",
            "los",
            "las",
            "mi",
            "pero",
            "estoy",
            "fue",
            "lo",
            "se",
            "del",
            "yo",
            "muy",
            "también",
            "porque",
            "tengo",
            "está",
            "son",
            "cuando",
            "sobre",
            "esto",
        ]
    )
    - _ENGLISH
)


def reads_language(code: str) -> bool:
    """Whether a language code ("en-gb", "de", "pt_BR") is one the lexicons read."""
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] == READS


def looks_english(text: str) -> bool:
    """Whether a text looks English rather than German, Portuguese or Spanish; True when unsure."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    english = sum(w in _ENGLISH for w in words)
    others = sum(w in _OTHERS for w in words)
    return english >= others
