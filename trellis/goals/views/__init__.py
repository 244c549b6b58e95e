"""Pages: My plan, an engagement's plan (sponsors: shared summaries), the coach's list, goals,
actions, check-ins (htmx), reviews, histories, organization and team goals, CSV export.

Split by topic; urls.py mounts what this module re-exports."""

from trellis.goals.views.actions import action_detail, action_edit, action_new, check_in
from trellis.goals.views.goals import (
    aligned,
    goal_detail,
    goal_edit,
    goal_feedback,
    goal_history,
    goal_new,
    smart_check,
)
from trellis.goals.views.plans import (
    engagement_plan,
    engagement_plan_csv,
    my_plan,
    my_plan_csv,
    plans,
)
from trellis.goals.views.reviews import engagement_review, my_review, review_detail

__all__ = [
    "action_detail",
    "action_edit",
    "action_new",
    "aligned",
    "check_in",
    "engagement_plan",
    "engagement_plan_csv",
    "engagement_review",
    "goal_detail",
    "goal_edit",
    "goal_feedback",
    "goal_history",
    "goal_new",
    "my_plan",
    "my_plan_csv",
    "my_review",
    "plans",
    "review_detail",
    "smart_check",
]
