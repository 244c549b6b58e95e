"""Reads for schools: the schools a member sees, a school's teachers, and professional-learning
hours by feature and by kind over a school year (one query each), against the yearly target.

A school's hours are an aggregate over its teachers, counted by trellis/core/outcomes.py with the
organization-wide anonymity threshold (settings.ANONYMITY_THRESHOLD, as outcome dashboards): a
school with fewer teachers than the threshold shows no figure at all, and a feature or kind served
by fewer teachers than the threshold is withheld, so a school with one teacher (or one teacher
doing workshops) never shows that teacher's hours through the school's page."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.core.outcomes import POPULATION, Fact, Metric, dashboard
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
    # a school's aggregate under the anonymity threshold: the whole view withheld (`withheld`), or
    # the features and kinds served by fewer teachers than `threshold` (left out of by_feature and
    # by_kind, named in `hidden`)
    threshold: int = 0
    withheld: bool = False
    hidden: list[str] = field(default_factory=list)

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
        by_feature=[(key, str(FEATURE_LABELS[key]), _hours(got[f"f_{key}"])) for key in FEATURES],
        by_kind=[
            (kind, str(label), _hours(got[f"k_{kind}"]))
            for kind, label in LearningActivity.Kind.choices
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


def threshold() -> int:
    """The organization-wide anonymity threshold (the outcome dashboards' own)."""
    return int(settings.ANONYMITY_THRESHOLD)


# One table per feature (an activity serves several features, so they do not split the total and
# hide no complement of each other); the kinds split the total, one table.
# The labels stay lazy (translated when shown), hence the ignores: Metric is typed for str.
FEATURE_METRICS = [
    Metric(f"feature:{key}", label, "partition", ((key, label),))  # type: ignore[arg-type]
    for key, label in FEATURE_LABELS.items()
]
KIND_METRIC = Metric(
    "kind",
    _("Hours by kind"),  # type: ignore[arg-type]
    "partition",
    tuple(LearningActivity.Kind.choices),  # type: ignore[arg-type]
)


def school_hours(school: School, today: date | None = None, *, k: int | None = None) -> Hours:
    """The school's hours this school year, every figure about fewer than `k` teachers withheld
    (k: the anonymity threshold). Two queries: the teachers, and each teacher's sums."""
    k = threshold() if k is None else k
    setup = setup_of(school.org_id)
    start, end = setup.year_of(today or timezone.localdate())
    teacher_ids = list(school.teachers.values_list("membership_id", flat=True))
    sums = {
        f"f_{key}": Sum("minutes", filter=Q(**{name: True})) for key, name in FEATURE_FIELDS.items()
    }
    sums |= {
        f"k_{kind}": Sum("minutes", filter=Q(kind=kind)) for kind in LearningActivity.Kind.values
    }
    rows = (
        LearningActivity.objects.filter(
            teacher_id__in=teacher_ids, org_id=school.org_id, on__gte=start, on__lt=end
        )
        .values("teacher_id")
        .annotate(total=Sum("minutes"), n=Count("id"), **sums)
    )
    facts = [Fact(t, POPULATION, "all") for t in teacher_ids]
    total = activities = 0
    row: dict[str, Any]
    for row in rows:  # type: ignore[assignment]
        total += row["total"] or 0
        activities += row["n"]
        for key in FEATURES:
            if row[f"f_{key}"]:
                facts.append(Fact(row["teacher_id"], f"feature:{key}", key, float(row[f"f_{key}"])))
        for kind in LearningActivity.Kind.values:
            if row[f"k_{kind}"]:
                facts.append(Fact(row["teacher_id"], "kind", kind, float(row[f"k_{kind}"])))
    board = dashboard(facts, [*FEATURE_METRICS, KIND_METRIC], k=k)
    hours = Hours(
        year_start=start,
        year_end=end,
        target=float(setup.hours_target),
        teachers=len(teacher_ids),
        total=_hours(total),
        threshold=k,
    )
    if board.hidden:
        hours.withheld = True
        hours.total, hours.teachers = 0.0, 0
        return hours
    hours.activities = activities
    panels = [(f"feature:{key}", hours.by_feature) for key in FEATURES]
    for panel, shown in [*panels, ("kind", hours.by_kind)]:
        for cell in board.panel(panel).cells:
            if cell.hidden and _served(facts, panel, cell.key):
                hours.hidden.append(str(cell.label))
            else:
                shown.append((cell.key, str(cell.label), _hours(int(cell.value or 0))))
    return hours


def _served(facts: list[Fact], metric: str, key: str) -> bool:
    """Whether anyone's minutes are in the cell (an empty cell shows 0, not "withheld")."""
    return any(f.metric == metric and f.category == key for f in facts)


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
