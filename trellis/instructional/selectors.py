"""Reads for instructional coaching: the cycles one may see, a cycle or a visit by its uuid, the
rubrics an organization can use, and a cycle's evidence as a chart."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import get_language, gettext

from trellis.accounts.models import Membership, Organization
from trellis.core.charts import line_chart
from trellis.core.instructional.rubric import (
    BUILTIN_KEYS,
    Rubric,
    load_builtin,
    parse_rubric,
    translated,
)
from trellis.engagements.models import Engagement
from trellis.instructional.models import Cycle, Visit
from trellis.instructional.models import Rubric as StoredRubric


@dataclass(frozen=True)
class RubricEntry:
    key: str
    version: int
    rubric: Rubric
    is_builtin: bool

    @property
    def name(self) -> str:
        return self.rubric.name


def cycles_for(*, member: Membership) -> QuerySet[Cycle]:
    """The cycles the member is related to (an admin: all of the organization), newest first."""
    rows = Cycle.objects.filter(org_id=member.org_id).select_related(
        "engagement__coach__user", "engagement__coachee__user"
    )
    if not member.is_admin:
        rows = rows.filter(
            Q(engagement__participants__member=member, engagement__participants__left_at=None)
            | Q(shared_with=member)
        ).distinct()
    return rows.order_by("-started_on", "-id")


def cycle_get(*, member: Membership, uuid: str) -> Cycle | None:
    return (
        Cycle.objects.filter(uuid=uuid, org_id=member.org_id)
        .select_related("engagement__coach__user", "engagement__coachee__user", "shared_with__user")
        .first()
    )


def visit_get(*, member: Membership, uuid: str) -> Visit | None:
    return (
        Visit.objects.filter(uuid=uuid, cycle__org_id=member.org_id)
        .select_related("cycle__engagement__coachee__user", "cycle__engagement__coach__user")
        .first()
    )


def engagements_to_start(*, member: Membership) -> QuerySet[Engagement]:
    """The member's active instructional engagements that they coach."""
    return (
        Engagement.objects.filter(
            org_id=member.org_id,
            kind=Engagement.Kind.INSTRUCTIONAL,
            status=Engagement.Status.ACTIVE,
            coach=member,
        )
        .select_related("coachee__user")
        .order_by("coachee__user__name")
    )


def rubrics_for(*, org: Organization) -> list[RubricEntry]:
    """The built-in rubric and the latest version of each of the organization's own."""
    entries = [
        RubricEntry(k, load_builtin(k).spec.version, _builtin(k), True) for k in BUILTIN_KEYS
    ]
    seen: set[str] = set()
    for row in StoredRubric.objects.filter(org=org).order_by("key", "-version"):
        if row.key not in seen:
            seen.add(row.key)
            entries.append(RubricEntry(row.key, row.version, _parsed(row), False))
    return entries


def _parsed(row: StoredRubric) -> Rubric:
    return parse_rubric(row.text, f"{row.key}.toml")


def rubric_entry(*, org: Organization, key: str, version: int | None = None) -> RubricEntry | None:
    """The organization's rubric `key` (its latest version unless one is named), else a built-in."""
    rows = StoredRubric.objects.filter(org=org, key=key)
    if version is not None:
        rows = rows.filter(version=version)
    row = rows.order_by("-version").first()
    if row is not None:
        return RubricEntry(row.key, row.version, _parsed(row), False)
    if key in BUILTIN_KEYS:
        rubric = _builtin(key)
        return RubricEntry(key, rubric.spec.version, rubric, True)
    return None


def _builtin(key: str) -> Rubric:
    """A built-in rubric in the active language (English where it is not translated)."""
    return translated(load_builtin(key), get_language() or settings.LANGUAGE_CODE)


def rubric_of(visit: Visit) -> Rubric | None:
    if not visit.rubric_key:
        return None
    entry = rubric_entry(org=visit.cycle.org, key=visit.rubric_key, version=visit.rubric_version)
    return entry.rubric if entry else None


def baseline_percent(cycle: Cycle) -> int | None:
    baseline = next((c for c in cycle.checks.all() if c.is_baseline), None)
    return round(baseline.percent) if baseline else None


def evidence_chart(cycle: Cycle) -> str:
    """The share of the group reaching the standard at each check, with the target dashed."""
    checks = list(cycle.checks.all())
    if not checks:
        return ""
    return line_chart(
        [(c.taken_on, round(c.percent, 1)) for c in checks],
        title=gettext("Share of students reaching the standard at each check"),
        y_min=0,
        y_max=100,
        unit="%",
        reference=float(cycle.target_percent) if cycle.target_percent else None,
        reference_label=f"Target {cycle.target_percent}%" if cycle.target_percent else "",
    )


def observation_view(visit: Visit) -> dict[str, object]:
    """What an observation recorded, for its page and its debrief."""
    rubric = rubric_of(visit)
    ratings = {r.indicator: r.level for r in visit.ratings.all()}
    rows = []
    if rubric is not None:
        for domain, indicator in rubric.indicators():
            level = ratings.get(indicator.key)
            rows.append(
                {
                    "domain": domain.name,
                    "key": indicator.key,
                    "name": indicator.name,
                    "level": level,
                    "label": rubric.level_label(level) if level is not None else "",
                    "descriptors": list(
                        zip(rubric.level_values(), indicator.descriptors, strict=False)
                    ),
                }
            )
    tallies = list(visit.tallies.all())
    engaged = sum(t.engaged for t in tallies)
    present = sum(t.present for t in tallies)
    return {
        "rubric": rubric,
        "levels": [(lv.value, lv.label) for lv in rubric.spec.levels] if rubric else [],
        "indicators": rows,
        "notes": list(visit.notes.all()),
        "tallies": tallies,
        "engaged_share": round(100 * engaged / present) if present else None,
    }
