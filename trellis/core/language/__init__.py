"""Language insight: victim/player stance and inclusive wording, from data files (pure Python)."""

from .inclusive import Finding, InclusiveLexicon, default_inclusive, inclusive, load_inclusive
from .lexicon import Lexicon, default_lexicon, load_lexicon
from .schema import LexiconError
from .stance import Analysis, Marker, SentenceResult, analyze, player_share

__all__ = [
    "Analysis",
    "Finding",
    "InclusiveLexicon",
    "Lexicon",
    "LexiconError",
    "Marker",
    "SentenceResult",
    "analyze",
    "default_inclusive",
    "default_lexicon",
    "inclusive",
    "load_inclusive",
    "load_lexicon",
    "player_share",
]
