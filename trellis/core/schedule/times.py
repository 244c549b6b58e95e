"""Small time helpers shared by the schedule modules: zones, awareness, wall-clock conversion."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ERROR_NAIVE = "{name} must be an aware datetime (with a time zone)."
ERROR_ZONE = "Unknown time zone {zone!r}; use an IANA name such as 'Europe/London'."


@cache
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise ValueError(ERROR_ZONE.format(zone=name)) from None


def aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(ERROR_NAIVE.format(name=name))
    return value


def to_utc(value: datetime, name: str = "datetime") -> datetime:
    return aware(value, name).astimezone(UTC)


def wall_clock(value: datetime, zone_name: str) -> datetime:
    """The local date and time in a zone, without tzinfo, for recurrence arithmetic."""
    return aware(value, "datetime").astimezone(zone(zone_name)).replace(tzinfo=None)


def from_wall_clock(local: datetime, zone_name: str) -> datetime:
    """The UTC instant of a local wall-clock time.

    A time skipped by a spring-forward change (01:30 in London on the last Sunday of March) is
    read with the offset before the change, so it lands just after it (02:30 BST): the session
    still happens that day rather than vanishing. A repeated autumn hour takes its first pass.
    """
    return local.replace(tzinfo=zone(zone_name), fold=0).astimezone(UTC)


def exists_locally(local: datetime, zone_name: str) -> bool:
    """False for wall-clock times that a spring-forward change skips."""
    return wall_clock(from_wall_clock(local, zone_name), zone_name) == local


def local_midnight(day: date, zone_name: str) -> datetime:
    return from_wall_clock(datetime.combine(day, time()), zone_name)


def local_day_bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """The UTC instants where a local day starts and ends (23 or 25 hours on change days)."""
    return local_midnight(day, zone_name), local_midnight(day + timedelta(days=1), zone_name)
