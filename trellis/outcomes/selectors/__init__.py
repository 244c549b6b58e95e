"""Reads for outcome dashboards: the facts a viewer may count, loaded in a constant number of
queries, handed to trellis/core/outcomes.py, which alone turns them into numbers (and hides every
number about fewer people than the threshold).

Who counts what (docs/outcomes.md):
- an admin: every engagement of the organization;
- a coach: the engagements they coach (an accepted coach's place);
- a sponsor: the engagements they sponsor (an accepted, approved place) whose contract lets them see
  attendance; goal attainment only where it lets them see goal summaries; never language or reasons.
The person counted is each engagement's coachee. Counts, dates and scores only: never content.

Split by topic (metrics, rows, facts, attainment, dashboard, summaries); this module re-exports
what the pages, the API, the report command and the tests read.
"""

from trellis.outcomes.selectors.dashboard import (
    Result,
    Shown,
    dashboard_for,
    dashboard_rows,
    fewer_than,
    filter_choices,
    mean_or_none,
    shown_panels,
)
from trellis.outcomes.selectors.facts import facts_for
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
    PERIOD_LABELS,
    PERIODS,
    SESSIONS,
    STATUS,
    VERDICTS,
    Choice,
    Loaded,
    Scope,
    period_starts,
    scope_kind,
    threshold,
)
from trellis.outcomes.selectors.summaries import (
    MyEngagement,
    Sponsored,
    my_progress,
    sponsor_summary,
)

__all__ = [
    "ATTENDANCE",
    "EARLY_BELOW_SESSIONS",
    "FIRST_SESSION",
    "FIRST_SESSION_DAYS",
    "FUNNEL",
    "GAS_CHANGE",
    "GAS_LATEST",
    "LANGUAGE",
    "NO_REASON",
    "OTHER_REASONS",
    "PERIODS",
    "PERIOD_LABELS",
    "SESSIONS",
    "STATUS",
    "VERDICTS",
    "Choice",
    "Loaded",
    "MyEngagement",
    "Result",
    "Scope",
    "Shown",
    "Sponsored",
    "dashboard_for",
    "dashboard_rows",
    "facts_for",
    "fewer_than",
    "filter_choices",
    "mean_or_none",
    "my_progress",
    "period_starts",
    "scope_kind",
    "shown_panels",
    "sponsor_summary",
    "threshold",
]
