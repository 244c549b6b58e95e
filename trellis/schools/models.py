"""Schools, teachers and professional learning (issue 16, part A).

An organization is a single school or a district with schools (`SchoolSetup.kind`). Teachers are
memberships with a `TeacherProfile` (their school, grades and subjects); a principal or an
instructional coach is assigned to a school (`SchoolAssignment`; a coach may be assigned to many).
Every professional-learning activity a teacher takes part in is a `LearningActivity`: its kind
(one-on-one, group, support), its type (visit, huddle, workshop, self-study), its date and minutes,
and the five core features of effective professional development it served (Desimone 2009).

Coaching is kept apart from evaluation: a LearningActivity holds no content (no notes, no
ratings), only what a principal may see in aggregate. See accounts.policy `schools.*`."""

import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.goals.models import Goal

FEATURES = ("content", "active", "coherence", "sustained", "collective")
FEATURE_LABELS = {
    "content": _("Content focus"),
    "active": _("Active learning"),
    "coherence": _("Coherence"),
    "sustained": _("Sustained duration"),
    "collective": _("Collective participation"),
}
# how an activity served active learning, as a workshop or self-study is recorded (page and API);
# huddles and visits name their own mode
ACTIVE_MODES = {
    "observation": _("Observation"),
    "practice": _("Practice"),
    "feedback": _("Feedback"),
    # a huddle of a learning community on a protocol such as "looking at student work"
    "student_work": _("Looking at student work"),
}


class SchoolSetup(models.Model):
    """Per organization: is it one school or a district, the yearly contact-hours target per
    teacher, and the month the school year starts."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("A school")
        DISTRICT = "district", _("A district with schools")

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="school_setup")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.SCHOOL)
    hours_target = models.PositiveSmallIntegerField(
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Professional-learning contact hours a teacher should reach in a school year."),
    )
    year_starts_month = models.PositiveSmallIntegerField(
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The month the school year starts (8 = August)."),
    )

    def __str__(self) -> str:
        return f"{self.org}: {self.get_kind_display()}"

    def year_of(self, day: date) -> tuple[date, date]:
        """The school year holding `day`: its first day and the first day of the next year."""
        start_year = day.year if day.month >= self.year_starts_month else day.year - 1
        start = date(start_year, self.year_starts_month, 1)
        return start, date(start_year + 1, self.year_starts_month, 1)


class School(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="schools")
    name = models.CharField(max_length=150)
    code = models.CharField(
        max_length=40, blank=True, help_text=_("The school's own code (from the CSV import).")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["org", "name"], name="school_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name

    def relations_of(self, member: Membership) -> set[str]:
        """principal / school_coach (assigned to this school), teacher (teaches here)."""
        found = {
            "principal" if role == SchoolAssignment.Role.PRINCIPAL else "school_coach"
            for role in self.assignments.filter(membership=member).values_list("role", flat=True)
        }
        if TeacherProfile.objects.filter(school=self, membership=member).exists():
            found.add("teacher")
        return found


class SchoolAssignment(models.Model):
    """A principal or an instructional coach assigned to a school. Coaches work across schools:
    one coach may hold assignments at several schools."""

    class Role(models.TextChoices):
        PRINCIPAL = "principal", _("Principal")
        COACH = "coach", _("Instructional coach")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="assignments")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="school_assignments"
    )
    role = models.CharField(max_length=9, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "membership", "role"], name="school_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} at {self.school}"


class TeacherProfile(models.Model):
    """A teacher: a membership teaching at one school, with grades and subjects."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="teacher_profile"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="teachers")
    grades = models.JSONField(
        default=list, blank=True, help_text='Grades taught, e.g. ["K", "1", "2"].'
    )
    subjects = models.JSONField(
        default=list, blank=True, help_text='Subjects taught, e.g. ["Mathematics"].'
    )

    class Meta:
        ordering = ["school__name", "membership__user__email"]

    def __str__(self) -> str:
        return f"Teacher {self.membership.user} at {self.school}"

    def relations_of(self, member: Membership) -> set[str]:
        found = set()
        if member.pk == self.membership_id:
            found.add("teacher")
        found |= self.school.relations_of(member) - {"teacher"}
        return found


class LearningActivity(models.Model):
    """One professional-learning activity of one teacher, tagged with the five features it served.

    A group activity (a huddle, a workshop) is one row per teacher present. `source_kind` and
    `source_uuid` name the object it came from (an instructional visit, a PLC huddle), so
    recording the same source again updates the row instead of adding another."""

    class Kind(models.TextChoices):
        ONE_ON_ONE = "one_on_one", _("One-on-one")
        GROUP = "group", _("Group")
        SUPPORT = "support", _("Support")

    class Type(models.TextChoices):
        VISIT = "visit", _("Coaching visit")
        HUDDLE = "huddle", _("Huddle")
        WORKSHOP = "workshop", _("Workshop")
        SELF_STUDY = "self_study", _("Self-study")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    teacher = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="learning_activities"
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    type = models.CharField(max_length=10, choices=Type.choices)
    on = models.DateField(default=timezone.localdate)
    minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    title = models.CharField(
        max_length=150, blank=True, help_text=_("A short label (never coaching content).")
    )
    # the five features
    content_focus = models.BooleanField(default=False)
    subject = models.CharField(max_length=80, blank=True)
    standard = models.CharField(
        max_length=200, blank=True, help_text=_("The standard's text or code.")
    )
    active_learning = models.BooleanField(default=False)
    active_mode = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("observation, practice, feedback or student_work."),
    )
    coherence = models.BooleanField(default=False)
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The school or district goal it serves."),
    )
    sustained = models.BooleanField(default=False)
    collective = models.BooleanField(default=False)
    # where it came from
    source_kind = models.CharField(max_length=60, blank=True)
    source_uuid = models.UUIDField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "source_kind", "source_uuid"],
                condition=models.Q(source_uuid__isnull=False),
                name="learning_activity_one_per_source",
            )
        ]
        indexes = [models.Index(fields=["org", "on"]), models.Index(fields=["school", "on"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()} on {self.on} ({self.minutes} min)"

    @property
    def active_mode_label(self) -> str:
        """How it served active learning, in the reader's language (a stored word as stored)."""
        return str(ACTIVE_MODES.get(self.active_mode, self.active_mode))

    @property
    def features(self) -> list[str]:
        flags = {
            "content": self.content_focus,
            "active": self.active_learning,
            "coherence": self.coherence,
            "sustained": self.sustained,
            "collective": self.collective,
        }
        return [key for key in FEATURES if flags[key]]

    def relations_of(self, member: Membership) -> set[str]:
        found = set()
        if member.pk == self.teacher_id:
            found.add("teacher")
        if self.school is not None:
            found |= self.school.relations_of(member) - {"teacher"}
        return found


class LearningCommunity(models.Model):
    """A professional learning community (PLC) by grade, subject or school. Members are invited
    and say yes or no; its goals sit under the school's goals in the goal tree."""

    class Focus(models.TextChoices):
        GRADE = "grade", _("A grade")
        SUBJECT = "subject", _("A subject")
        SCHOOL = "school", _("The whole school")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(max_length=150)
    focus = models.CharField(max_length=7, choices=Focus.choices, default=Focus.GRADE)
    grade = models.CharField(max_length=20, blank=True)
    subject = models.CharField(max_length=80, blank=True)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="+", help_text=_("Shared goals, each under a school goal.")
    )
    facilitator = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["school__name", "name"]

    def __str__(self) -> str:
        return self.name

    def relations_of(self, member: Membership) -> set[str]:
        found = self.school.relations_of(member) - {"teacher"}
        status = self.members.filter(membership=member).values_list("status", flat=True).first()
        if status == CommunityMember.Status.ACCEPTED:
            found.add("plc_member")
        elif status == CommunityMember.Status.INVITED:
            found.add("plc_invitee")
        if self.facilitator_id == member.pk:
            found.add("facilitator")
        return found


class CommunityMember(models.Model):
    """A teacher's place in a learning community: invited, then accepted or declined by them."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    community = models.ForeignKey(
        LearningCommunity, on_delete=models.CASCADE, related_name="members"
    )
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "membership"], name="community_member_unique"
            )
        ]


class Huddle(models.Model):
    """One team session of a learning community, run with a protocol framework; the log names
    who was present, and each of them gets a collective-participation LearningActivity."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(
        LearningCommunity, on_delete=models.CASCADE, related_name="huddles"
    )
    on = models.DateField(default=timezone.localdate)
    minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    protocol = models.CharField(max_length=60, default="looking-at-student-work")
    focus = models.CharField(max_length=200, blank=True, help_text=_("What the huddle looked at."))
    standard = models.CharField(max_length=200, blank=True)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    present = models.ManyToManyField(Membership, blank=True, related_name="+")
    logged_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-created_at"]

    def __str__(self) -> str:
        return f"Huddle of {self.community} on {self.on}"
