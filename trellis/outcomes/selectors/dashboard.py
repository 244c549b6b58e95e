"""One dashboard view: its filter choices, its panels as charts and as spreadsheet rows."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext

from trellis.accounts.models import Membership, Team
from trellis.core import outcomes
from trellis.core.outcomes import POPULATION, Dashboard, Fact, Filter, Metric
from trellis.outcomes.selectors.facts import facts_for
from trellis.outcomes.selectors.metrics import Choice, Scope, period_starts, scope_kind, threshold
from trellis.programs.models import Program


def filter_choices(*, member: Membership, kind: str, facts: list[Fact]) -> Scope:
    """The programs, teams, coaches and attributes the viewer's facts mention (two queries)."""
    present = {
        name: {getattr(f, name) for f in facts if getattr(f, name)}
        for name in ("program", "team", "coach")
    }
    attributes = sorted(
        {pair for f in facts if f.metric == POPULATION for pair in f.attributes},
        key=lambda pair: (pair[0].lower(), pair[1].lower()),
    )
    programs = [
        Choice(slug, name)
        for slug, name in Program.objects.filter(org=member.org, slug__in=present["program"])
        .order_by("name")
        .values_list("slug", "name")
    ]
    teams = [
        Choice(str(pk), name)
        for pk, name in Team.objects.filter(
            org=member.org, pk__in=[int(t) for t in present["team"]]
        )
        .order_by("name")
        .values_list("pk", "name")
    ]
    coaches: list[Choice] = []
    if kind == "admin":
        coaches = [
            Choice(str(uuid), name or email)
            for uuid, name, email in Membership.objects.filter(
                org=member.org, uuid__in=list(present["coach"])
            )
            .order_by("user__name", "id")
            .values_list("uuid", "user__name", "user__email")
        ]
    return Scope(
        member,
        kind,
        programs,
        teams,
        coaches,
        [
            Choice(f"{name}:{value}", f"{name.replace('_', ' ')}: {value}")
            for name, value in attributes
        ],
    )


@dataclass(frozen=True)
class Result:
    scope: Scope
    board: Dashboard
    period: str


def dashboard_for(
    *,
    member: Membership,
    program: str = "",
    team: str = "",
    coach: str = "",
    period: str = "all",
    attribute: str = "",
    now: datetime | None = None,
) -> Result | None:
    """The member's dashboard for one view; None when their roles give them none. Filters that
    name nothing the member may see simply match nothing (and so show nothing)."""
    kind = scope_kind(member)
    if kind is None:
        return None
    now = now or timezone.now()
    loaded = facts_for(member=member, now=now)
    scope = filter_choices(member=member, kind=kind, facts=loaded.facts)
    starts = period_starts(timezone.localdate(now))
    if period not in starts:
        period = "all"
    view = Filter(
        program=program or None,
        team=team or None,
        coach=(coach or None) if kind == "admin" else None,
        since=starts[period],
        attribute=_attribute(attribute),
    )
    wider = [s for s in starts.values() if s is not None]
    board = outcomes.dashboard(loaded.facts, loaded.metrics, view, k=threshold(), periods=wider)
    return Result(scope, board, period)


def _attribute(choice: str) -> tuple[str, str] | None:
    """ "department:Sales" as ("department", "Sales"); none when blank or without a name."""
    name, _, value = choice.partition(":")
    return (name, value) if name and value else None


def mean_or_none(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


@dataclass(frozen=True)
class Shown:
    """One panel as a page, a PDF and a CSV show it: its chart and the table behind it."""

    key: str
    title: str
    unit: str
    rows: list[tuple[str, float | None, int | None]]  # label, value (None: hidden), people
    total: tuple[float | None, int | None] | None
    svg: str


def _plain(value: float | None, metric: Metric) -> float | None:
    """Counts as whole numbers (12, not 12.0); means keep their decimal."""
    if value is None or metric.kind == "mean":
        return value
    return int(value)


def fewer_than(k: int) -> str:
    """What a hidden number reads, in the person's language (core's `fewer_than` is English)."""
    return gettext("fewer than %(k)d") % {"k": k}


def shown_panels(board: Dashboard) -> list[Shown]:
    from trellis.core.charts import bar_chart

    found = []
    hidden_text = fewer_than(board.threshold)
    for panel in board.panels:
        metric = panel.metric
        # core keeps the English words; the person reads them in their language
        title = gettext(metric.title)
        rows = [(gettext(c.label), _plain(c.value, metric), c.people) for c in panel.cells]
        if not rows:
            continue
        decimals = 1 if metric.kind == "mean" else 0
        unit = {"%": "%"}.get(metric.unit, "")
        svg = bar_chart(
            [(label, value) for label, value, _ in rows],
            title=title,
            unit=unit,
            decimals=decimals,
            hidden_text=hidden_text,
        )
        total = (_plain(panel.total.value, metric), panel.total.people) if panel.total else None
        found.append(Shown(metric.key, title, metric.unit, rows, total, svg))
    return found


def dashboard_rows(board: Dashboard) -> list[list[object]]:
    """The dashboard as spreadsheet rows (hidden cells say "fewer than k")."""
    hidden = fewer_than(board.threshold)
    rows: list[list[object]] = [
        [gettext("Panel"), gettext("Row"), gettext("Value"), gettext("People")]
    ]
    rows.append(
        [gettext("People counted"), "", hidden if board.people is None else board.people, ""]
    )
    for shown in shown_panels(board):
        for label, value, people in shown.rows:
            rows.append([shown.title, label, hidden if value is None else value, people or ""])
        if shown.total is not None:
            value, people = shown.total
            total = gettext("Total")
            rows.append([shown.title, total, hidden if value is None else value, people or ""])
    return rows
