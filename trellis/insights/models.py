"""Language insight: each coachee's choices about it, their reflections, and a summary of the
stance of what they write (the text itself stays where it was written)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.engagements.models import GRANTING_STATUSES, Engagement


class LanguagePreference(models.Model):
    """A coachee's own switches. Both are off until the coachee turns them on."""

    member = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="language_preference"
    )
    language_insight = models.BooleanField(
        _("Show language insight where I write"),
        default=False,
        help_text=_(
            "Words that give your power away or take it back are highlighted gently, "
            "with a question to reflect on. Nothing is ever blocked."
        ),
    )
    # Consent is given to a person, never to a role: the coach named here, and no one who coaches
    # the coachee later, sees the trend.
    trend_shared_with = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Let this coach see my language trend"),
        help_text=_(
            "The coach you name sees the weekly share, never the words themselves. "
            "A coach you start working with later sees nothing until you name them."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Language preferences of {self.member}"

    @property
    def org_id(self) -> int:  # for the policy's same-organization check
        return self.member.org_id

    def relations_of(self, member: Membership) -> set[str]:
        """`self` (and `opted_in`) for the coachee; `shared_coach` for the one coach the coachee
        named, while the insight is on and that person still coaches them."""
        if member.pk == self.member_id:
            return {"self", "opted_in"} if self.language_insight else {"self"}
        if self.language_insight and self.trend_shared_with_id == member.pk:
            # still their coach: an accepted place in an active or paused engagement
            engagements = Engagement.objects.filter(
                coachee_id=self.member_id, status__in=GRANTING_STATUSES
            ).prefetch_related("participants")
            if any("coach" in e.participant_relations(member) for e in engagements):
                return {"shared_coach"}
        return set()


class Reflection(models.Model):
    """A free reflection a coachee writes for themselves: private to them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField(max_length=10_000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Reflection of {self.member} on {self.created_at:%Y-%m-%d}"


class WritingSample(models.Model):
    """The stance summary of one piece of a coachee's writing: counts, not words."""

    class Source(models.TextChoices):
        REFLECTION = "reflection", _("Reflection")
        CHECK_IN = "check_in", _("Check-in note")
        SESSION_ANSWER = "session_answer", _("Session answer")
        SESSION_REPLY = "session_reply", _("Reply in a session")
        SESSION_NOTE = "session_note", _("Session note")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="writing_samples")
    source = models.CharField(max_length=20, choices=Source.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    player_sentences = models.PositiveIntegerField(default=0)
    victim_sentences = models.PositiveIntegerField(default=0)
    sentences = models.PositiveIntegerField(default=0)
    stance = models.CharField(max_length=10)  # of the whole text: victim, player or neutral
    mixed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} of {self.member} on {self.created_at:%Y-%m-%d}"
