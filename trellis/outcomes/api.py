"""Outcomes in the API: the dashboard's aggregates (every number about fewer people than the
anonymity threshold is null, decided on the server), a sponsor's engagements as their contracts
let them see them, and a coachee's own progress."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.outcomes import selectors

router = Router(tags=["outcomes"])


class DashboardQuery(Schema):
    program: str = Field("", max_length=100, description="A program's slug")
    team: str = Field("", max_length=100, description="A team's id (as the filter choices give it)")
    coach: str = Field("", max_length=100, description="A coach's membership id (admins only)")
    period: str = Field("all", pattern="^(all|12m|90d|30d)$", description="all, 12m, 90d or 30d")
    attribute: str = Field(
        "",
        max_length=200,
        description="One of the organization's own attributes as name:value (as the choices give it)",
    )


class CellOut(Schema):
    key: str
    label: str
    value: float | None = Field(description="null: about fewer people than the threshold")
    people: int | None


class PanelOut(Schema):
    key: str
    title: str
    kind: str = Field(description="partition (parts of a total), chain (a funnel) or mean")
    unit: str
    cells: list[CellOut]
    total: CellOut | None


class ChoiceOut(Schema):
    value: str
    label: str


class DashboardOut(Schema):
    threshold: int
    scope: str = Field(description="admin, coach or sponsor: whose engagements are counted")
    people: int | None = Field(description="null: the view is hidden as a whole")
    period: str
    programs: list[ChoiceOut]
    teams: list[ChoiceOut]
    coaches: list[ChoiceOut]
    attributes: list[ChoiceOut] = Field(description="The organization's own attributes, name:value")
    panels: list[PanelOut]


class SponsoredOut(Schema):
    engagement: str
    coachee: str
    status: str
    length: str
    cadence: str
    attendance: dict[str, int] | None = Field(description="null: not in the contract")
    shared_goals: dict[str, int] | None = Field(description="null: not in the contract")


class GasPointOut(Schema):
    on: date
    t_score: float


class OutcomeInstrumentChangeOut(Schema):
    instrument: str
    before: float
    after: float
    verdict: str


class MyEngagementOut(Schema):
    topic: str
    coach: str
    status: str
    held: int
    no_show: int
    late_cancellations: int
    gas: list[GasPointOut]
    instruments: list[OutcomeInstrumentChangeOut]


def _cell(cell: object) -> dict[str, object]:
    return {
        "key": cell.key,  # type: ignore[attr-defined]
        "label": cell.label,  # type: ignore[attr-defined]
        "value": cell.value,  # type: ignore[attr-defined]
        "people": cell.people,  # type: ignore[attr-defined]
    }


@router.get(
    "/dashboard",
    response=DashboardOut,
    summary="Outcome aggregates for the engagements you may count (admins, coaches, sponsors)",
)
def dashboard(request: HttpRequest, filters: Query[DashboardQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "outcomes.dashboard")
    result = selectors.dashboard_for(member=member, **filters.dict())
    assert result is not None
    board, scope = result.board, result.scope

    def choices(items: list[selectors.Choice]) -> list[dict[str, str]]:
        return [{"value": c.value, "label": c.label} for c in items]

    return {
        "threshold": board.threshold,
        "scope": scope.kind,
        "people": board.people,
        "period": result.period,
        "programs": choices(scope.programs),
        "teams": choices(scope.teams),
        "coaches": choices(scope.coaches),
        "attributes": choices(scope.attributes),
        "panels": [
            {
                "key": p.metric.key,
                "title": p.metric.title,
                "kind": p.metric.kind,
                "unit": p.metric.unit,
                "cells": [_cell(c) for c in p.cells],
                "total": _cell(p.total) if p.total else None,
            }
            for p in board.panels
        ],
    }


@router.get(
    "/sponsored",
    response=page_of(SponsoredOut),
    summary="The engagements you sponsor: what was agreed, attendance, goals shared with you",
)
def sponsored(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "outcomes.sponsored")
    rows = list(selectors.sponsor_summary(member=member))
    return paginate(rows, page, lambda row: {**row.__dict__, "engagement": row.uuid})


@router.get(
    "/me",
    response=page_of(MyEngagementOut),
    summary="Your own progress as a coachee: attendance, GAS trend, instrument change",
)
def my_progress(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "outcomes.report.mine")
    return paginate(list(selectors.my_progress(member=member)), page, _progress_out)


def _progress_out(item: Any) -> dict[str, object]:
    return {
        "topic": item.topic,
        "coach": item.coach,
        "status": item.status,
        "held": item.held,
        "no_show": item.no_show,
        "late_cancellations": item.late,
        "gas": [{"on": on, "t_score": round(t, 1)} for on, t in item.gas],
        "instruments": [
            {"instrument": n, "before": round(a, 2), "after": round(b, 2), "verdict": v}
            for n, a, b, v in item.instruments
        ],
    }
