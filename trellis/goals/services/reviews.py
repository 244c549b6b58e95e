"""The review: walk the plan, score each goal on its GAS levels, keep, change, add, drop or complete."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.core.goals import LEVELS, gas_t_score
from trellis.engagements.models import Engagement
from trellis.goals.models import Action, Goal, GoalScore, Review, Revision
from trellis.goals.services.actions import action_apply
from trellis.goals.services.common import (
    REASON_REQUIRED,
    RevisionContext,
    local_today,
    revision_add,
)
from trellis.goals.services.goals import goal_apply, goal_build

NOT_IN_PLAN = _("This goal is not part of the plan under review.")
ACTION_NOT_IN_PLAN = _("This action is not part of the plan under review.")
SCORE_RANGE = _("Score the goal with a whole level from -2 to +2, or leave it unscored.")
CHANGE_WITHOUT_CHANGES = _("Say what changes: edit the wording, the measure or the due date.")
UNKNOWN_DECISION = _("Choose keep, change, complete or drop; got {decision!r}.")
NOTHING_TO_REVIEW = _("A review needs at least one goal of the plan, scored or decided.")
REVIEW_IN_FUTURE = _("A review cannot be dated in the future.")

GOAL_STATUS = {
    GoalScore.Decision.COMPLETE: Goal.Status.COMPLETED,
    GoalScore.Decision.DROP: Goal.Status.DROPPED,
}
ACTION_STATUS = {"done": Action.Status.DONE, "drop": Action.Status.DROPPED}


@dataclass(frozen=True)
class GoalDecision:
    goal: Goal
    score: int | None = None
    decision: str = GoalScore.Decision.KEEP
    changes: Mapping[str, Any] = field(default_factory=dict)
    why: str = ""
    version: int | None = None


@dataclass(frozen=True)
class ActionDecision:
    action: Action
    decision: str = "keep"  # keep, change, done, drop
    changes: Mapping[str, Any] = field(default_factory=dict)
    why: str = ""
    version: int | None = None


@dataclass(frozen=True)
class NewGoal:
    title: str
    success_measure: str = ""
    due_text: str = ""
    why: str = ""
    weight: int = 1


def _prefixed(exc: ValidationError, prefix: str) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError({f"{prefix}.{k}": v for k, v in exc.message_dict.items()})
    return ValidationError({prefix: exc.messages})


def _check_goal(
    i: int, d: GoalDecision, coachee: Membership, engagement: Engagement | None
) -> None:
    goal = d.goal
    if goal.owner_id != coachee.pk or goal.engagement_id != (engagement.pk if engagement else None):
        raise ValidationError({f"goals.{i}.goal": NOT_IN_PLAN})
    if d.score is not None and (isinstance(d.score, bool) or d.score not in LEVELS):
        raise ValidationError({f"goals.{i}.score": SCORE_RANGE})
    if d.decision not in GoalScore.Decision.values or d.decision == GoalScore.Decision.ADD:
        raise ValidationError({f"goals.{i}.decision": UNKNOWN_DECISION.format(decision=d.decision)})
    if d.decision == GoalScore.Decision.CHANGE and not d.changes:
        raise ValidationError({f"goals.{i}.changes": CHANGE_WITHOUT_CHANGES})
    if d.decision == GoalScore.Decision.DROP and not d.why.strip():
        raise ValidationError({f"goals.{i}.why": REASON_REQUIRED.format(what=_("goal"))})


def _decide_goal(i: int, d: GoalDecision, review: Review, actor: Membership) -> None:
    context = RevisionContext(actor, d.why.strip(), review)
    changes = dict(d.changes)
    if d.decision in GOAL_STATUS:
        changes["status"] = GOAL_STATUS[GoalScore.Decision(d.decision)]
    try:
        goal = goal_apply(goal=d.goal, changes=changes, context=context, version=d.version)
    except ValidationError as exc:
        raise _prefixed(exc, f"goals.{i}") from exc
    GoalScore.objects.create(
        review=review, goal=goal, score=d.score, weight=goal.weight, decision=d.decision
    )
    if d.score is not None:
        level = goal.gas_levels.as_mapping()[d.score]  # the goal's words, else the level's name
        revision_add(
            context=RevisionContext(actor, "", review, {"score": d.score, "level": level}),
            goal=goal,
            kind=Revision.Kind.REVIEWED,
            changes={"gas_score": {"from": None, "to": d.score}},
        )


def _decide_action(
    i: int, d: ActionDecision, review: Review, actor: Membership, goal_ids: set[int]
) -> None:
    if d.action.goal_id not in goal_ids:
        raise ValidationError({f"actions.{i}.action": ACTION_NOT_IN_PLAN})
    if d.decision not in ("keep", "change", *ACTION_STATUS):
        raise ValidationError(
            {f"actions.{i}.decision": UNKNOWN_DECISION.format(decision=d.decision)}
        )
    changes = dict(d.changes)
    if d.decision in ACTION_STATUS:
        changes["status"] = ACTION_STATUS[d.decision]
    if d.decision == "keep" and not changes:
        return
    try:
        action_apply(
            action=d.action,
            changes=changes,
            context=RevisionContext(actor, d.why.strip(), review),
            version=d.version,
        )
    except ValidationError as exc:
        raise _prefixed(exc, f"actions.{i}") from exc


def review_record(
    *,
    actor: Membership,
    coachee: Membership,
    engagement: Engagement | None,
    goals: Sequence[GoalDecision],
    actions: Sequence[ActionDecision] = (),
    new_goals: Sequence[NewGoal] = (),
    reviewed_on: date | None = None,
    note: str = "",
    source_session_uuid: UUID | None = None,
) -> Review:
    """Record a review of one plan (an engagement's, or the coachee's own goals when None).

    All or nothing: one refused decision, or an edit conflict, leaves the plan as it was.
    """
    today = local_today(coachee)
    reviewed_on = reviewed_on or today
    if reviewed_on > today:
        raise ValidationError({"reviewed_on": REVIEW_IN_FUTURE})
    if not goals and not new_goals:
        raise ValidationError({"goals": NOTHING_TO_REVIEW})
    for i, decision in enumerate(goals):
        _check_goal(i, decision, coachee, engagement)
    scored = [(d.score, d.goal.weight) for d in goals if d.score is not None]
    with transaction.atomic(durable=True):
        review = Review(
            org=coachee.org,
            coachee=coachee,
            engagement=engagement,
            reviewed_on=reviewed_on,
            by=actor,
            note=note.strip(),
            t_score=gas_t_score([s for s, _ in scored], [w for _, w in scored]) if scored else None,
            source_session_uuid=source_session_uuid,
        )
        review.full_clean()
        review.save()
        for i, goal_decision in enumerate(goals):
            _decide_goal(i, goal_decision, review, actor)
        goal_ids = {d.goal.pk for d in goals}
        for i, action_decision in enumerate(actions):
            _decide_action(i, action_decision, review, actor, goal_ids)
        for i, new in enumerate(new_goals):
            try:
                goal = goal_build(
                    actor=actor,
                    owner=coachee,
                    engagement=engagement,
                    title=new.title,
                    success_measure=new.success_measure,
                    due_text=new.due_text,
                    why=new.why,
                    weight=new.weight,
                    because="review",
                )
            except ValidationError as exc:
                raise _prefixed(exc, f"new_goals.{i}") from exc
            GoalScore.objects.create(review=review, goal=goal, decision=GoalScore.Decision.ADD)
    return review
