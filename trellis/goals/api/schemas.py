"""The goals API's request and answer shapes."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Schema
from pydantic import Field

from trellis.api.fields import OMITTED, Day
from trellis.api.problems import Problem


class GoalPerson(Schema):
    id: UUID
    name: str


class GoalOut(Schema):
    id: UUID
    level: str
    title: str
    why: str
    success_measure: str
    due_text: str
    due_date: date | None
    weight: int
    visibility: str
    status: str
    status_reason: str
    owner: GoalPerson | None
    engagement_id: UUID | None
    parent_id: UUID | None
    team: str | None
    gas_levels: dict[str, str] = Field(
        description="Level (-2 to 2) -> what that outcome looks like"
    )
    progress: float | None = Field(description="Weighted progress of the goal's actions, 0-100")
    version: int = Field(description="Send it back when changing the goal (optimistic locking)")
    wording_version: int
    wording_frozen: bool
    created_at: datetime
    updated_at: datetime


class GoalIn(Schema):
    title: str
    engagement_id: UUID | None = Field(None, description="The coaching the goal belongs to")
    coachee_id: UUID | None = Field(
        None, description="Whose goal; default: the engagement's coachee, or you"
    )
    level: str = Field("person", description="person, team or organization")
    team: str | None = Field(None, description="The team's name, for a team goal")
    parent_id: UUID | None = None
    why: str = ""
    success_measure: str = ""
    due_text: str = Field("", description="A date or words: 'by the end of March'")
    due_date: Day | None = None
    weight: int = 1
    visibility: str = "private"
    gas_levels: dict[str, str] = {}


class GoalPatch(Schema):
    """Send only what changes; null clears `due_date` and `parent_id` and is refused elsewhere."""

    version: int = Field(description="The version you last read; a newer one answers 409")
    why_changed: str = Field("", description="Kept in the goal's history")
    title: str = OMITTED
    why: str = OMITTED
    success_measure: str = OMITTED
    due_text: str = OMITTED
    due_date: Day | None = None
    weight: int = OMITTED
    visibility: str = OMITTED
    status: str = OMITTED
    status_reason: str = OMITTED
    parent_id: UUID | None = None
    gas_levels: dict[str, str] | None = None


class EditConflictOut(Problem):
    """A problem (409) that also carries the version saved first and what it changed."""

    current_version: int
    changes: list[dict[str, Any]]


class GoalActionOut(Schema):
    id: UUID
    goal_id: UUID
    what: str
    owner: GoalPerson
    due_date: date | None
    due_history: list[str]
    due_state: str
    slipped_days: int
    accountability_partner: GoalPerson | None
    cadence: str
    support: str
    obstacles: str
    commitment: int | None
    weight: int
    status: str
    drop_reason: str
    percent: int
    version: int


class GoalActionIn(Schema):
    what: str
    owner_id: UUID | None = Field(None, description="The coachee (default) or their coach")
    due_date: Day | None = None
    accountability_partner_id: UUID | None = None
    cadence: str = "weekly"
    support: str = ""
    obstacles: str = ""
    commitment: int | None = None
    weight: int = 1


class GoalActionPatch(Schema):
    """Send only what changes; null clears `due_date`, `accountability_partner_id` and `commitment`
    and is refused elsewhere."""

    version: int
    why_changed: str = ""
    what: str = OMITTED
    owner_id: UUID = OMITTED
    due_date: Day | None = None
    accountability_partner_id: UUID | None = None
    cadence: str = OMITTED
    support: str = OMITTED
    obstacles: str = OMITTED
    commitment: int | None = None
    weight: int = OMITTED
    status: str = OMITTED
    drop_reason: str = OMITTED


class GoalCheckInIn(Schema):
    percent: int | None = None
    done: bool = False
    note: str = ""
    blockers: str = ""


class GoalCheckInOut(Schema):
    id: UUID
    action_id: UUID
    by: GoalPerson | None
    percent: int | None
    done: bool
    note: str
    blockers: str
    created_at: datetime


class GoalRevisionOut(Schema):
    id: UUID
    at: datetime
    actor: GoalPerson | None
    kind: str
    goal_id: UUID
    action_id: UUID | None
    review_id: UUID | None
    why: str = Field(
        ...,
        description="Why, as the person wrote it, with what Trellis adds (a GAS score, "
        "blockers, a reason of its own) in the reader's language.",
    )
    changes: dict[str, Any]
    version: int


class GoalVersionOut(Schema):
    number: int
    title: str
    why: str
    success_measure: str
    replaced_at: datetime
    replaced_by: GoalPerson | None


class GoalFeedbackIn(Schema):
    text: str
    stakeholder: str = ""


class GoalFeedbackOut(Schema):
    id: UUID
    goal_id: UUID
    stakeholder: str
    text: str
    wording_version: int
    created_at: datetime


class GoalHistoryOut(Schema):
    revisions: list[GoalRevisionOut]
    versions: list[GoalVersionOut]
    feedback: list[GoalFeedbackOut]


class ReviewGoalDecisionIn(Schema):
    goal_id: UUID
    score: int | None = Field(None, description="-2 to 2, or null when not scored")
    decision: str = Field("keep", description="keep, change, complete or drop")
    changes: dict[str, Any] = Field(
        {}, description="For change: title, success_measure, due_text ..."
    )
    why: str = ""
    version: int | None = None


class ReviewActionDecisionIn(Schema):
    action_id: UUID
    decision: str = Field("keep", description="keep, change, done or drop")
    due_date: Day | None = Field(None, description="For change: the new due date")
    why: str = ""
    version: int | None = None


class ReviewNewGoalIn(Schema):
    title: str
    success_measure: str = ""
    due_text: str = ""
    why: str = ""
    weight: int = 1


class GoalReviewIn(Schema):
    engagement_id: UUID | None = Field(None, description="Null: the coachee's own goals")
    reviewed_on: Day | None = None
    note: str = ""
    goals: list[ReviewGoalDecisionIn] = []
    actions: list[ReviewActionDecisionIn] = []
    new_goals: list[ReviewNewGoalIn] = []


class GasScoreOut(Schema):
    goal_id: UUID
    title: str
    score: int | None
    weight: int
    decision: str


class GoalReviewOut(Schema):
    id: UUID
    reviewed_on: date
    coachee: GoalPerson
    engagement_id: UUID | None
    by: GoalPerson | None
    note: str
    t_score: float | None
    scores: list[GasScoreOut]


class SmartCheckIn(Schema):
    title: str
    success_measure: str = ""
    due_text: str = ""
    within_control: bool | None = None


class SmartFindingOut(Schema):
    criterion: str
    ok: bool
    message: str
    suggestion: str


class GasTrendPointOut(Schema):
    on: date
    t_score: float
    goals: int


class PlanAttentionOut(Schema):
    overdue: int
    stalled: bool
    lowest_commitment: int | None
    needs_attention: bool


class PlanGoalOut(Schema):
    id: UUID
    title: str
    status: str
    due_date: date | None
    progress: float | None
    last_score: int | None = Field(description="Latest GAS score; null for sponsors")


class PlanOut(Schema):
    coachee: GoalPerson
    engagement_id: UUID | None
    summary_only: bool = Field(description="True for a sponsor: shared goals, no actions or scores")
    progress: float | None
    t_score: float | None
    direction: str | None
    trend: list[GasTrendPointOut]
    attention: PlanAttentionOut
    goals: list[PlanGoalOut]
    actions: list[GoalActionOut] = Field(description="Open actions, overdue and due soon first")
