"""Reading a due date written in words: "by the end of March", "in six weeks", "2027-03-31"."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, datetime, time

import dateparser

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9

# Words in front of a date that say "no later than"; dateparser does not know them.
_LEAD_IN = re.compile(
    r"^(?:(?:due|deadline|target)\s*:?\s*)?(?:by|before|until|till|no later than|on)\s+"
)
_END_OF = re.compile(
    r"^(?:the\s+)?end\s+of\s+(?:the\s+)?"
    r"(?P<what>this month|next month|month|this year|next year|year|this quarter|quarter"
    r"|q[1-4]|[a-z]+)(?:\s+(?P<year>\d{4}))?$"
)
# A month alone means its last day: a deadline "by March" runs to the end of it.
_MONTH_ONLY = re.compile(rf"^(?P<what>{'|'.join(_MONTHS)})(?:\s+(?P<year>\d{{4}}))?$")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_end_from(month: int, year: int | None, today: date) -> date:
    """The last day of a month; without a year, the next such day from today on."""
    if year is not None:
        return _last_day(year, month)
    candidate = _last_day(today.year, month)
    return candidate if candidate >= today else _last_day(today.year + 1, month)


def _end_of(what: str, year: int | None, today: date) -> date | None:
    if what in ("month", "this month"):
        return _last_day(today.year, today.month)
    if what == "next month":
        return _last_day(today.year + today.month // 12, today.month % 12 + 1)
    if what in ("year", "this year"):
        return date(year or today.year, 12, 31)
    if what == "next year":
        return date(today.year + 1, 12, 31)
    if what in ("quarter", "this quarter"):
        return _last_day(today.year, (today.month - 1) // 3 * 3 + 3)
    if what.startswith("q") and what[1:].isdigit():
        return _month_end_from(int(what[1]) * 3, year, today)
    if what in _MONTHS:
        return _month_end_from(_MONTHS[what], year, today)
    return None


def parse_due(text: str, *, today: date, languages: Sequence[str] = ("en",)) -> date | None:
    """The date a goal or action is due, read relative to `today`; None when unreadable.

    Ambiguous dates are read as the next such date ("March" in April means next March); a month
    alone means its last day. A date in the past is returned as such, so that the caller can
    point it out.
    """
    cleaned = " ".join(text.lower().replace(",", " ").split()).rstrip(".!")
    if not cleaned:
        return None
    cleaned = _LEAD_IN.sub("", cleaned)
    cleaned = re.sub(r"^within\s+", "in ", cleaned)
    # dateparser reads "the end of March" as a date in March, not its last day.
    match = _END_OF.match(cleaned) or _MONTH_ONLY.match(cleaned)
    if match:
        year = int(match["year"]) if match["year"] else None
        return _end_of(match["what"], year, today)
    parsed = dateparser.parse(
        cleaned,
        languages=list(languages),
        settings={
            "PREFER_DATES_FROM": "future",
            # Noon keeps "in six weeks" on the same calendar day whatever the caller's zone.
            "RELATIVE_BASE": datetime.combine(today, time(12)),
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed is not None else None
