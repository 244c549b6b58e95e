"""How times and rules read in messages: on the reader's own clock."""

from datetime import date, datetime

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trellis.core.schedule.times import zone
from trellis.scheduling.models import SessionSeries


def when_for(moment: datetime, zone_name: str) -> str:
    """'Tuesday 3 March 2026, 09:00 (Europe/London)' on the reader's clock."""
    local = moment.astimezone(zone(zone_name or "UTC"))
    # Django's date format names the day and month in the active language (the reader's)
    return f"{date_format(local, 'l j F Y, H:i')} ({zone_name or 'UTC'})"


def day_for(day: date) -> str:
    return date_format(day, "l j F Y")


def describe_rule(series: SessionSeries) -> str:
    """'every 2 weeks until 10 November 2026', 'monthly, 6 times', 'once'."""
    if not series.freq:
        return _("once")
    n = series.interval
    if series.freq == "weekly":
        every = _("weekly") if n == 1 else ngettext("every %(n)d week", "every %(n)d weeks", n)
    else:
        every = _("monthly") if n == 1 else ngettext("every %(n)d month", "every %(n)d months", n)
    every = every % {"n": n} if n != 1 else every
    if series.count:
        return ngettext("%(every)s, %(count)d time", "%(every)s, %(count)d times", series.count) % {
            "every": every,
            "count": series.count,
        }
    if series.until:
        return _("%(every)s until %(day)s") % {
            "every": every,
            "day": date_format(series.until, "j F Y"),
        }
    return every
