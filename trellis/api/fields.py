"""Field types the API schemas share, so that every date and time is bounded and documented alike.

- `Moment`: a date and time with its UTC offset, between FIRST_DAY and LAST_DAY.
- `Day`: a calendar date between FIRST_DAY and LAST_DAY.
- `LocalTime`: a wall-clock time without an offset ("22:00"), read in the person's own time zone.
"""

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
MSG_DAY_RANGE = f"must be between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}"
MSG_OFFSET_NEEDED = "needs its UTC offset, e.g. 2026-03-03T09:00:00+01:00"
MSG_LOCAL_TIME = "is a time of day without an offset, e.g. 22:00"
LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"

# The default of a PATCH field that may be left out but not sent as null: `title: str = OMITTED`
# documents a plain string, and null answers 422 naming the field (it would otherwise reach a
# NOT NULL column). Typed Any so that the annotation can stay the field's real type.
OMITTED: Any = None


def _day(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(MSG_DAY_RANGE)
    return value


def _moment(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(MSG_OFFSET_NEEDED)
    # compare in UTC without converting first: 9999-12-31T23:00-05:00 overflows when converted
    if not FIRST_DAY <= value.replace(tzinfo=None).date() <= LAST_DAY:
        raise ValueError(MSG_DAY_RANGE)
    return value.astimezone(UTC)


def _local_time(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError(MSG_LOCAL_TIME)
    return value


Day = Annotated[
    date,
    AfterValidator(_day),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "description": f"A date, {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}.",
        }
    ),
]
Moment = Annotated[
    datetime,
    AfterValidator(_moment),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "description": "A date and time with its UTC offset (RFC 3339), "
            f"{FIRST_DAY.year} to {LAST_DAY.year}.",
        }
    ),
]
LocalTime = Annotated[
    time,
    AfterValidator(_local_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LOCAL_TIME_PATTERN,
            "description": "A time of day without an offset (HH:MM or HH:MM:SS), "
            "in the person's own time zone.",
            "examples": ["22:00"],
        }
    ),
]
