"""Instruments stored per organization with versions, their administrations to a person, an
engagement, a team or a cohort, and each respondent's single-use invitation and answers."""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization, Team, User
from trellis.engagements.models import Engagement


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class InstrumentVersion(models.Model):
    """One version of an instrument's TOML. Built-ins have no organization; they are snapshotted
    the first time they are administered, and again whenever their content changes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="instrument_versions",
    )
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=150)
    version = models.PositiveIntegerField(help_text="1, 2, 3, ... per organization and key.")
    content_hash = models.CharField(max_length=64)
    text = models.TextField(help_text="The instrument's TOML, exactly as it was stored.")
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "key", "version"],
                condition=Q(org__isnull=False),
                name="instrument_version_unique_in_org",
            ),
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(org__isnull=True),
                name="instrument_version_unique_builtin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} version {self.version}"


class Administration(models.Model):
    """An instrument sent to a target's respondents. Aggregates appear only once it is closed and
    at least the instrument's anonymity threshold of respondents have answered."""

    class Target(models.TextChoices):
        PERSON = "person", _("A person")
        ENGAGEMENT = "engagement", _("An engagement")
        TEAM = "team", _("A team")
        COHORT = "cohort", _("A cohort")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="administrations")
    instrument = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="administrations"
    )
    title = models.CharField(max_length=200)
    target = models.CharField(max_length=12, choices=Target.choices)
    subject = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    engagement = models.ForeignKey(
        Engagement, null=True, blank=True, on_delete=models.CASCADE, related_name="administrations"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cohort = models.CharField(max_length=120, blank=True, help_text="The cohort's name.")
    # A program's cohort is the program itself (its enrolled people), not a name to match.
    program = models.ForeignKey(
        "programs.Program",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="administrations",
    )
    baseline = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
        help_text="The earlier administration this one measures change against (pre/post).",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def access_engagement(self) -> Engagement | None:
        """The policy reads coach, coachee and sponsor from the engagement's accepted places."""
        return self.engagement

    def relations_of(self, member: Membership) -> set[str]:
        found = set()
        if self.created_by_id == member.pk:
            found.add("creator")
        known = getattr(self, "responds_cache", {})  # set by a list selector, per member
        responds = known.get(member.pk)
        if responds is None:
            responds = self.respondents.filter(member=member).exists()
        if responds:
            found.add("respondent")
        return found

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Respondent(models.Model):
    """One person asked to answer: a member, or someone outside Trellis known by email. Their
    link is signed and works once; their answers are theirs alone."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="respondents"
    )
    member = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=12, help_text="self, coach, stakeholder or team_member")
    nonce = models.CharField(max_length=40, default=new_nonce, editable=False)
    answers = models.JSONField(default=dict, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "member"],
                condition=Q(member__isnull=False),
                name="one_respondent_per_member",
            ),
            models.UniqueConstraint(
                fields=["administration", "email"],
                condition=Q(member__isnull=True),
                name="one_respondent_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Respondent {self.uuid}"

    @property
    def org_id(self) -> int:
        return self.administration.org_id

    @property
    def has_answered(self) -> bool:
        return self.answered_at is not None
