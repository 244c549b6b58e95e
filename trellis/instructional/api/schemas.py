"""The instructional API's request and answer shapes (requests refuse unknown fields)."""

from datetime import date
from typing import Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict, StrictInt


class Strict(Schema):
    """Unknown fields are refused: student data has no place for a name."""

    model_config = ConfigDict(extra="forbid")


class CycleOut(Schema):
    uuid: UUID
    engagement: UUID
    teacher: str
    coach: str
    stage: str
    started_on: date
    goal_met_on: date | None


class CheckOut(Schema):
    uuid: UUID
    taken_on: date
    students: int
    reached: int
    percent: float
    is_baseline: bool


class VisitOut(Schema):
    uuid: UUID
    kind: str
    stage: str
    on: date
    minutes: int
    rubric: str | None


class CycleContentOut(Schema):
    subject: str
    reality_source: str
    reality: str
    reality_link: str
    goal_text: str
    standard: str
    group: str
    target_percent: int | None
    teacher_cares: bool | None
    strategy: str
    checklist: list[dict[str, Any]]
    checks: list[CheckOut]


class CycleDetailOut(CycleOut):
    visits: list[VisitOut]
    content: CycleContentOut | None = Field(
        description="Null for whoever sees only that the cycle runs (a sponsor, an admin)"
    )


class CycleStartIn(Strict):
    engagement: UUID
    subject: str = Field("", max_length=80)


class CycleIn(Strict):
    subject: str | None = Field(None, max_length=80)
    reality_source: str | None = Field(None, max_length=20)
    reality: str | None = Field(None, max_length=4000)
    reality_link: str | None = Field(None, max_length=500)
    goal_text: str | None = Field(None, max_length=300)
    standard: str | None = Field(None, max_length=200)
    group: str | None = Field(None, max_length=10)
    target_percent: StrictInt | None = Field(None, ge=1, le=100)
    teacher_cares: bool | None = None
    strategy: str | None = Field(None, max_length=150)
    checklist: list[str] | None = Field(None, max_length=20)


class StageIn(Strict):
    stage: str = Field(max_length=10, description="identify, learn, improve or done")


class CheckIn(Strict):
    students: StrictInt = Field(ge=1, le=1000, description="Students in the group")
    reached: StrictInt = Field(ge=0, le=1000, description="How many reached the standard")
    taken_on: date | None = None
    is_baseline: bool = False


class VisitIn(Strict):
    kind: str = Field(
        max_length=12, description="planning, observation, modelling, co_teaching, debrief"
    )
    minutes: StrictInt = Field(ge=1, le=600)
    on: date | None = None
    rubric: str = Field("", max_length=60, description="A rubric's key (observations)")
    video_url: str = Field("", max_length=500)
    observation: UUID | None = Field(None, description="The observation a debrief talks about")
    summary: str = Field("", max_length=4000)
    next_step: str = Field("", max_length=2000)


class ObservationNoteIn(Strict):
    at_seconds: StrictInt = Field(ge=0, le=86400)
    text: str = Field(max_length=4000, description="Empty removes the note")


class ObservationNoteOut(Schema):
    id: UUID = Field(description="The note's own id, chosen by the client")
    at_seconds: int
    text: str


class RatingIn(Strict):
    level: StrictInt | None = Field(None, description="One of the rubric's levels; null clears it")


class RatingOut(Schema):
    indicator: str
    level: int | None


class TallyIn(Strict):
    id: UUID = Field(description="Chosen by the client: the same id sent again counts once")
    at_seconds: StrictInt = Field(ge=0, le=86400)
    engaged: StrictInt = Field(ge=0, le=1000)
    present: StrictInt = Field(ge=1, le=1000)


class TallyOut(Schema):
    at_seconds: int
    engaged: int
    present: int


class VisitDetailOut(VisitOut):
    cycle: UUID
    video_url: str | None
    summary: str | None
    next_step: str | None
    notes: list[ObservationNoteOut] | None
    ratings: list[RatingOut] | None
    tallies: list[TallyOut] | None


class VisitEditIn(Strict):
    on: date
    minutes: StrictInt = Field(ge=1, le=600)
    video_url: str = Field("", max_length=500)
    summary: str = Field("", max_length=4000)
    next_step: str = Field("", max_length=2000)


class VisitChecklistIn(Strict):
    done: list[str] = Field(
        max_length=20, description="The texts of the strategy's checklist items ticked in the visit"
    )


class VisitChecklistOut(Schema):
    items: list[dict[str, Any]] = Field(description="Each item's text and whether it is ticked")


class PeersIn(Strict):
    goal_text: str = Field(max_length=300)
    target_percent: StrictInt | None = Field(None, ge=1, le=100)
    baseline_percent: StrictInt | None = Field(None, ge=0, le=100)
    has_strategy: bool = False
    teacher_cares: bool | None = None


class PeersFindingOut(Schema):
    criterion: str
    ok: bool
    message: str
    suggestion: str


class RubricOut(Schema):
    key: str
    name: str
    version: int
    builtin: bool
    indicators: int
    levels: list[int]


class RubricIn(Strict):
    text: str = Field(max_length=300_000, description="The rubric file (TOML)")
    filename: str = Field("rubric.toml", max_length=120)
