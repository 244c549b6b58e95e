"""The metrics a dashboard shows, the periods and filters it offers, and who may see one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy, gettext_noop

from trellis.accounts.models import Membership
from trellis.core.outcomes import Fact, Metric
from trellis.scheduling.models import Outcome

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
