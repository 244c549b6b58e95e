"""Histories: a goal's revisions and feedback, an action's, check-ins and reviews."""

from dataclasses import dataclass

from django.db.models import QuerySet

from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.goals.models import (
    Action,
    CheckIn,
    Goal,
    GoalScore,
    GoalVersion,
    Review,
    Revision,
    StakeholderFeedback,
)
from trellis.goals.selectors.plan import _reviews


@dataclass
class History:
    revisions: list[Revision]
    versions: list[GoalVersion]
    feedback: list[StakeholderFeedback]
    scores: list[GoalScore]


def goal_history(*, goal: Goal) -> History:
    """Every change to a goal and its actions, oldest first, with old wordings and feedback."""
    return History(
        revisions=list(
            goal.revisions.select_related("actor__user", "action", "review").order_by("at", "id")
        ),
        versions=list(goal.versions.select_related("replaced_by__user")),
        feedback=list(goal.feedback.select_related("by__user")),
        scores=list(goal.scores.select_related("review").order_by("review__reviewed_on")),
    )


def action_history(*, action: Action) -> list[Revision]:
    return list(action.revisions.select_related("actor__user", "review").order_by("at", "id"))


def check_ins_of(*, action: Action) -> QuerySet[CheckIn]:
    return action.check_ins.select_related("by__user")


def reviews_of(
    *, coachee: Membership, engagement: Engagement | None, whole: bool = False
) -> list[Review]:
    return list(_reviews(coachee, engagement, whole).select_related("by__user").reverse())
