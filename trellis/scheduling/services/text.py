"""How times and rules read in messages: on the reader's own clock."""

from datetime import date, datetime

from trellis.core.schedule.times import zone
from trellis.scheduling.models import SessionSeries


def when_for(moment: datetime, zone_name: str) -> str:
    """'Tuesday 3 March 2026, 09:00 (Europe/London)' on the reader's clock."""
    local = moment.astimezone(zone(zone_name or "UTC"))
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M} ({zone_name or 'UTC'})"


def day_for(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def describe_rule(series: SessionSeries) -> str:
    """'every 2 weeks until 10 November 2026', 'monthly, 6 times', 'once'."""
    if not series.freq:
        return "once"
    if series.freq == "weekly":
        every = "weekly" if series.interval == 1 else f"every {series.interval} weeks"
    else:
        every = "monthly" if series.interval == 1 else f"every {series.interval} months"
    if series.count:
        return f"{every}, {series.count} times"
    if series.until:
        return f"{every} until {series.until.day} {series.until:%B %Y}"
    return every
