"""Every fact a viewer may count: the engagement funnel, status, attendance and sessions."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_noop

from trellis.accounts.models import Membership
from trellis.core.outcomes import POPULATION, Fact, Metric
from trellis.engagements.models import Engagement
from trellis.outcomes.selectors.attainment import _gas_facts, _instrument_facts, _language_facts
from trellis.outcomes.selectors.metrics import (
    ATTENDANCE,
    EARLY_BELOW_SESSIONS,
    FIRST_SESSION,
    FIRST_SESSION_DAYS,
    FUNNEL,
    GAS_CHANGE,
    GAS_LATEST,
    LANGUAGE,
    NO_REASON,
    OTHER_REASONS,
    SESSIONS,
    STATUS,
    Loaded,
    scope_kind,
    threshold,
)
from trellis.outcomes.selectors.rows import (
    _attendance_key,
    _bin,
    _engagements,
    _fact,
    _sessions_bin,
    _where,
)
from trellis.scheduling.models import Outcome, ScheduledSession


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
