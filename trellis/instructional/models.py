"""Instructional coaching across visits: an Impact Cycle (Identify, Learn, Improve) inside an
instructional engagement, its PEERS goal with student evidence (counts only), and its visits
(planning, observation, modelling, co-teaching, debrief) with time-stamped notes, rubric ratings
and student-engagement tallies. Everything here is the teacher's and the coach's; a principal
reads a cycle only when the teacher shares it with them by name (accounts.policy `cycle.*`)."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal

MAX_STUDENTS = 1000


class Rubric(models.Model):
    """An organization's own rubric file (a licensed one, or its own), stored with versions. The
    built-in rubric is read from trellis/core/instructional/builtin and not stored."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(max_length=150)
    text = models.TextField(help_text="The TOML file as imported.")
    content_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["org", "key", "version"], name="rubric_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Cycle(models.Model):
    """One Impact Cycle of an instructional engagement: the teacher is the engagement's coachee."""

    class Stage(models.TextChoices):
        IDENTIFY = "identify", _("Identify")
        LEARN = "learn", _("Learn")
        IMPROVE = "improve", _("Improve")
        DONE = "done", _("Done")

    class Source(models.TextChoices):
        OBSERVATION = "observation", _("An observation")
        STUDENT_WORK = "student_work", _("Student work")
        STUDENT_DATA = "student_data", _("Student data")
        VIDEO = "video", _("A video of the lesson")

    class Group(models.TextChoices):
        CLASS = "class", _("The class")
        AT_RISK = "at_risk", _("The students at risk of falling behind")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="cycles")
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.IDENTIFY)
    started_on = models.DateField(default=timezone.localdate)
    subject = models.CharField(max_length=80, blank=True, help_text="The subject taught.")
    school_goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The school or district goal the cycle serves (coherence).",
    )
    # Identify: a picture of reality
    reality_source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    reality = models.TextField(blank=True, max_length=4000)
    reality_link = models.URLField(blank=True, max_length=500)
    # the PEERS goal and its student measure (counts only)
    goal_text = models.CharField(max_length=300, blank=True)
    standard = models.CharField(
        max_length=200, blank=True, help_text="What a student does to reach the standard."
    )
    group = models.CharField(max_length=10, choices=Group.choices, default=Group.CLASS)
    target_percent = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    teacher_cares = models.BooleanField(null=True, blank=True)
    # Learn: a teaching strategy with its checklist
    strategy = models.CharField(max_length=150, blank=True)
    checklist = models.JSONField(default=list, blank=True)
    goal_met_on = models.DateField(null=True, blank=True)
    # a principal reads the cycle only when the teacher shares it with them by name
    shared_with = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"Impact Cycle of {self.engagement}"

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement

    @property
    def coachee_id(self) -> int:
        return self.engagement.coachee_id

    def relations_of(self, member: Membership) -> set[str]:
        return {"shared_principal"} if self.shared_with_id == member.pk else set()


class StudentCheck(models.Model):
    """A count of the group's students and how many reached the standard. Never names."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="checks")
    taken_on = models.DateField(default=timezone.localdate)
    students = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STUDENTS)]
    )
    reached = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_STUDENTS)])
    is_baseline = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["taken_on", "id"]

    @property
    def percent(self) -> float:
        return 100.0 * self.reached / self.students if self.students else 0.0


class Visit(models.Model):
    """One coaching activity of the cycle; each is also the teacher's professional learning
    (recorded through trellis/schools' record_activity)."""

    class Kind(models.TextChoices):
        PLANNING = "planning", _("Planning meeting")
        OBSERVATION = "observation", _("Observation")
        MODELLING = "modelling", _("Modelling")
        CO_TEACHING = "co_teaching", "Co-teaching"
        DEBRIEF = "debrief", _("Debrief")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    stage = models.CharField(max_length=10, choices=Cycle.Stage.choices)
    on = models.DateField(default=timezone.localdate)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    rubric_key = models.CharField(max_length=60, blank=True)
    rubric_version = models.PositiveIntegerField(null=True, blank=True)
    video_url = models.URLField(blank=True, max_length=500)
    of_visit = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="debriefs",
        help_text="The observation a debrief talks about.",
    )
    summary = models.TextField(blank=True, max_length=4000)
    next_step = models.TextField(
        blank=True, max_length=2000, help_text="The adjustment agreed for the next lesson."
    )
    checklist_done = models.JSONField(
        default=list,
        blank=True,
        help_text="The items of the cycle's strategy checklist ticked in this visit (their text).",
    )
    created_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on}"

    @property
    def access_engagement(self) -> Engagement:
        return self.cycle.engagement

    @property
    def coachee_id(self) -> int:
        return self.cycle.engagement.coachee_id

    def relations_of(self, member: Membership) -> set[str]:
        return self.cycle.relations_of(member)


class ObservationNote(models.Model):
    """A time-stamped note of an observation (or a comment on the lesson's video). `client_id` is
    made by the page when the note is begun: saving again with it updates, never adds."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="notes")
    client_id = models.UUIDField()
    at_seconds = models.PositiveIntegerField(default=0)
    text = models.TextField(max_length=4000)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at_seconds", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "client_id"], name="observation_note_once")
        ]


class Rating(models.Model):
    """A rubric level for one indicator of an observation; rating again replaces it."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="ratings")
    indicator = models.CharField(max_length=40)
    level = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["visit", "indicator"], name="rating_once")]


class Tally(models.Model):
    """A sweep of the room at a moment: how many students were on task, of how many present."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="tallies")
    client_id = models.UUIDField()
    at_seconds = models.PositiveIntegerField(default=0)
    engaged = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_STUDENTS)])
    present = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STUDENTS)]
    )

    class Meta:
        ordering = ["at_seconds", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "client_id"], name="tally_once")]
