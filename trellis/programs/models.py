"""Coaching programs: a template (TOML, as data) run for a cohort of people, each enrolment
opening an engagement, with a pool of coaches to choose from."""

import hashlib
import uuid

from django.db import models
from django.utils import timezone

from trellis.accounts.models import Membership, Organization
from trellis.core.programs import Plan, ProgramTemplate, parse_template, plan


class ProgramTemplateVersion(models.Model):
    """An organization's own program template, one row per version (built-ins are files)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["org", "key", "version"], name="one_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @staticmethod
    def hash_of(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()


class Program(models.Model):
    """One run of a template for a cohort: its dates come from the template and `starts_on`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="programs")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=120)
    template_key = models.SlugField(max_length=60)
    template_version = models.PositiveIntegerField()
    # The template as it was when the program was created: a later version changes nothing here.
    template_text = models.TextField()
    starts_on = models.DateField()
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "slug"], name="program_slug_per_org")]

    def __str__(self) -> str:
        return self.name

    @property
    def template(self) -> ProgramTemplate:
        cached = getattr(self, "_template", None)
        if cached is None:
            cached = self._template = parse_template(
                self.template_text, f"{self.template_key}.toml"
            )
        return cached

    @property
    def plan(self) -> Plan:
        return plan(self.template, self.starts_on)

    def relations_of(self, member: Membership) -> set[str]:
        """For the access policy: a coach in the pool, a person enrolled."""
        found = set()
        if self.coaches.filter(coach=member).exists():
            found.add("pool_coach")
        if self.enrolments.filter(member=member).exists():
            found.add("enrolled")
        return found

    @property
    def cohort(self) -> str:
        """The cohort's name for instruments given to it (aggregates are per cohort)."""
        return f"{self.name} ({self.starts_on:%Y-%m-%d})"


class ProgramCoach(models.Model):
    """A coach in the program's pool, with how many people they take and a short profile."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="coaches")
    coach = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveSmallIntegerField(default=5)
    profile = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "coach"], name="one_pool_place_per_coach")
        ]

    def __str__(self) -> str:
        return f"{self.coach_id} in {self.program_id}"


class Enrolment(models.Model):
    """One person in a program. Their engagement opens when a coach is assigned (proposed: they
    accept it) or when they choose one from the pool (their choice is their yes)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="enrolments")
    member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="enrolments")
    # Their own engagement (one to one), or the one they share with the rest of the program's
    # team, group or circle (each person still accepts their own place in it).
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        related_query_name="enrolment",
    )
    enrolled_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    chemistry_with = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chemistry_requested_at = models.DateTimeField(null=True, blank=True)
    # The booked 20-minute chemistry conversation (a slot of the coach's availability).
    chemistry_booking = models.OneToOneField(
        "scheduling.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chemistry_of",
    )
    # When the program's sessions were put on the calendar (after the engagement was accepted).
    scheduled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["enrolled_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "member"], name="one_enrolment_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.program_id}"

    # The access policy reads the enrolled person as the object's coachee.
    @property
    def coachee_id(self) -> int:
        return self.member_id

    @property
    def org_id(self) -> int:
        return self.program.org_id


class ProgramInstrument(models.Model):
    """An instrument the template gives at a moment (start, midpoint, end), once sent."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="instruments")
    key = models.SlugField(max_length=60)
    moment = models.CharField(max_length=10)
    due_on = models.DateField()
    administration = models.ForeignKey(
        "instruments.Administration", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key", "moment"], name="one_instrument_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} at {self.moment} of {self.program_id}"
