"""Which language a person reads Trellis in: their own choice, else their browser's (pages) or English (emails)."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.utils import translation

from trellis.accounts.models import User


def language_of(user: User | None) -> str:
    """The language to write to this person in (emails, files): their choice, else the site's default."""
    chosen = getattr(user, "language", "") if user is not None else ""
    return chosen or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user: User | None) -> Iterator[None]:
    """Compose an email or a file for `user` in their language, whatever the request's language is."""
    with translation.override(language_of(user)):
        yield


def choose_language(*, user: User, language: str) -> None:
    """Save a person's language; blank means their browser's choice."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValueError(
            f"language: expected one of {', '.join(dict(settings.LANGUAGES))} or blank"
        )
    user.language = language
    user.save(update_fields=["language"])


def words_in_language(words: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """`words` ((key, message marked with gettext_noop), ...) translated into the active
    language, once a process for each language: each `gettext` walks the catalogue's fallbacks
    (about 50 Python calls), which rows a page repeats would pay for every row."""
    return _translated(translation.get_language(), words)


@lru_cache(maxsize=64)
def _translated(language: str | None, words: tuple[tuple[str, str], ...]) -> dict[str, str]:
    del language  # the key: the words are translated into the active language
    return {key: translation.gettext(message) for key, message in words}
