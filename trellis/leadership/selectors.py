"""Reads for leadership development: competency models (built-in and an organization's own),
a person's leadership goals with the mission parts they serve, mission and values, decisions."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from trellis.accounts.models import Membership, Organization
from trellis.core.leadership import CompetencyModel, builtin_models, parse_model, translated
from trellis.core.leadership.visible import HiddenLevel, hidden_levels
from trellis.engagements.models import CoachingSession, Engagement
from trellis.goals.models import Goal
from trellis.leadership.models import (
    CompetencyModelVersion,
    DecisionRecord,
    LeadershipGoal,
    MissionPart,
    SessionLink,
)


def models_for(*, org: Organization) -> list[tuple[CompetencyModel, int | None]]:
    """Built-in models (in the active language where translated) and the organization's own
    (latest version each; an own model with a built-in key takes its place). The version is None
    for a built-in."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    found: dict[str, tuple[CompetencyModel, int | None]] = {
        m.key: (translated(m, language), None) for m in builtin_models()
    }
    seen: set[str] = set()
    for row in CompetencyModelVersion.objects.filter(org=org).order_by("key", "-version"):
        if row.key in seen:
            continue
        seen.add(row.key)
        found[row.key] = (parse_model(row.text, f"{row.key}.toml"), row.version)
    return sorted(found.values(), key=lambda pair: pair[0].name)


def model_for(*, org: Organization, key: str) -> CompetencyModel | None:
    return next((m for m, _ in models_for(org=org) if m.key == key), None)


# Program templates that are leadership development tracks (trellis/core/programs/builtin).
LEADERSHIP_TRACKS = frozenset(
    {
        "new-manager",
        "senior-leader",
        "executive-one-to-one",
        "executive-career",
        "entrepreneurial-innovation",
    }
)


def has_leadership_track(engagement: Engagement) -> bool:
    """The engagement came from a leadership track's enrolment, or has a leadership goal."""
    if Engagement.objects.filter(
        pk=engagement.pk, enrolment__program__template_key__in=LEADERSHIP_TRACKS
    ).exists():
        return True
    return LeadershipGoal.objects.filter(goal__engagement=engagement).exists()


def mission_of(org: Organization) -> QuerySet[MissionPart]:
    return MissionPart.objects.filter(org=org, archived=False)


def part_get(*, org: Organization, uuid: str) -> MissionPart | None:
    return MissionPart.objects.filter(org=org, uuid=uuid).first()


def leadership_goals_of(member: Membership) -> QuerySet[LeadershipGoal]:
    return (
        LeadershipGoal.objects.filter(goal__owner=member, goal__org=member.org_id)
        .select_related("goal")
        .prefetch_related("behaviours", "links__part", "experiments")
    )


def hidden_gas_levels(goal: Goal) -> list[HiddenLevel]:
    """The goal's GAS levels that may not describe behaviour others can see (named, with why)."""
    return hidden_levels(
        [goal.gas_much_less, goal.gas_less, goal.gas_expected, goal.gas_more, goal.gas_much_more]
    )


def leadership_goal_get(*, org: Organization, uuid: str) -> LeadershipGoal | None:
    return (
        LeadershipGoal.objects.filter(goal__org=org, uuid=uuid)
        .select_related("goal", "goal__engagement")
        .first()
    )


@dataclass(frozen=True)
class MissionRow:
    part: MissionPart
    goals: list[LeadershipGoal]
    sessions: int = 0  # the member's own coaching sessions that worked on it


def mission_map(member: Membership) -> list[MissionRow]:
    """Each part of the mission and each value, with the member's leadership goals serving it and
    how many of their own sessions worked on it."""
    goals = list(leadership_goals_of(member))
    sessions = Counter(
        SessionLink.objects.filter(session__coachee=member, part__org=member.org_id).values_list(
            "part_id", flat=True
        )
    )
    rows = []
    for part in mission_of(member.org):
        serving = [g for g in goals if any(link.part_id == part.pk for link in g.links.all())]
        rows.append(MissionRow(part, serving, sessions[part.pk]))
    return rows


def session_parts(session: CoachingSession) -> list[MissionPart]:
    """The parts of the mission and the values a session worked on."""
    return list(MissionPart.objects.filter(session_links__session=session))


def decisions_for(member: Membership) -> QuerySet[DecisionRecord]:
    """The member's own decisions and those of engagements they coach."""
    from django.db.models import Q

    return (
        DecisionRecord.objects.filter(org=member.org_id)
        .filter(Q(owner=member) | Q(engagement__coach=member))
        .select_related("owner__user")
    )


def decision_get(*, org: Organization, uuid: str) -> DecisionRecord | None:
    return DecisionRecord.objects.filter(org=org, uuid=uuid).select_related("engagement").first()


def decisions_due(member: Membership, today: date) -> QuerySet[DecisionRecord]:
    """The member's own decisions whose review date has come and that are not yet revisited."""
    return DecisionRecord.objects.filter(
        owner=member, review_on__lte=today, reviewed_at__isnull=True
    )


def engagements_for_goals(member: Membership) -> QuerySet[Engagement]:
    """Active engagements where the member coaches or is coached: where a leadership goal can go."""
    from django.db.models import Q

    return (
        Engagement.objects.filter(org=member.org_id, status=Engagement.Status.ACTIVE)
        .filter(Q(coach=member) | Q(coachee=member))
        .select_related("coachee__user")
    )
