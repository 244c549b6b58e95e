"""Peer and mentoring programs: enrolment answers, the matching rules (TOML, as data), proposed
and published pairs, self-match requests and peer circles, on top of `programs.Program`."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership


class MentoringProgram(models.Model):
    """The mentoring side of a program: its enrolment questions, its rules and how people are
    matched. Questions are data: a list of {name, label, type, choices?}, `name` being the
    attribute the rules compare (offers, needs, department, grade, languages, timezone, ...)."""

    class Kind(models.TextChoices):
        MENTORING = "mentoring", _("Mentoring (one-to-one)")
        PEER = "peer", _("Peer coaching")

    class Mode(models.TextChoices):
        ADMIN = "admin", _("Admin-matched")
        SELF = "self", _("Self-match")
        CIRCLES = "circles", _("Peer circles")

    class RunState(models.TextChoices):
        IDLE = "idle", _("Not run")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Proposed")
        FAILED = "failed", _("Failed")

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="mentoring"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MENTORING)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.ADMIN)
    questions = models.JSONField(default=list)
    rules_text = models.TextField()
    circle_size = models.PositiveSmallIntegerField(default=4)
    run_state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.IDLE)
    run_progress = models.JSONField(default=dict, blank=True)
    run_seconds = models.FloatField(null=True, blank=True)
    run_error = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"mentoring of {self.program_id}"

    @property
    def org_id(self) -> int:
        return self.program.org_id

    def relations_of(self, member: Membership) -> set[str]:
        return self.program.relations_of(member) | (
            {"enrolled"}
            if Enrolment.objects.filter(program_id=self.program_id, member=member).exists()
            else set()
        )


class Enrolment(models.Model):
    """One person's enrolment in a peer or mentoring program.

    `answers` is keyed by the attribute names the program's matching rules use (e.g. "offers",
    "needs", "department", "grade", "languages", "timezone", "availability", "about"); list
    attributes are stored as lists of strings. Other apps (efficacy's "people most like you")
    read them through `trellis.mentoring.selectors.enrolment_attributes`.
    """

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        MATCHED = "matched", _("Matched")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="mentoring_enrolments"
    )
    member = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="mentoring_enrolments"
    )
    role = models.CharField(max_length=30, default="person")  # a side of the rules
    capacity = models.PositiveSmallIntegerField(default=1)
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENROLLED)
    enrolled_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enrolled_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "member"], name="one_mentoring_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.program_id}"

    @property
    def coachee_id(self) -> int:
        return self.member_id

    @property
    def org_id(self) -> int:
        return self.program.org_id


class Circle(models.Model):
    """A peer circle of 3 to 6 people, coaching each other in turn (a peer engagement)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="mentoring_circles"
    )
    name = models.CharField(max_length=80)
    members = models.ManyToManyField(Enrolment, related_name="circles")
    engagement = models.OneToOneField(
        "engagements.Engagement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Pair(models.Model):
    """A pair of enrolments: proposed by a run (maybe locked by the admin), banned, published
    (its engagement proposed to both), or ended with a reason. `left` is the rules' first side."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        BANNED = "banned", _("Banned")
        REQUESTED = "requested", _("Requested")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="mentoring_pairs"
    )
    left = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    locked = models.BooleanField(default=False)
    score = models.FloatField(default=0)
    # [{label, points, detail}] from the engine's explanation
    explanation = models.JSONField(default=list, blank=True)
    engagement = models.OneToOneField(
        "engagements.Engagement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Each person's own yes: nobody becomes someone's mentor or peer without their say.
    left_yes_at = models.DateTimeField(null=True, blank=True)
    right_yes_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "id"]

    def __str__(self) -> str:
        return f"{self.left_id}-{self.right_id} ({self.status})"

    @property
    def org_id(self) -> int:
        return self.program.org_id

    def relations_of(self, member: Membership) -> set[str]:
        """For the access policy: one of the two people of the pair."""
        return {"pair_member"} if self.has(member) else set()

    def has(self, member: Membership) -> bool:
        return member.pk in (self.left.member_id, self.right.member_id)

    def other(self, member: Membership) -> Enrolment:
        return self.right if self.left.member_id == member.pk else self.left
