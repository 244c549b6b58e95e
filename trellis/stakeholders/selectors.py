"""Reads for stakeholder feedback: the leadership goals a member may see feedback on, and what the
coachee and the coach see: per round and behaviour version the mean, the count and the
feed-forward texts in a shuffled order, only at the organization's threshold; a trend per
behaviour version; a 360's figures per audience and competency at the same threshold."""

import random
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.core.instruments import score
from trellis.instruments.models import Respondent
from trellis.instruments.selectors import instrument_of
from trellis.leadership.models import Behaviour, LeadershipGoal
from trellis.stakeholders.models import (
    FeedbackRound,
    Stakeholder,
    StakeholderPlan,
    ThreeSixty,
)
from trellis.stakeholders.services import LINK_MAX_AGE, threshold_of

WITHHELD = _(
    "Fewer than {threshold} stakeholders answered this round, so nothing is shown: it would come "
    "too close to one person's answers."
)
WITHHELD_OPEN = _("The 360 shows its figures once it is closed.")
WITHHELD_ROUND_OPEN = _(
    "{answered} of {asked} answered so far. This round's figures show once everyone asked has "
    "answered or the round closes on {closes}, never while answers still come in: "
    "comparing the figures before and after one answer would reveal it."
)


def leadership_goals_for(*, member: Membership) -> QuerySet[LeadershipGoal]:
    """Leadership goals the member is the coachee of or coaches (through the goal's engagement),
    each with its plan and its engagement's places loaded: the list and its access checks take a
    constant number of queries, however many goals."""
    return (
        LeadershipGoal.objects.filter(goal__org=member.org)
        .filter(
            Q(goal__owner=member)
            | Q(
                goal__engagement__participants__member=member,
                goal__engagement__participants__role__in=["lead_coach", "co_coach"],
            )
        )
        .select_related("goal__owner__user", "goal__engagement", "stakeholder_plan")
        .prefetch_related("goal__engagement__participants")
        .distinct()
        .order_by("-created_at", "-id")
    )


def leadership_goal_get(*, member: Membership, uuid: str) -> LeadershipGoal | None:
    return (
        LeadershipGoal.objects.filter(goal__org=member.org, uuid=uuid)
        .select_related("goal__owner__user", "goal__engagement")
        .first()
    )


def plan_find(leadership_goal: LeadershipGoal) -> StakeholderPlan:
    """The goal's plan (already loaded with the goal where the caller asked for it), or an
    unsaved one (no stakeholders yet) for reading."""
    loaded = LeadershipGoal.stakeholder_plan  # read from the goal only when it came with it
    found: StakeholderPlan | None
    if loaded.is_cached(leadership_goal):
        found = cast("StakeholderPlan | None", loaded.related.get_cached_value(leadership_goal))
    else:
        found = StakeholderPlan.objects.filter(leadership_goal=leadership_goal).first()
    return found or StakeholderPlan(leadership_goal=leadership_goal)


def stakeholders_of(plan: StakeholderPlan) -> list[Stakeholder]:
    if plan.pk is None:
        return []
    return list(plan.stakeholders.filter(removed_at=None))


@dataclass(frozen=True)
class BehaviourFigures:
    behaviour: Behaviour
    count: int
    mean: float
    feedforward: list[str]
    examples: list[str]


@dataclass(frozen=True)
class RoundView:
    number: int
    opened_on: date
    asked: int
    answered: int
    shown: bool
    withheld: str
    behaviours: list[BehaviourFigures]


def rounds_of(plan: StakeholderPlan) -> list[RoundView]:
    """Every round, oldest first; figures only for rounds that are over (everyone asked answered,
    or its links expired, so no answer can come after) with answers at or above the threshold.
    An open round shows nothing: figures that moved with each answer would give each answer away.
    (A later round opening does not end one: its links stay answerable for LINK_MAX_AGE.)"""
    if plan.pk is None:
        return []
    threshold = threshold_of(plan.org_id)
    rounds = list(plan.rounds.prefetch_related("asks", "ratings", "behaviours").order_by("number"))
    now = timezone.now()
    views = []
    for feedback_round in rounds:
        asks = list(feedback_round.asks.all())
        answered = sum(1 for a in asks if a.has_answered)
        closes = feedback_round.opened_at + LINK_MAX_AGE
        over = answered == len(asks) or now >= closes
        shown = over and answered >= threshold
        figures = []
        if shown:
            by_behaviour: dict[int, list] = defaultdict(list)
            for rating in feedback_round.ratings.all():
                by_behaviour[rating.behaviour_id].append(rating)
            for behaviour in sorted(feedback_round.behaviours.all(), key=lambda b: b.position):
                ratings = by_behaviour.get(behaviour.pk, [])
                if not ratings:
                    continue
                texts = [r.feedforward for r in ratings if r.feedforward.strip()]
                examples = [r.example for r in ratings if r.example.strip()]
                random.SystemRandom().shuffle(texts)  # no order to match to a person
                random.SystemRandom().shuffle(examples)
                figures.append(
                    BehaviourFigures(
                        behaviour=behaviour,
                        count=len(ratings),
                        mean=round(statistics.fmean(r.improvement for r in ratings), 2),
                        feedforward=texts,
                        examples=examples,
                    )
                )
        views.append(
            RoundView(
                number=feedback_round.number,
                opened_on=feedback_round.opened_at.date(),
                asked=len(asks),
                answered=answered,
                shown=shown,
                withheld=""
                if shown
                else WITHHELD.format(threshold=threshold)
                if over
                else WITHHELD_ROUND_OPEN.format(
                    answered=answered, asked=len(asks), closes=date_format(closes, "j F Y")
                ),
                behaviours=figures,
            )
        )
    return views


@dataclass
class Trend:
    behaviour: Behaviour
    points: list[tuple[date, float]] = field(default_factory=list)


def trends_of(rounds: list[RoundView]) -> list[Trend]:
    """One trend per behaviour version (a new wording starts a new line), from shown rounds."""
    trends: dict[int, Trend] = {}
    for view in rounds:
        for figures in view.behaviours:
            trend = trends.setdefault(figures.behaviour.pk, Trend(figures.behaviour))
            trend.points.append((view.opened_on, figures.mean))
    return sorted(trends.values(), key=lambda t: (t.behaviour.position, t.behaviour.version))


# -- the 360 -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AudienceFigures:
    audience: str
    label: str
    answered: int
    competencies: dict[str, float] | None  # None: withheld (below threshold, or not yours)


@dataclass(frozen=True)
class ThreeSixtyView:
    threesixty: ThreeSixty
    invited: int
    answered: int
    closed: bool
    withheld: str
    audiences: list[AudienceFigures]


@dataclass(frozen=True)
class CompetencyChange:
    key: str
    name: str
    start: float | None
    end: float | None

    @property
    def change(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return round(self.end - self.start, 2)


OTHERS = "others"


def threesixty_view(
    threesixty: ThreeSixty, *, member: Membership, threshold: int
) -> ThreeSixtyView:
    """Per audience, the mean per competency. Self only to the coachee (their own answers);
    manager, peers, direct reports and all others together only at the threshold, once closed."""
    administration = threesixty.administration
    instrument = instrument_of(administration.instrument)
    raters = list(administration.respondents.all())
    answered = [r for r in raters if r.has_answered]
    closed = not administration.is_open
    coachee_id = threesixty.plan.leadership_goal.goal.owner_id
    groups: dict[str, list[Respondent]] = defaultdict(list)
    for rater in answered:
        side = ThreeSixty.AUDIENCE_OF_ROLE.get(rater.role)
        if side is None:
            continue  # not one of the 360's audiences
        groups[side].append(rater)
        if side != ThreeSixty.Audience.SELF:
            groups[OTHERS].append(rater)
    labels = dict(ThreeSixty.Audience.choices) | {OTHERS: gettext("All others together")}
    audiences = []
    for audience, label in labels.items():
        rows = groups.get(audience, [])
        if audience == ThreeSixty.Audience.SELF:
            visible = member.pk == coachee_id and bool(rows)
        else:
            visible = closed and len(rows) >= threshold
        competencies = None
        if visible:
            scores = [score(instrument, r.answers) for r in rows]
            competencies = {
                s.key: round(statistics.fmean(x.subscales[s.key] for x in scores), 2)
                for s in instrument.spec.subscales
            }
        audiences.append(AudienceFigures(audience, str(label), len(rows), competencies))
    return ThreeSixtyView(
        threesixty=threesixty,
        invited=len(raters),
        answered=len(answered),
        closed=closed,
        withheld="" if closed else str(WITHHELD_OPEN),
        audiences=audiences,
    )


def threesixties_of(
    plan: StakeholderPlan, *, member: Membership
) -> tuple[list[ThreeSixtyView], list[CompetencyChange]]:
    """The start and end 360s, and the change per competency seen by all others together."""
    if plan.pk is None:
        return [], []
    threshold = threshold_of(plan.org_id)
    views = [
        threesixty_view(t, member=member, threshold=threshold)
        for t in plan.threesixties.select_related("administration__instrument").order_by("phase")
    ]
    views.sort(key=lambda v: v.threesixty.phase != ThreeSixty.Phase.START)
    if not views:
        return views, []
    instrument = instrument_of(views[0].threesixty.administration.instrument)

    def others(phase: str) -> dict[str, float] | None:
        for view in views:
            if view.threesixty.phase == phase:
                return next(a.competencies for a in view.audiences if a.audience == OTHERS)
        return None

    start, end = others(ThreeSixty.Phase.START), others(ThreeSixty.Phase.END)
    changes = [
        CompetencyChange(
            s.key, s.name, start.get(s.key) if start else None, end.get(s.key) if end else None
        )
        for s in instrument.spec.subscales
    ]
    return views, changes


def asked_rounds(plan: StakeholderPlan) -> QuerySet[FeedbackRound]:
    return plan.rounds.all() if plan.pk else FeedbackRound.objects.none()
