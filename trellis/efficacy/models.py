"""Self-efficacy's four sources in the product (Bandura, 1977): small wins (mastery), role-model
stories (vicarious experience), encouragement notes (verbal persuasion) and a one-tap mood
(emotional state). Wins and moods are the person's own; a story is published only after review;
a note is seen by its sender and its recipient."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization


class SmallWin(models.Model):
    """A thing the person showed they can do, on their plan; often written after an action is done."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="small_wins")
    action = models.ForeignKey(
        "goals.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:40]


class Mood(models.Model):
    """An optional one-tap mood, with a check-in or alone. Nobody but the person sees it."""

    class Level(models.IntegerChoices):
        LOW = 1, _("Low")
        FLAT = 2, _("Flat")
        OK = 3, _("OK")
        GOOD = 4, _("Good")
        GREAT = 5, _("Great")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="moods")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    check_in = models.ForeignKey(
        "goals.CheckIn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.level}"


class Story(models.Model):
    """A participant's short story of something they achieved; published after review, under
    their name or anonymously, to the program's participants."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned to the author")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="stories"
    )
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=120)
    text = models.TextField(max_length=2000)
    anonymous = models.BooleanField(default=False, help_text="Published without the author's name.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def byline(self) -> str:
        return gettext("A participant") if self.anonymous else self.author.user.display_name

    def relations_of(self, member: Membership) -> set[str]:
        return {"author"} if self.author_id == member.pk else set()


class Encouragement(models.Model):
    """A note of encouragement from one participant of a program to another."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="encouragements"
    )
    sender = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="encouragements"
    )
    text = models.CharField(max_length=600)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:40]


class PeerCheckSent(models.Model):
    """The peer-coach self-check sent to a peer coach after a held session, once per session."""

    occurrence = models.OneToOneField(
        "scheduling.ScheduledSession", on_delete=models.CASCADE, related_name="+"
    )
    coach = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    administration = models.ForeignKey(
        "instruments.Administration", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
