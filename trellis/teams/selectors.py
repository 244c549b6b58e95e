"""Reads for team coaching: the team engagements a member may see, the team's members and
settings, its charter and history, its pulses as aggregates only (per dimension, with the trend
and the spread, once a pulse is over and at least the threshold answered), actions and check-ins.
No reader here returns one member's pulse answers."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.business import QuarterPoint, ScoreRow, gas_by_quarter
from trellis.core.instruments import score
from trellis.core.teampulse import PulseFigures, figures
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.goals.models import Goal, GoalScore
from trellis.instruments.selectors import instrument_of
from trellis.teams.models import CharterVersion, TeamAction, TeamCheckIn, TeamPulse, TeamSpace

WITHHELD_OPEN = _(
    "Figures appear once the pulse is over (everyone answered, or its week ended), so that no one's answers can be worked out from two views."
)
WITHHELD_FEW = _(
    "Fewer than {threshold} members answered, so there are no figures: they would come too close to someone's own answers."
)
BUSINESS_THRESHOLD = 5  # people, as for every aggregate (docs/confidentiality.md)
MAX_PULSES = 24  # the trend shows the last two years at a two-week cadence at most


def team_engagements_for(*, member: Membership) -> QuerySet[Engagement]:
    """Team engagements the member sees (all of the organization's for an admin), newest first."""
    found = Engagement.objects.filter(org=member.org, kind=Engagement.Kind.TEAM)
    if not member.is_admin:
        found = found.filter(
            participants__member=member,
            participants__left_at=None,
            participants__acceptance=EngagementParticipant.Acceptance.ACCEPTED,
        ).distinct()
    return found.select_related("coach__user").order_by("-started_on", "-id")


def team_get(*, member: Membership, uuid: str) -> Engagement | None:
    return (
        Engagement.objects.filter(org=member.org, kind=Engagement.Kind.TEAM, uuid=uuid)
        .select_related("org", "coach__user", "coachee__user")
        .prefetch_related("participants")
        .first()
    )


def space_of(engagement: Engagement) -> TeamSpace:
    """The team's settings; an unsaved default (the primary coachee leads) before any is saved."""
    space = getattr(engagement, "_team_space", None)
    if space is None:
        space = TeamSpace.objects.filter(engagement=engagement).first() or TeamSpace(
            org_id=engagement.org_id, engagement=engagement, leader_id=default_leader(engagement)
        )
        space.engagement = engagement  # the prefetched participants answer the policy
        engagement._team_space = space  # type: ignore[attr-defined]
    return space


def default_leader(engagement: Engagement) -> int | None:
    """Before a coach names one: the team's leader where the people data says so (the manager
    most of its members report to), if they are in the team; else the primary coachee."""
    from trellis.engagements.kinds import team_leader_of

    team = engagement.team
    lead = team_leader_of(team) if team is not None else None
    members = _accepted(engagement, EngagementParticipant.Role.COACHEE)
    return lead.pk if lead is not None and lead.pk in members else engagement.coachee_id


def _accepted(engagement: Engagement, role: str) -> list[int]:
    return [
        p.member_id
        for p in engagement.participant_list()
        if p.role == role and p.left_at is None and p.acceptance == p.Acceptance.ACCEPTED
    ]


def members_of(engagement: Engagement) -> list[Membership]:
    """The team: the engagement's accepted coachees, by name."""
    ids = _accepted(engagement, EngagementParticipant.Role.COACHEE)
    return list(Membership.objects.filter(pk__in=ids).select_related("user").order_by("user__name"))


def coaches_of(engagement: Engagement) -> list[Membership]:
    ids = _accepted(engagement, EngagementParticipant.Role.LEAD_COACH) + _accepted(
        engagement, EngagementParticipant.Role.CO_COACH
    )
    return list(Membership.objects.filter(pk__in=ids).select_related("user").order_by("user__name"))


# -- charter -------------------------------------------------------------------------------------


def charter_current(engagement: Engagement) -> CharterVersion | None:
    return (
        engagement.charter_versions.select_related("saved_by__user")
        .prefetch_related(Prefetch("goals", Goal.objects.select_related("parent", "team")))
        .first()
    )


def charter_history(engagement: Engagement) -> QuerySet[CharterVersion]:
    return engagement.charter_versions.select_related("saved_by__user").prefetch_related(
        Prefetch("goals", Goal.objects.select_related("parent"))
    )


def goals_to_link(*, member: Membership) -> QuerySet[Goal]:
    """What a charter may link: the organization's and teams' active goals (the goal tree)."""
    return (
        Goal.objects.filter(org=member.org, status=Goal.Status.ACTIVE)
        .exclude(level=Goal.Level.PERSON)
        .select_related("parent", "team")
        .order_by("-level", "title")
    )


# -- pulse ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PulseView:
    pulse: TeamPulse
    invited: int
    answered: int
    is_over: bool
    figures: PulseFigures | None
    withheld: str


def _views(engagement: Engagement, threshold: int) -> list[PulseView]:
    pulses = list(
        engagement.pulses.select_related("administration__instrument")
        .prefetch_related("administration__respondents")
        .order_by("-number")[:MAX_PULSES]
    )
    pulses.reverse()
    views: list[PulseView] = []
    previous: PulseFigures | None = None
    for pulse in pulses:
        administration = pulse.administration
        instrument = instrument_of(administration.instrument)
        rows = list(administration.respondents.all())
        answered = [r for r in rows if r.has_answered]
        is_over = not administration.is_open or len(answered) == len(rows)
        needed = max(threshold, pulse.threshold, instrument.threshold)
        shown = None
        withheld = ""
        if not is_over:
            withheld = str(WITHHELD_OPEN)
        elif len(answered) < needed:
            withheld = WITHHELD_FEW.format(threshold=needed)
        else:
            scores = [score(instrument, r.answers) for r in answered]
            shown = figures(instrument, scores, threshold=needed, previous=previous)
            previous = shown or previous
        views.append(PulseView(pulse, len(rows), len(answered), is_over, shown, withheld))
    return views


def pulse_views(engagement: Engagement, space: TeamSpace | None = None) -> list[PulseView]:
    """The team's pulses, oldest first, each with aggregate figures or why there are none."""
    space = space or space_of(engagement)
    return _views(engagement, space.pulse_threshold)


def latest_figures(engagement: Engagement, space: TeamSpace | None = None) -> PulseFigures | None:
    shown = [v.figures for v in pulse_views(engagement, space) if v.figures is not None]
    return shown[-1] if shown else None


def weakest_topic(latest: PulseFigures) -> str:
    weakest = latest.weakest
    return f"Team pulse: {weakest.name.lower()} is the team's weakest dimension ({weakest.mean:.1f} of 5)"


def trend_points(views: list[PulseView]) -> dict[str, list[tuple[date, float]]]:
    """Per dimension name, (date, mean) of each pulse with figures, oldest first."""
    points: dict[str, list[tuple[date, float]]] = {}
    for view in views:
        if view.figures is None:
            continue
        for dimension in view.figures.dimensions:
            points.setdefault(dimension.name, []).append((view.pulse.opened_on, dimension.mean))
    return points


def my_open_pulse(*, member: Membership, engagement: Engagement) -> tuple[TeamPulse, str] | None:
    """The open pulse the member has yet to answer, with the path of their own answer link."""
    from django.urls import reverse

    from trellis.instruments.services import answer_token

    pulse = (
        engagement.pulses.filter(
            administration__status="open",
            administration__respondents__member=member,
            administration__respondents__answered_at=None,
        )
        .select_related("administration")
        .first()
    )
    if pulse is None:
        return None
    respondent = pulse.administration.respondents.get(member=member)
    return pulse, reverse("instruments:answer", args=[answer_token(respondent)])


# -- actions and check-ins -----------------------------------------------------------------------


def actions_of(engagement: Engagement) -> QuerySet[TeamAction]:
    return engagement.team_actions.select_related("owner__user").order_by("status", "due_on", "id")


def check_ins_of(engagement: Engagement) -> QuerySet[TeamCheckIn]:
    return engagement.team_check_ins.select_related("by__user").order_by("-created_at", "-id")


def action_get(*, member: Membership, engagement: Engagement, uuid: str) -> TeamAction | None:
    return engagement.team_actions.filter(Q(uuid=uuid)).select_related("engagement").first()


def may(member: Membership, action: str, engagement: Engagement) -> bool:
    return policy.allows(member, action, space_of(engagement))


# -- the organization's business goals -----------------------------------------------------------


@dataclass(frozen=True)
class BusinessGoal:
    goal: Goal
    team_goals: int
    person_goals: int
    people: int
    trend: list[QuarterPoint]


def business_goals(
    *, member: Membership, threshold: int = BUSINESS_THRESHOLD
) -> list[BusinessGoal]:
    """The organization's goals at the top of the goal tree, each with how many team and person
    goals sit under it (directly or through a team goal), how many people own them, and their GAS
    trend by quarter (withheld below `threshold` people). Counts only: no one's goals or scores.
    Four queries, however many goals and reviews."""
    tops = list(
        Goal.objects.filter(
            org=member.org, level=Goal.Level.ORGANIZATION, status=Goal.Status.ACTIVE
        ).order_by("title")
    )
    top_ids = {g.pk for g in tops}
    teams: dict[int, int] = dict(
        Goal.objects.filter(
            org=member.org, level=Goal.Level.TEAM, parent_id__in=top_ids
        ).values_list("pk", "parent_id")
    )
    people_goals = {
        pk: (parent if parent in top_ids else teams[parent], owner)
        for pk, parent, owner in Goal.objects.filter(
            org=member.org, level=Goal.Level.PERSON, parent_id__in=top_ids | set(teams)
        ).values_list("pk", "parent_id", "owner_id")
    }
    rows: dict[int, list[ScoreRow]] = {}
    scores = GoalScore.objects.filter(goal_id__in=list(people_goals), score__isnull=False)
    for goal_id, person, on, value, weight in scores.values_list(
        "goal_id", "review__coachee_id", "review__reviewed_on", "score", "weight"
    ):
        top = people_goals[goal_id][0]
        rows.setdefault(top, []).append(ScoreRow(goal_id, person, on, value or 0, weight))
    return [
        BusinessGoal(
            goal=top,
            team_goals=sum(1 for parent in teams.values() if parent == top.pk),
            person_goals=sum(1 for t, _ in people_goals.values() if t == top.pk),
            people=len({owner for t, owner in people_goals.values() if t == top.pk}),
            trend=gas_by_quarter(rows.get(top.pk, []), threshold=threshold),
        )
        for top in tops
    ]
