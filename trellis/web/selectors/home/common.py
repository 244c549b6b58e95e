"""What every home shares: list sizes, the person's clock, a session as a home line."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from trellis.accounts import selectors as accounts_selectors
from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.scheduling import selectors as scheduling_selectors
from trellis.scheduling.models import ScheduledSession, SessionSeries

ROWS = 8  # items shown per list; the count beside says how many there are
SOON = timedelta(days=14)  # a career event this close needs preparing
MISSED_WITHIN = timedelta(days=14)  # a no-show or late cancellation this recent needs a word
WINS_WITHIN = timedelta(days=30)
PROGRAMS_SHOWN = 5


def _zone(member: Membership) -> ZoneInfo:
    return ZoneInfo(scheduling_selectors.viewer_zone(member))


def _local_today(member: Membership, now: datetime) -> date:
    return now.astimezone(_zone(member)).date()


# --- sessions on the calendar (coach and coachee) ---


@dataclass(frozen=True)
class SessionItem:
    occurrence: ScheduledSession
    with_name: str  # the other person
    title: str
    link_label: (
        str  # "Start the session", "Log your session", "Open the session", "See the session"
    )
    url: str
    attendance: str

    @property
    def start(self) -> datetime:
        return self.occurrence.start


def _session_rows(
    key: str, sessions: Callable[..., QuerySet[ScheduledSession]], **values: Any
) -> list[ScheduledSession]:
    """The sessions `sessions(member, **values)` finds, with the three values a home line shows
    of their series and coaching session (not the rows: every joined column costs Python to
    compile and to read), and without their people: the home names them with `_with_people`,
    once for all its lists. Its SQL is kept (accounts/kept_sql.py) for `key`, the member named
    by id (`member_id` in `values`)."""

    def build(member_id: int, **values: Any) -> QuerySet[ScheduledSession]:
        return (
            sessions(Membership(pk=member_id), **values)
            .select_related(None)
            .annotate(
                series_title=F("series__title"),
                series_kind=F("series__kind"),
                coaching_session_uuid=F("coaching_session__uuid"),
            )
        )

    return kept_rows(f"home: {key}", build, **values)


def _not_logged(found: QuerySet[ScheduledSession], end: datetime) -> QuerySet[ScheduledSession]:
    """Of these sessions, the scheduled ones that ended by `end` and that nobody logged."""
    return found.filter(
        status=ScheduledSession.Status.SCHEDULED,
        outcome="",
        coaching_session__isnull=True,
        end__lte=end,
    )


def _with_people(
    member: Membership, *lists: list[ScheduledSession], known: Iterable[Membership] = ()
) -> None:
    """Each session's coach and coachee: the member and the people the page already read
    (`known`), and one query for any others."""
    accounts_selectors.attach_people(
        [(rows, ["coach", "coachee"]) for rows in lists], known=[member, *known]
    )


def _session_item(o: ScheduledSession, member: Membership, now: datetime) -> SessionItem:
    slug = member.org.slug
    other = o.coachee if o.coach_id == member.pk else o.coach
    attendance = scheduling_selectors.attendance_of(o, now=now)
    if o.coaching_session_id:
        label = gettext("Open the session")
        url = reverse("engagements:session", args=[slug, o.coaching_session_uuid])  # type: ignore[attr-defined]
    elif o.status != ScheduledSession.Status.SCHEDULED:
        label, url = gettext("See the session"), reverse("scheduling:session", args=[slug, o.uuid])
    elif o.end <= now:
        label = gettext("Log your session")
        url = reverse("scheduling:session_log", args=[slug, o.uuid])
    else:
        # the log page opens the conversation (the runner) from the calendar entry
        label = gettext("Start the session")
        url = reverse("scheduling:session_log", args=[slug, o.uuid]) + "#start-heading"
    return SessionItem(
        occurrence=o,
        with_name=other.user.display_name,
        title=SessionSeries.summary_of(o.series_title, o.series_kind),  # type: ignore[attr-defined]
        link_label=label,
        url=url,
        attendance=attendance.label,
    )
