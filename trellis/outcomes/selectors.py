"""Reads for outcome dashboards: the facts a viewer may count, loaded in a constant number of
queries, handed to trellis/core/outcomes.py, which alone turns them into numbers (and hides every
number about fewer people than the threshold).

Who counts what (docs/outcomes.md):
- an admin: every engagement of the organization;
- a coach: the engagements they coach (an accepted coach's place);
- a sponsor: the engagements they sponsor (an accepted, approved place) whose contract lets them see
  attendance; goal attainment only where it lets them see goal summaries; never language or reasons.
The person counted is each engagement's coachee. Counts, dates and scores only: never content.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from trellis.accounts.models import Membership, Team
from trellis.core import outcomes
from trellis.core.instruments import change as instrument_change
from trellis.core.instruments import score as instrument_score
from trellis.core.outcomes import POPULATION, Dashboard, Fact, Filter, Metric
from trellis.engagements.models import Agreement, Engagement, EngagementParticipant
from trellis.goals.models import Review
from trellis.insights.models import LanguagePreference, WritingSample
from trellis.instruments.models import Administration, Respondent
from trellis.instruments.selectors import instrument_of
from trellis.programs.models import Program
from trellis.scheduling.models import Outcome, ScheduledSession

EARLY_BELOW_SESSIONS = 3  # an engagement that ended before its third held session ended early
PERIODS = {"all": None, "12m": 365, "90d": 90, "30d": 30}
PERIOD_LABELS = {
    "all": gettext_lazy("All time"),
    "12m": gettext_lazy("Last 12 months"),
    "90d": gettext_lazy("Last 90 days"),
    "30d": gettext_lazy("Last 30 days"),
}
OTHER_REASONS = gettext_noop("Other reasons")
NO_REASON = gettext_noop("No reason given")

FUNNEL = Metric(
    "funnel",
    gettext_noop("Engagement funnel"),
    "chain",
    (
        ("proposed", gettext_noop("Proposed")),
        ("accepted", gettext_noop("Accepted")),
        ("first_session", gettext_noop("First session held")),
        ("three_sessions", gettext_noop("Three or more sessions held")),
    ),
)
STATUS = Metric(
    "status",
    gettext_noop("Where engagements are now"),
    "partition",
    (
        ("waiting", gettext_noop("Waiting for an answer")),
        ("active", gettext_noop("Active")),
        ("stalled", gettext_noop("Stalled")),
        ("paused", gettext_noop("Paused")),
        ("completed", gettext_noop("Ended")),
        ("ended_early", gettext_noop("Ended early")),
        ("declined", gettext_noop("Declined")),
    ),
)
ATTENDANCE = Metric(
    "attendance",
    gettext_noop("Attendance (sessions)"),
    "partition",
    (
        (Outcome.HELD.value, gettext_noop("Held")),
        ("no_show", gettext_noop("No-show")),
        (Outcome.LATE_CANCELLATION.value, gettext_noop("Late cancellation")),
        (Outcome.CANCELLED.value, gettext_noop("Cancelled in time")),
        ("to_log", gettext_noop("Not logged yet")),
    ),
)
SESSIONS = Metric(
    "sessions",
    gettext_noop("Held sessions per engagement"),
    "partition",
    (
        ("0", gettext_noop("None yet")),
        ("1-2", gettext_noop("1 or 2")),
        ("3-5", gettext_noop("3 to 5")),
        ("6-9", gettext_noop("6 to 9")),
        ("10+", gettext_noop("10 or more")),
    ),
)
FIRST_SESSION = Metric(
    "first_session",
    gettext_noop("Time to first session"),
    "partition",
    (
        ("14", gettext_noop("Within 2 weeks")),
        ("30", gettext_noop("2 to 4 weeks")),
        ("60", gettext_noop("1 to 2 months")),
        ("more", gettext_noop("Over 2 months")),
    ),
)
FIRST_SESSION_DAYS = Metric(
    "first_session_days",
    gettext_noop("Days to first session"),
    "mean",
    (("mean", gettext_noop("Mean days")),),
    unit="days",
)
GAS_LATEST = Metric(
    "gas_latest",
    gettext_noop("Goal attainment (latest GAS T-score)"),
    "partition",
    (
        ("below40", gettext_noop("Below 40")),
        ("40-49", gettext_noop("40 to 49")),
        ("50-59", gettext_noop("50 to 59")),
        ("60+", gettext_noop("60 or more")),
    ),
)
GAS_CHANGE = Metric(
    "gas_change",
    gettext_noop("GAS T-score, first and latest review"),
    "mean",
    (
        ("first", gettext_noop("First review")),
        ("latest", gettext_noop("Latest review")),
        ("change", gettext_noop("Change")),
    ),
    unit="T",
)
LANGUAGE = Metric(
    "language",
    gettext_noop("Player language (coachees who opted in and shared their trend)"),
    "mean",
    (("share", gettext_noop("Player-language share")),),
    unit="%",
)
VERDICTS = (
    ("improved", gettext_noop("Reliably improved")),
    ("no reliable change", gettext_noop("No reliable change")),
    ("deteriorated", gettext_noop("Reliably worse")),
    ("not computable", gettext_noop("Change not computable")),
)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Scope:
    """What the viewer may count, and the choices their filters offer."""

    viewer: Membership
    kind: str  # "admin", "coach" or "sponsor"
    programs: list[Choice]
    teams: list[Choice]
    coaches: list[Choice]
    attributes: list[Choice]  # "name:value" of the organization's own attributes


@dataclass(frozen=True)
class Loaded:
    facts: list[Fact]
    metrics: list[Metric]


def scope_kind(member: Membership) -> str | None:
    if member.is_admin:
        return "admin"
    if member.is_coach:
        return "coach"
    if member.is_sponsor:
        return "sponsor"
    return None


def threshold() -> int:
    return settings.ANONYMITY_THRESHOLD


def period_starts(today: date) -> dict[str, date | None]:
    return {
        key: None if days is None else today - timedelta(days=days) for key, days in PERIODS.items()
    }


def _engagements(
    member: Membership, kind: str
) -> tuple[list[dict], dict[int, set[str]], QuerySet[Engagement]]:
    """The engagements the viewer counts (one query, two with a sponsor's contracts), each as a
    dict of plain values; and, for a sponsor, what each contract lets them see."""
    rows = Engagement.objects.filter(org=member.org).order_by()
    if kind == "coach":
        places = EngagementParticipant.objects.filter(
            member=member,
            role__in=[EngagementParticipant.Role.LEAD_COACH, EngagementParticipant.Role.CO_COACH],
            acceptance=EngagementParticipant.Acceptance.ACCEPTED,
            left_at__isnull=True,
        )
        rows = rows.filter(pk__in=places.values("engagement_id"))
    elif kind == "sponsor":
        places = EngagementParticipant.objects.filter(
            member=member,
            role=EngagementParticipant.Role.SPONSOR,
            acceptance=EngagementParticipant.Acceptance.ACCEPTED,
            left_at__isnull=True,
            coachee_approved_at__isnull=False,
        )
        rows = rows.filter(pk__in=places.values("engagement_id"))
    values: list[dict] = list(
        rows.values(  # type: ignore[arg-type]
            "id",
            "coachee_id",
            "coach__uuid",
            "coachee__team_id",
            "status",
            "started_on",
            "ended_on",
            "end_reason",
            "created_at",
            "enrolment__program__slug",
            "coachee__attributes",
        )
    )
    allowed: dict[int, set[str]] = {}
    if kind == "sponsor":
        latest: dict[int, tuple[int, list[str]]] = {}
        for engagement_id, version, items in Agreement.objects.filter(
            engagement_id__in=[v["id"] for v in values]
        ).values_list("engagement_id", "version", "sponsor_sees"):
            if engagement_id not in latest or version > latest[engagement_id][0]:
                latest[engagement_id] = (version, list(items or []))
        allowed = {e: set(items) for e, (_, items) in latest.items()}
        values = [v for v in values if "attendance" in allowed.get(v["id"], set())]
    return values, allowed, rows


@dataclass(frozen=True)
class _Where:
    """An engagement's place on the filters: its program, its coachee's team, its coach, and its
    coachee's own attributes."""

    program: str
    team: str
    coach: str
    attributes: frozenset[tuple[str, str]]


def _where(e: dict) -> _Where:
    found = e.get("where")  # kept on the row: an engagement has many facts
    if found is None:
        found = e["where"] = _Where(
            e["enrolment__program__slug"] or "",
            str(e["coachee__team_id"] or ""),
            str(e["coach__uuid"]),
            frozenset(
                (str(name), str(value))
                for name, value in (e["coachee__attributes"] or {}).items()
                if value not in ("", None)
            ),
        )
    return found


def _fact(
    person: int,
    metric: str,
    category: str,
    value: float = 1.0,
    *,
    where: _Where,
    on: date | None = None,
) -> Fact:
    return Fact(
        person,
        metric,
        category,
        value,
        where.program,
        where.team,
        where.coach,
        on,
        where.attributes,
    )


def _attendance_key(outcome: str, status: str, late: bool, start: datetime, now: datetime) -> str:
    # The same reading as scheduling.selectors.attendance_of, on plain values (no per-row queries).
    if outcome in (Outcome.NO_SHOW_COACH, Outcome.NO_SHOW_COACHEE):
        return "no_show"
    if outcome:
        return outcome
    if status == ScheduledSession.Status.CANCELLED:
        return Outcome.LATE_CANCELLATION.value if late else Outcome.CANCELLED.value
    return "upcoming" if start > now else "to_log"


def _bin(value: float, edges: list[tuple[float, str]], last: str) -> str:
    for edge, key in edges:
        if value < edge:
            return key
    return last


def _sessions_bin(held: int) -> str:
    return _bin(held, [(1, "0"), (3, "1-2"), (6, "3-5"), (10, "6-9")], "10+")


def _t_bin(t_score: float) -> str:
    return _bin(t_score, [(40, "below40"), (50, "40-49"), (60, "50-59")], "60+")


def facts_for(*, member: Membership, now: datetime | None = None) -> Loaded:
    """Every fact the member may count, and the metrics to show them (constant queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    kind = scope_kind(member)
    if kind is None:
        return Loaded([], [])
    engagements, allowed, rows = _engagements(member, kind)
    ids = rows.values("id")  # a subquery: a list of thousands of ids costs more to send
    by_id = {e["id"]: e for e in engagements}
    stalled_after = timedelta(days=settings.STALLED_AFTER_DAYS)

    def engagement_on(e: dict) -> date | None:
        if e["status"] == Engagement.Status.ENDED:
            return e["ended_on"] or today
        if e["status"] == Engagement.Status.DECLINED:
            return timezone.localdate(e["created_at"])
        return None  # still going: in every period

    # Sessions on the calendar up to now (one query), by their UTC day: periods count UTC days,
    # and a date costs less to read than a timestamp (thousands of rows).
    held: dict[int, list[date]] = defaultdict(list)
    facts: list[Fact] = []
    counted = {c for c, _ in ATTENDANCE.categories}
    sessions = ScheduledSession.objects.filter(
        series__engagement_id__in=ids, start__lte=now
    ).values_list(
        "series__engagement_id", "outcome", "status", "late", TruncDate("start", tzinfo=UTC)
    )
    for engagement_id, outcome, status, late, day in sessions:
        e = by_id.get(engagement_id)
        if e is None:
            continue  # a sponsor's engagement whose contract keeps attendance from them
        key = _attendance_key(outcome, status, late, now, now)  # all are past: start <= now
        if key == Outcome.HELD and status != ScheduledSession.Status.CANCELLED:
            held[engagement_id].append(day)
        if key in counted:
            facts.append(
                _fact(
                    e["coachee_id"],
                    "attendance",
                    key,
                    on=day,
                    where=_where(e),
                )
            )

    reasons = Counter(
        (e["end_reason"].strip() or NO_REASON)
        for e in engagements
        if e["status"] == Engagement.Status.ENDED and len(held[e["id"]]) < EARLY_BELOW_SESSIONS
    )
    for e in engagements:
        person, on, d = e["coachee_id"], engagement_on(e), _where(e)
        times = sorted(held[e["id"]])
        facts.append(_fact(person, POPULATION, "all", on=on, where=d))
        facts.append(_fact(person, "funnel", "proposed", on=on, where=d))
        if e["status"] in (Engagement.Status.PROPOSED, Engagement.Status.DECLINED):
            facts.append(
                _fact(
                    person,
                    "status",
                    str(e["status"]).replace("proposed", "waiting"),
                    on=on,
                    where=d,
                )
            )
            continue
        facts.append(_fact(person, "funnel", "accepted", on=on, where=d))
        if times:
            facts.append(_fact(person, "funnel", "first_session", on=on, where=d))
        if len(times) >= 3:
            facts.append(_fact(person, "funnel", "three_sessions", on=on, where=d))
        facts.append(_fact(person, "status", _status(e, times, now, stalled_after), on=on, where=d))
        facts.append(_fact(person, "sessions", _sessions_bin(len(times)), on=on, where=d))
        if times:
            days = (times[0] - e["started_on"]).days
            days = max(days, 0)
            first = _bin(days, [(15, "14"), (31, "30"), (61, "60")], "more")
            facts.append(_fact(person, "first_session", first, on=on, where=d))
            facts.append(_fact(person, "first_session_days", "mean", float(days), on=on, where=d))
        if _status(e, times, now, stalled_after) == "ended_early" and kind != "sponsor":
            reason = e["end_reason"].strip() or NO_REASON
            if reasons[reason] < threshold():
                reason = OTHER_REASONS  # a rare reason's words could name the person
            facts.append(_fact(person, "ended_early", reason, on=on, where=d))

    gas_ids = [
        e["id"]
        for e in engagements
        if kind != "sponsor" or "goal_summaries" in allowed.get(e["id"], set())
    ]
    facts += _gas_facts(ids, set(gas_ids), by_id)
    metrics = [
        FUNNEL,
        STATUS,
        ATTENDANCE,
        SESSIONS,
        FIRST_SESSION,
        FIRST_SESSION_DAYS,
        GAS_LATEST,
        GAS_CHANGE,
    ]
    if kind != "sponsor":
        labels = sorted({f.category for f in facts if f.metric == "ended_early"} - {OTHER_REASONS})
        if any(f.metric == "ended_early" for f in facts):
            labels.append(OTHER_REASONS)
        metrics.append(
            Metric(
                "ended_early",
                gettext_noop("Ended early, by reason"),
                "partition",
                tuple((r, r) for r in labels),
            )
        )
    instrument_facts, instrument_metrics = _instrument_facts(member, engagements, rows)
    facts += instrument_facts
    metrics += instrument_metrics
    if kind != "sponsor" and member.org.language_insight_enabled:
        facts += _language_facts(member, kind, engagements, rows)
        metrics.append(LANGUAGE)
    return Loaded(facts, metrics)


def _status(e: dict, days: list[date], now: datetime, stalled_after: timedelta) -> str:
    status = e["status"]
    if status == Engagement.Status.ENDED:
        return "ended_early" if len(days) < EARLY_BELOW_SESSIONS else "completed"
    if status == Engagement.Status.PAUSED:
        return "paused"
    last = max([e["started_on"], *days])
    return "stalled" if now.date() - last > stalled_after else "active"


def _gas_facts(
    ids: QuerySet[Engagement, Any], wanted: set[int], by_id: dict[int, dict]
) -> list[Fact]:
    """Each engagement's first and latest review's T-score (one query)."""
    reviews: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for engagement_id, on, t_score in Review.objects.filter(
        engagement_id__in=ids, t_score__isnull=False
    ).values_list("engagement_id", "reviewed_on", "t_score"):
        if engagement_id in wanted:
            reviews[engagement_id].append((on, t_score or 0.0))
    facts = []
    for engagement_id, points in reviews.items():
        e = by_id[engagement_id]
        points.sort()
        (_first_on, first), (last_on, last) = points[0], points[-1]
        person, d = e["coachee_id"], _where(e)
        facts.append(_fact(person, "gas_latest", _t_bin(last), on=last_on, where=d))
        facts.append(_fact(person, "gas_change", "latest", round(last, 1), on=last_on, where=d))
        if len(points) > 1:
            facts.append(_fact(person, "gas_change", "first", round(first, 1), on=last_on, where=d))
            facts.append(
                _fact(person, "gas_change", "change", round(last - first, 1), on=last_on, where=d)
            )
    return facts


def _instrument_facts(
    member: Membership, engagements: list[dict], rows: QuerySet[Engagement]
) -> tuple[list[Fact], list[Metric]]:
    """Pre/post change per instrument for the coachees counted: a closing administration with a
    baseline, each person who answered both (two queries)."""
    person_engagement: dict[int, dict] = {}
    for e in engagements:
        person_engagement.setdefault(e["coachee_id"], e)
    posts = list(
        Administration.objects.filter(org=member.org, baseline__isnull=False).select_related(
            "instrument", "baseline__instrument"
        )
    )
    ids = [a.pk for a in posts] + [a.baseline_id for a in posts if a.baseline_id]
    answers: dict[tuple[int | None, int], tuple[dict, datetime | None]] = {}
    for administration_id, member_id, given, answered_at in Respondent.objects.filter(
        administration_id__in=ids,
        member_id__in=rows.values("coachee_id"),
        answered_at__isnull=False,
    ).values_list("administration_id", "member_id", "answers", "answered_at"):
        answers[(administration_id, member_id)] = (given, answered_at)
    facts: list[Fact] = []
    metrics: dict[str, Metric] = {}
    for post in posts:
        instrument = instrument_of(post.instrument)
        key = f"instrument-{instrument.key}"
        for person, e in person_engagement.items():
            before = answers.get((post.baseline_id, person))
            after = answers.get((post.pk, person))
            if before is None or after is None:
                continue
            try:
                pre = instrument_score(instrument, before[0]).total
                now_score = instrument_score(instrument, after[0]).total
            except Exception:
                continue
            verdict = instrument_change(instrument, pre, now_score).verdict
            on, d = timezone.localdate(after[1] or timezone.now()), _where(e)
            facts.append(_fact(person, key, "pre", round(pre, 2), on=on, where=d))
            facts.append(_fact(person, key, "post", round(now_score, 2), on=on, where=d))
            facts.append(_fact(person, f"{key}-verdict", verdict, on=on, where=d))
        if key not in metrics:
            metrics[key] = Metric(
                key,
                f"{instrument.name}: before and after",
                "mean",
                (("pre", gettext_noop("Before")), ("post", gettext_noop("After"))),
            )
            metrics[f"{key}-verdict"] = Metric(
                f"{key}-verdict", f"{instrument.name}: reliable change", "partition", VERDICTS
            )
    return facts, list(metrics.values())


def _language_facts(
    member: Membership, kind: str, engagements: list[dict], rows: QuerySet[Engagement]
) -> list[Fact]:
    """The player-language share of coachees who turned language insight on and shared their
    trend with a coach (with this coach, for a coach's view): two queries."""
    person_engagement: dict[int, dict] = {}
    for e in engagements:
        person_engagement.setdefault(e["coachee_id"], e)
    shared = LanguagePreference.objects.filter(
        member_id__in=rows.values("coachee_id"),
        language_insight=True,
        trend_shared_with__isnull=False,
    )
    if kind == "coach":
        shared = shared.filter(trend_shared_with=member)
    people = list(shared.values_list("member_id", flat=True))
    sums = (
        WritingSample.objects.filter(member_id__in=people)
        .values("member_id")
        .annotate(player=Sum("player_sentences"), victim=Sum("victim_sentences"))
    )
    facts = []
    for row in sums:
        total = (row["player"] or 0) + (row["victim"] or 0)
        if total:
            owner = person_engagement.get(row["member_id"])
            if owner is None:
                continue
            share = round(100 * row["player"] / total, 1)
            facts.append(_fact(row["member_id"], "language", "share", share, where=_where(owner)))
    return facts


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


@dataclass(frozen=True)
class Sponsored:
    """One engagement a sponsor arranged, as far as its contract and its coachee let them see."""

    uuid: str
    coachee: str
    status: str
    length: str  # what was agreed (the sponsor signed it)
    cadence: str
    attendance: dict[str, int] | None  # None: the contract keeps attendance from the sponsor
    shared_goals: dict[str, int] | None  # goals the coachee shared with this sponsor, by status


def sponsor_summary(*, member: Membership, now: datetime | None = None) -> list[Sponsored]:
    """What was agreed, attendance and the goals shared with the sponsor, per engagement they
    sponsor (four queries); goal attainment and instrument change stay in the aggregate."""
    now = now or timezone.now()
    places = EngagementParticipant.objects.filter(
        member=member,
        role=EngagementParticipant.Role.SPONSOR,
        acceptance=EngagementParticipant.Acceptance.ACCEPTED,
        left_at__isnull=True,
        coachee_approved_at__isnull=False,
    )
    engagements = list(
        Engagement.objects.filter(org=member.org, pk__in=places.values("engagement_id"))
        .select_related("coachee__user")
        .order_by("coachee__user__name", "id")
    )
    ids = [e.pk for e in engagements]
    agreements: dict[int, Agreement] = {}
    for agreement in Agreement.objects.filter(engagement_id__in=ids).order_by("version"):
        agreements[agreement.engagement_id] = agreement  # the latest version wins
    attendance: dict[int, Counter[str]] = defaultdict(Counter)
    for engagement_id, outcome, status, late, start in ScheduledSession.objects.filter(
        series__engagement_id__in=ids, start__lte=now
    ).values_list("series__engagement_id", "outcome", "status", "late", "start"):
        attendance[engagement_id][_attendance_key(outcome, status, late, start, now)] += 1
    goals: dict[int, Counter[str]] = defaultdict(Counter)
    from trellis.goals.models import Goal

    for engagement_id, status in Goal.objects.filter(
        engagement_id__in=ids, visibility=Goal.Visibility.SHARED, shared_with=member
    ).values_list("engagement_id", "status"):
        goals[engagement_id][status] += 1
    found = []
    for e in engagements:
        latest = agreements.get(e.pk)
        items = set(latest.sponsor_sees or []) if latest else set()
        found.append(
            Sponsored(
                uuid=str(e.uuid),
                coachee=str(e.coachee.user),
                status=e.get_status_display(),
                length=latest.length if latest else "",
                cadence=latest.cadence if latest else "",
                attendance=dict(attendance[e.pk]) if "attendance" in items else None,
                shared_goals=dict(goals[e.pk]) if "goal_summaries" in items else None,
            )
        )
    return found


@dataclass(frozen=True)
class MyEngagement:
    """A coachee's own engagement in their progress report."""

    topic: str
    coach: str
    status: str
    held: int
    no_show: int
    late: int
    gas: list[tuple[date, float]]  # (review day, T-score), oldest first
    instruments: list[tuple[str, float, float, str]]  # name, before, after, verdict


def my_progress(*, member: Membership, now: datetime | None = None) -> list[MyEngagement]:
    """The member's own engagements as a coachee (five queries, whatever their number)."""
    now = now or timezone.now()
    engagements = list(
        Engagement.objects.filter(org=member.org, coachee=member)
        .exclude(status__in=[Engagement.Status.PROPOSED, Engagement.Status.DECLINED])
        .select_related("coach__user")
        .order_by("-started_on", "-id")
    )
    ids = [e.pk for e in engagements]
    attendance: dict[int, Counter[str]] = defaultdict(Counter)
    for engagement_id, outcome, status, late, start in ScheduledSession.objects.filter(
        series__engagement_id__in=ids, start__lte=now
    ).values_list("series__engagement_id", "outcome", "status", "late", "start"):
        attendance[engagement_id][_attendance_key(outcome, status, late, start, now)] += 1
    gas: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for engagement_id, on, t_score in (
        Review.objects.filter(engagement_id__in=ids, coachee=member, t_score__isnull=False)
        .order_by("reviewed_on", "id")
        .values_list("engagement_id", "reviewed_on", "t_score")
    ):
        gas[engagement_id].append((on, t_score or 0.0))
    instruments: dict[int | None, list[tuple[str, float, float, str]]] = defaultdict(list)
    answered = dict(
        Respondent.objects.filter(member=member, answered_at__isnull=False).values_list(
            "administration_id", "answers"
        )
    )
    for post in Administration.objects.filter(
        pk__in=list(answered), baseline_id__in=list(answered)
    ).select_related("instrument"):
        instrument = instrument_of(post.instrument)
        try:
            pre = instrument_score(instrument, answered[post.baseline_id]).total  # type: ignore[index]
            after = instrument_score(instrument, answered[post.pk]).total
        except Exception:
            continue
        verdict = instrument_change(instrument, pre, after).verdict
        instruments[post.engagement_id].append((instrument.name, pre, after, verdict))
    unlinked = instruments.pop(None, [])
    found = []
    for index, e in enumerate(engagements):
        counts = attendance[e.pk]
        found.append(
            MyEngagement(
                topic=e.topic,
                coach=str(e.coach.user),
                status=e.get_status_display(),
                held=counts[Outcome.HELD.value],
                no_show=counts["no_show"],
                late=counts[Outcome.LATE_CANCELLATION.value],
                gas=gas[e.pk],
                instruments=instruments[e.pk] + (unlinked if index == 0 else []),
            )
        )
    return found
