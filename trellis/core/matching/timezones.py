"""Time zones as UTC offsets in hours, for the time-zone gap criterion.

A value is an offset ("+5:30", "UTC-3", "-8", "0") or an IANA name ("Europe/London"). A name is read
at two fixed instants, mid-January and mid-July, so that summer time is counted and the same file
always gives the same gaps; a gap is the larger of the two.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WINTER = datetime(2025, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2025, 7, 15, 12, tzinfo=UTC)
OFFSET = re.compile(
    r"^(?:utc|gmt)?\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?|([+-]?\d{1,2}(?:\.\d+)?))?$"
)
EXPECTED_TIMEZONE = "a UTC offset such as +5:30 or an IANA time zone such as Europe/London"


@cache
def parse_timezone(value: str) -> tuple[float, float] | None:
    """(January offset, July offset) in hours, or None when the value is not a time zone."""
    text = value.strip()
    match = OFFSET.match(text.lower())
    if match and text:
        sign, hours, minutes, plain = match.groups()
        if plain is not None:
            offset = float(plain)
        elif hours is not None:
            offset = int(hours) + int(minutes or 0) / 60
            offset = -offset if sign == "-" else offset
        else:
            offset = 0.0  # "UTC" or "GMT" alone
        return (offset, offset) if -14 <= offset <= 14 else None
    if len(text) > 64:  # no IANA name is this long; the file system would refuse it
        return None
    try:
        zone = ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return tuple(  # type: ignore[return-value]
        instant.astimezone(zone).utcoffset().total_seconds() / 3600  # type: ignore[union-attr]
        for instant in (WINTER, SUMMER)
    )
