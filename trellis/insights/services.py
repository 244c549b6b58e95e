"""Writes for language insight: a coachee's switches, their reflections, and the stance summary
of what they write (recorded only for a coachee who opted in)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from trellis.accounts.models import Membership
from trellis.core.language import analyze
from trellis.insights import selectors
from trellis.insights.models import LanguagePreference, Reflection, WritingSample

logger = logging.getLogger(__name__)

REFLECTION_EMPTY = gettext_noop("Write a few words to save a reflection.")
TEXT_TOO_LONG = gettext_noop("Keep it under %(limit)s characters; this text has %(length)s.")
UNKNOWN_SOURCE = "Unknown source {source!r}: expected one of {expected}."
MAX_REFLECTION = 10_000
NOT_YOUR_COACH = gettext_noop("You can share your trend only with someone who coaches you now.")


def preference_update(
    *, actor: Membership, language_insight: bool, trend_shared_with: Membership | None = None
) -> LanguagePreference:
    """A coachee switches language insight on or off and names the one coach (or nobody) who may
    see its trend. Consent goes to that person: whoever coaches them later sees nothing."""
    if trend_shared_with is not None and not (
        selectors.coaches_of(member=actor).filter(pk=trend_shared_with.pk).exists()
    ):
        raise ValidationError({"trend_shared_with": _(NOT_YOUR_COACH)})
    with transaction.atomic(durable=True):
        preference, _created = LanguagePreference.objects.select_for_update().get_or_create(
            member=actor
        )
        preference.language_insight = language_insight
        preference.trend_shared_with = trend_shared_with
        preference.full_clean()
        preference.save()
    return preference


def writing_record(*, member: Membership, text: str, source: str) -> WritingSample | None:
    """Keep the stance summary (sentence counts, not the words) of something a coachee wrote,
    for their trend. Nothing is kept for anyone who has not opted in.

    Callers are other services, inside their own transaction: this joins it rather than opening
    a durable one. It never stops their save: a failure to analyze is logged and skipped.
    """
    if source not in WritingSample.Source.values:
        raise ValueError(
            UNKNOWN_SOURCE.format(source=source, expected=", ".join(WritingSample.Source.values))
        )
    if not text.strip() or not selectors.insight_on(member=member):
        return None
    if not selectors.reads_text(member=member, text=text):
        return None  # the lexicons read English only: no score for other languages
    try:
        analysis = analyze(text)
    except Exception:  # the coachee's save matters more than their trend
        logger.exception("language analysis failed; writing sample skipped")
        return None
    sample = WritingSample(
        member=member,
        source=source,
        created_at=timezone.now(),
        player_sentences=sum(s.stance == "player" for s in analysis.sentences),
        victim_sentences=sum(s.stance == "victim" for s in analysis.sentences),
        sentences=len(analysis.sentences),
        stance=analysis.stance,
        mixed=analysis.mixed,
    )
    with transaction.atomic():
        sample.full_clean()
        sample.save()
    return sample


def text_of(value: object) -> str:
    """The words in a structured answer (a stage's answers: texts, lists, nested fields), one
    per line, for writing_record."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(text_of(v) for v in value.values())
    if isinstance(value, list | tuple):
        return "\n".join(text_of(v) for v in value)
    return ""


def reflection_create(*, actor: Membership, text: str) -> Reflection:
    """A coachee's free reflection, kept for them; its stance joins their trend when they opted in."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _(REFLECTION_EMPTY)})
    if len(text) > MAX_REFLECTION:
        sizes = {
            "limit": number_format(MAX_REFLECTION, force_grouping=True),
            "length": number_format(len(text), force_grouping=True),
        }
        raise ValidationError({"text": _(TEXT_TOO_LONG) % sizes})
    with transaction.atomic(durable=True):
        reflection = Reflection(member=actor, text=text)
        reflection.full_clean()
        reflection.save()
        writing_record(member=actor, text=text, source=WritingSample.Source.REFLECTION)
    return reflection


def writing_history_forget(*, actor: Membership) -> int:
    """A coachee deletes the stance summaries behind their trend (their writing stays)."""
    with transaction.atomic(durable=True):
        deleted, _kinds = WritingSample.objects.filter(member=actor).delete()
    return deleted
