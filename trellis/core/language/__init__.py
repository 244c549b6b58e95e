"""Language insight: victim/player stance and inclusive wording, from data files (pure Python)."""

from .lexicon import Lexicon, default_lexicon, load_lexicon
from .schema import LexiconError
from .stance import Analysis, Marker, SentenceResult, analyze, player_share

__all__ = [
    "Analysis",
    "Lexicon",
    "LexiconError",
    "Marker",
    "SentenceResult",
    "analyze",
    "default_lexicon",
    "load_lexicon",
    "player_share",
]
