"""What the week calendar and the agenda show: one list of items per local day, read as plain
rows (no model instances), with the times already on the viewer's clock and formatted.

A coach's week holds a hundred sessions and events; building a model instance for each row and
its people, then formatting every time in the template, cost most of the page. Here each query
reads only the columns shown, and each item carries its own formatted times.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.core.schedule.times import zone
from trellis.engagements.models import group_label
from trellis.engagements.selectors import coached_engagement_ids
from trellis.scheduling.models import (
    Booking,
    CareerEvent,
    ScheduledSession,
    SessionSeries,
)
from trellis.scheduling.models.events import shown_title
from trellis.scheduling.selectors import local_day_bounds, viewer_zone
from trellis.scheduling.services import goals_bridge
from trellis.scheduling.services.bookings import held_slots_of
from trellis.scheduling.taking_part import group_series_of


class _Ref(NamedTuple):
    """What the views' url helpers read from an occurrence or an event: its uuid."""

    uuid: Any


@dataclass(frozen=True)
class CalendarItem:
    """One line on a calendar day: a session, an action due or a career event."""

    kind: str  # session | action | event
    start: datetime | None
    end: datetime | None
    title: str
    url: str
    cancelled: bool = False
    late: bool = False
    moved: bool = False
    who: str = ""
    start_iso: str = ""  # the times as the page shows them: ISO for <time>, HH:MM for people
    end_iso: str = ""
    start_clock: str = ""
    end_clock: str = ""


def _session_item(row: tuple[Any, ...], member_id: int, tz: Any, url_of: Any) -> CalendarItem:
    (uuid, start, end, status, late, moved, coach_id, title, kind) = row[:9]
    coach_name, coach_email, coachee_name, coachee_email = row[9:13]
    engagement_kind, topic, team_name = row[13:]
    start, end = start.astimezone(tz), end.astimezone(tz)
    # a team or group session is the group's: the coach sees its name, not the primary coachee's
    group = group_label(engagement_kind, topic or "", team_name or "")
    other = (
        (group or coachee_name or coachee_email)
        if coach_id == member_id
        else (coach_name or coach_email)
    )
    return CalendarItem(
        "session",
        start,
        end,
        SessionSeries.summary_of(title, kind),
        url_of(_Ref(uuid)),
        status == ScheduledSession.Status.CANCELLED,
        late,
        moved,
        other,
        start.isoformat(),
        end.isoformat(),
        start.strftime("%H:%M"),
        end.strftime("%H:%M"),
    )


def _held_item(slot: Booking, member_id: int, tz: Any) -> CalendarItem:
    """A slot held for something that is not a session (a chemistry conversation)."""
    other = slot.coachee if slot.coach_id == member_id else slot.coach
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    return CalendarItem(
        "session",
        start,
        end,
        slot.title or _("Booked conversation"),
        slot.link,
        cancelled=not slot.is_active,
        who=str(other.user),
        start_iso=start.isoformat(),
        end_iso=end.isoformat(),
        start_clock=start.strftime("%H:%M"),
        end_clock=end.strftime("%H:%M"),
    )


def _event_label(
    title: str, type_: str, custom_type: str, source: str, type_names: dict[str, str]
) -> str:
    """CareerEvent.label without the instance: the title, else the type's name (`type_names`:
    each type's name, translated once for the page rather than once for each event)."""
    if title:
        return shown_title(title, source)
    if type_ == CareerEvent.Type.CUSTOM and custom_type:
        return custom_type
    return type_names.get(type_, type_)


def calendar_items(
    *, member: Membership, start_day: date, days: int, url_of_session: Any, url_of_event: Any
) -> dict[date, list[CalendarItem]]:
    """Sessions, action due dates and career events per local day, on the viewer's clock.

    `url_of_session` and `url_of_event` give the page's address of anything with a uuid."""
    zone_name = viewer_zone(member)
    start, end = local_day_bounds(start_day, zone_name, days)
    tz = zone(zone_name)
    found: dict[date, list[CalendarItem]] = {start_day + timedelta(d): [] for d in range(days)}
    values: dict[str, Any] = {"member_id": member.pk, "start": start, "end": end}
    group_series = group_series_of(member)
    if group_series:
        values["series_ids"] = group_series
    for row in kept_rows("scheduling: calendar sessions", _session_rows, **values):
        item = _session_item(row, member.pk, tz, url_of_session)
        day = item.start.date() if item.start else None
        if day in found:
            found[day].append(item)
    for slot in held_slots_of(member=member, start=start, end=end):  # chemistry conversations
        item = _held_item(slot, member.pk, tz)
        day = item.start.date() if item.start else None
        if day in found:
            found[day].append(item)
    last_day = start_day + timedelta(days=days - 1)
    for action in goals_bridge.actions_for_feed(member=member, since=start_day):
        if action.due_on <= last_day:
            found[action.due_on].append(
                CalendarItem(
                    "action", None, None, _("Due: %(title)s") % {"title": action.title}, action.url
                )
            )
    type_names = {value: str(name) for value, name in CareerEvent.Type.choices}
    for uuid, day, title, type_, custom_type, source, coachee_id, name, email in kept_rows(
        "scheduling: calendar events",
        _event_rows,
        member_id=member.pk,
        coached=coached_engagement_ids(member),
        first=start_day,
        last=last_day,
    ):
        who = "" if coachee_id == member.pk else (name or email)
        found[day].append(
            CalendarItem(
                "event",
                None,
                None,
                _event_label(title, type_, custom_type, source, type_names),
                url_of_event(_Ref(uuid)),
                who=who,
            )
        )
    for items in found.values():
        items.sort(key=lambda i: (i.start is not None, i.start or datetime.min.replace(tzinfo=tz)))
    return found


def _session_rows(
    member_id: int, start: datetime, end: datetime, series_ids: tuple[int, ...] = ()
) -> QuerySet[ScheduledSession, Any]:
    """The sessions the member takes part in (taking_part.py: as coach, as the coachee, or in a
    team, group or peer engagement's series) overlapping [start, end), as a line shows them."""
    taking = Q(coach_id=member_id) | Q(coachee_id=member_id)
    if series_ids:
        taking |= Q(series_id__in=series_ids)
    return (
        ScheduledSession.objects.filter(taking, start__lt=end, end__gt=start)
        .order_by("start", "id")
        .values_list(
            "uuid",
            "start",
            "end",
            "status",
            "late",
            "moved",
            "coach_id",
            "series__title",
            "series__kind",
            "coach__user__name",
            "coach__user__email",
            "coachee__user__name",
            "coachee__user__email",
            "series__engagement__kind",
            "series__engagement__topic",
            "series__engagement__team__name",
        )
    )


def _event_rows(
    member_id: int, coached: list[int], first: date, last: date
) -> QuerySet[CareerEvent, Any]:
    """The member's own career events and their coachees' (titles are theirs to see) from `first`
    to `last`: of what events_visible_to lets anyone see, the part a calendar shows (a sponsor's
    or an admin's wider view stays on the Events page). `coachee OR engagement IN (ids)` lets
    the database use an index for each side, where `coachee OR engagement__coach` joined and
    scanned every event of the organization, and a subquery of the coached engagements made
    PostgreSQL estimate a tenth of them and hash every member and user (3.4 ms a week at
    10,000 coachees)."""
    return CareerEvent.objects.filter(
        Q(coachee_id=member_id) | Q(engagement_id__in=coached), date__gte=first, date__lte=last
    ).values_list(
        "uuid",
        "date",
        "title",
        "type",
        "custom_type",
        "source",
        "coachee_id",
        "coachee__user__name",
        "coachee__user__email",
    )


def engagements_listed(*, member: Membership, engagements: Any) -> list[dict[str, Any]]:
    """The 'Plan sessions' list: each engagement's uuid, topic and the other person's name."""
    rows = engagements.values_list(
        "uuid",
        "coach_id",
        "topic",
        "coach__user__name",
        "coach__user__email",
        "coachee__user__name",
        "coachee__user__email",
    )
    return [
        {
            "uuid": uuid,
            "topic": topic,
            "name": (coachee_name or coachee_email)
            if coach_id == member.pk
            else _("With %(coach)s") % {"coach": coach_name or coach_email},
        }
        for uuid, coach_id, topic, coach_name, coach_email, coachee_name, coachee_email in rows
    ]
