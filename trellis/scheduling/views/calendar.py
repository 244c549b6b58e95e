"""Pages: the calendar (week and agenda) and a coach's schedule."""

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from django.http import HttpRequest, HttpResponse

from trellis.accounts.door import org_view
from trellis.core.schedule.times import zone
from trellis.scheduling import selectors
from trellis.scheduling.calendar_items import calendar_items, engagements_listed
from trellis.scheduling.models import ScheduledSession
from trellis.scheduling.views.common import (
    AGENDA_DAYS,
    SCHEDULE_DAYS,
    _day_param,
    _event_url,
    _member,
    _render,
    _session_url,
    _today,
    _url_of,
)

# the calendar


def _with_urls(rows: list[dict[str, Any]], url_of: Any) -> list[dict[str, Any]]:
    """Each 'Plan sessions' row with its page's address, reversed once for the list."""
    for row in rows:
        row["url"] = url_of(SimpleNamespace(uuid=row["uuid"]))
    return rows


@org_view("calendar.view")
def calendar(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    slug = member.org.slug
    view = "agenda" if request.GET.get("view") == "agenda" else "week"
    day = _day_param(request, member)
    if view == "week":
        first = day - timedelta(days=day.weekday())
        days, step = 7, timedelta(days=7)
    else:
        first, days, step = day, AGENDA_DAYS, timedelta(days=AGENDA_DAYS)
    items = calendar_items(
        member=member,
        start_day=first,
        days=days,
        url_of_session=_session_url(slug),
        url_of_event=_event_url(slug),
    )
    context = {
        "view": view,
        "days": list(items.items()),
        "has_items": any(items.values()),
        "first": first,
        "last": first + timedelta(days=days - 1),
        "previous": first - step,
        "next": first + step,
        "today": _today(member),
        "zone_name": selectors.viewer_zone(member),
        "engagements": []
        if request.htmx  # type: ignore[attr-defined]
        else _with_urls(
            engagements_listed(
                member=member, engagements=selectors.engagements_to_schedule(member=member)
            ),
            _url_of("scheduling:engagement", slug),
        ),
        "is_coach": member.is_coach,
        "is_coachee": member.is_coachee,
        "is_admin": member.is_admin,
    }
    template = "scheduling/calendar.html#days" if request.htmx else "scheduling/calendar.html"  # type: ignore[attr-defined]
    return _render(request, template, context)


@org_view("calendar.schedule.view")
def schedule(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    zone_name = selectors.viewer_zone(member)
    first = _day_param(request, member)
    start, end = selectors.local_day_bounds(first, zone_name, SCHEDULE_DAYS)
    tz = zone(zone_name)
    by_day: dict[date, list[ScheduledSession]] = {}
    for o in selectors.coach_schedule(member=member, start=start, end=end):
        by_day.setdefault(o.start.astimezone(tz).date(), []).append(o)
    context = {
        "by_day": sorted(by_day.items()),
        "first": first,
        "last": first + timedelta(days=SCHEDULE_DAYS - 1),
        "previous": first - timedelta(days=SCHEDULE_DAYS),
        "next": first + timedelta(days=SCHEDULE_DAYS),
        "zone_name": zone_name,
        "engagements": selectors.engagements_to_schedule(member=member, coached=True),
    }
    return _render(request, "scheduling/schedule.html", context)
