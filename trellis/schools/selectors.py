"""Reads for schools: the schools a member sees, a school's teachers, and professional-learning
hours by feature and by kind over a school year (one query each), against the yearly target."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.goals.models import Goal
from trellis.schools.models import (
    FEATURE_LABELS,
    FEATURES,
    LearningActivity,
    School,
    SchoolAssignment,
    SchoolSetup,
    TeacherProfile,
)

FEATURE_FIELDS = {
    "content": "content_focus",
    "active": "active_learning",
    "coherence": "coherence",
    "sustained": "sustained",
    "collective": "collective",
}


def setup_of(org_id: int) -> SchoolSetup:
    """The organization's school setup (an unsaved default until an admin saves one)."""
    found = SchoolSetup.objects.filter(org_id=org_id).first()
    return found or SchoolSetup(org_id=org_id)


def schools_for(*, member: Membership) -> QuerySet[School]:
    """Admins see every school of the organization; others the schools they lead, coach at
    (instructional coaches are assigned to one or more schools) or teach at."""
    schools = School.objects.filter(org_id=member.org_id)
    if member.is_admin:
        return schools
    return schools.filter(
        Q(assignments__membership=member) | Q(teachers__membership=member)
    ).distinct()


def school_get(*, member: Membership, uuid: str) -> School | None:
    return School.objects.filter(org_id=member.org_id, uuid=uuid).first()


def teacher_get(*, member: Membership, uuid: str) -> TeacherProfile | None:
    return (
        TeacherProfile.objects.filter(org_id=member.org_id, uuid=uuid)
        .select_related("membership__user", "school")
        .first()
    )


def teachers_of(school: School) -> QuerySet[TeacherProfile]:
    return school.teachers.select_related("membership__user").order_by("membership__user__name")


def principals_of(school: School) -> list[Membership]:
    return [
        a.membership
        for a in school.assignments.filter(role=SchoolAssignment.Role.PRINCIPAL).select_related(
            "membership__user"
        )
    ]


def coaches_of(school: School) -> list[Membership]:
    return [
        a.membership
        for a in school.assignments.filter(role=SchoolAssignment.Role.COACH).select_related(
            "membership__user"
        )
    ]


@dataclass
class Hours:
    """Hours of professional learning over one school year: in all, by feature, by kind, and
    against the yearly target (per teacher; for a school, per teacher on average)."""

    year_start: date
    year_end: date
    target: float
    teachers: int
    total: float
    by_feature: list[tuple[str, str, float]] = field(default_factory=list)  # key, label, hours
    by_kind: list[tuple[str, str, float]] = field(default_factory=list)
    activities: int = 0

    @property
    def per_teacher(self) -> float:
        return round(self.total / self.teachers, 1) if self.teachers else 0.0

    @property
    def share_of_target(self) -> int:
        return round(100 * self.per_teacher / self.target) if self.target else 0

    @property
    def met(self) -> bool:
        return self.per_teacher >= self.target


def _hours(minutes: int | None) -> float:
    return round((minutes or 0) / 60, 1)


def hours_of(
    activities: QuerySet[LearningActivity], *, org_id: int, teachers: int, today: date | None = None
) -> Hours:
    """Sum `activities` over the school year holding `today`, in one query."""
    setup = setup_of(org_id)
    start, end = setup.year_of(today or timezone.localdate())
    rows = activities.filter(on__gte=start, on__lt=end)
    sums = {
        f"f_{key}": Sum("minutes", filter=Q(**{name: True})) for key, name in FEATURE_FIELDS.items()
    }
    sums |= {
        f"k_{kind}": Sum("minutes", filter=Q(kind=kind)) for kind in LearningActivity.Kind.values
    }

    got = rows.aggregate(total=Sum("minutes"), n=Count("id"), **sums)
    return Hours(
        year_start=start,
        year_end=end,
        target=float(setup.hours_target),
        teachers=teachers,
        total=_hours(got["total"]),
        by_feature=[(key, FEATURE_LABELS[key], _hours(got[f"f_{key}"])) for key in FEATURES],
        by_kind=[
            (kind, label, _hours(got[f"k_{kind}"])) for kind, label in LearningActivity.Kind.choices
        ],
        activities=got["n"] or 0,
    )


def teacher_hours(profile: TeacherProfile, today: date | None = None) -> Hours:
    return hours_of(
        LearningActivity.objects.filter(teacher_id=profile.membership_id),
        org_id=profile.org_id,
        teachers=1,
        today=today,
    )


def school_hours(school: School, today: date | None = None) -> Hours:
    return hours_of(
        LearningActivity.objects.filter(
            teacher__teacher_profile__school=school, org_id=school.org_id
        ),
        org_id=school.org_id,
        teachers=school.teachers.count(),
        today=today,
    )


def teacher_rows(school: School, today: date | None = None) -> list[tuple[TeacherProfile, float]]:
    """Each teacher of the school with their hours this school year (one query)."""
    setup = setup_of(school.org_id)
    start, end = setup.year_of(today or timezone.localdate())
    teachers = teachers_of(school).annotate(
        minutes=Sum(
            "membership__learning_activities__minutes",
            filter=Q(
                membership__learning_activities__on__gte=start,
                membership__learning_activities__on__lt=end,
            ),
        )
    )
    return [(t, _hours(t.minutes)) for t in teachers]


def activities_of(profile: TeacherProfile) -> QuerySet[LearningActivity]:
    """A teacher's activities, newest first (no content: type, kind, minutes, features)."""
    return LearningActivity.objects.filter(teacher_id=profile.membership_id).select_related("goal")


def school_goals(org_id: int) -> QuerySet[Goal]:
    """The organization's goals (the school's or district's): a community's goals sit under one."""
    return Goal.objects.filter(org_id=org_id, level=Goal.Level.ORGANIZATION).order_by("title")
