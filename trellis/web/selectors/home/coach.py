"""The coach's home: the day's and the week's sessions, who needs attention and why, what was shared since the last visit, the month's load."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.urls import reverse
from django.utils.dateformat import format as dformat
from django.utils.translation import gettext, ngettext

from trellis.accounts import policy
from trellis.accounts import selectors as accounts_selectors
from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.engagements import selectors as engagement_selectors
from trellis.engagements.models import Engagement, SessionNote
from trellis.goals import selectors as goal_selectors
from trellis.goals.models import CheckIn, Goal
from trellis.instruments import selectors as instrument_selectors
from trellis.instruments.models import Administration
from trellis.scheduling import selectors as scheduling_selectors
from trellis.scheduling.models import CareerEvent, Outcome, ScheduledSession, SessionKind
from trellis.web.selectors.home.common import (
    MISSED_WITHIN,
    ROWS,
    SOON,
    SessionItem,
    _local_today,
    _not_logged,
    _session_item,
    _session_rows,
    _zone,
)


@dataclass(frozen=True)
class NeedsAttention:
    engagement: Engagement
    reasons: list[str]
    url: str

    @property
    def name(self) -> str:
        return self.engagement.coachee.user.display_name


@dataclass(frozen=True)
class SharedItem:
    """A check-in or a shared session note a coachee wrote since the coach's last visit."""

    at: datetime
    who: str
    kind: str  # "check-in" or "note"
    about: str
    text: str
    url: str


@dataclass(frozen=True)
class LoadRow:
    label: str
    hours: float
    sessions: int


@dataclass
class CoachHome:
    today: list[SessionItem]
    this_week: list[SessionItem]
    attention: list[NeedsAttention]
    attention_total: int
    shared: list[SharedItem]
    shared_total: int
    since: datetime | None
    load_engagement_kinds: list[LoadRow]
    load_session_kinds: list[LoadRow]
    load_hours: float
    load_planned_hours: float
    coachees: int
    engagements: list[Engagement] = field(default_factory=list)
    engagements_total: int = 0


def coached_engagements(*, member: Membership) -> list[Engagement]:
    """The engagements in which the policy lets this member read the plan as its coach."""
    # without their people: the home names a few of them only (coach_home, with_people_of)
    found = engagement_selectors.engagements_in_force_for(member=member)
    return [
        e
        for e in found
        if "coach" in e.participant_relations(member)
        and policy.allows(member, "plan.content.read", e)
    ]


def _week_bounds(member: Membership, now: datetime) -> tuple[datetime, datetime, datetime]:
    """Start of today, end of today and end of this week (Sunday night), on the member's clock."""
    zone = scheduling_selectors.viewer_zone(member)
    today = _local_today(member, now)
    day_start, day_end = scheduling_selectors.local_day_bounds(today, zone)
    _, week_end = scheduling_selectors.local_day_bounds(today, zone, days=7 - today.weekday())
    return day_start, day_end, week_end


def _attention(
    member: Membership, engagements: list[Engagement], *, today: date, now: datetime
) -> tuple[list[NeedsAttention], int]:
    """The first ROWS engagements that need attention, most in need first, each with its
    reasons; and how many need it. What each reason is, is found for all; it is worded (dates,
    an event's label as the policy lets this member see it) only for the rows shown."""
    attention = goal_selectors.attention_by_engagement(engagements, today=today, now=now)
    ids = [e.pk for e in engagements]
    found: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for e in engagements:
        a = attention[e.pk]
        if a.stalled:
            found[e.pk].append(("stalled", None))
        if a.overdue:
            found[e.pk].append(("overdue", a.overdue))
        if a.low_commitment:
            found[e.pk].append(("low_commitment", a.lowest_commitment))
    missed = kept_rows("home: missed", _missed, ids=ids, since=now - MISSED_WITHIN, now=now)
    for engagement_id, outcome, start in missed:
        found[engagement_id].append(("missed", (outcome, start)))
    events: list[CareerEvent] = kept_rows(
        "home: events coming", _events_coming, ids=ids, today=today, until=today + SOON
    )
    for event in events:
        found[event.engagement_id].append(("event", event))  # type: ignore[index]
    for engagement_id, title in _instrument_drops(member, ids, now=now):
        found[engagement_id].append(("dropped", title))
    needing = sorted(
        (e for e in engagements if found[e.pk]),
        key=lambda e: (attention[e.pk].sort_key(), -len(found[e.pk])),
    )
    return [
        NeedsAttention(
            e,
            [_reason(member, e, kind, value) for kind, value in found[e.pk]],
            reverse("goals:engagement_plan", args=[member.org.slug, e.uuid]),
        )
        for e in needing[:ROWS]
    ], len(needing)


def _reason(member: Membership, engagement: Engagement, kind: str, value: Any) -> str:
    if kind == "stalled":
        return gettext("Stalled: no session or check-in for weeks")
    if kind == "overdue":
        return ngettext("%(n)s overdue action", "%(n)s overdue actions", value) % {"n": value}
    if kind == "low_commitment":
        return gettext("Low commitment (%(score)s/10) on an action") % {"score": value}
    if kind == "missed":
        outcome, start = value
        when = {"when": dformat(start.astimezone(_zone(member)), "D j M")}
        if outcome == Outcome.NO_SHOW_COACHEE:
            return gettext("Missed session on %(when)s") % when
        return gettext("Late cancellation on %(when)s") % when
    if kind == "event":
        value.engagement = engagement  # its places are prefetched
        label = scheduling_selectors.event_label(member=member, event=value)
        return gettext("Coming up %(when)s: %(what)s") % {
            "when": dformat(value.date, "D j M"),
            "what": label,
        }
    return gettext("Result dropped: %(title)s") % {"title": value}


DROPS_CHECKED = 5  # the latest closed pre/post administrations looked at (bounded queries)


def _instrument_drops(
    member: Membership, engagement_ids: list[int], *, now: datetime
) -> list[tuple[int, str]]:
    """Closed follow-up administrations of these engagements whose result, as this member may
    see it (an aggregate at the anonymity threshold, never one person's answers), went down."""
    # named by id first: most weeks close none, and then the wide read (five tables, with their
    # respondents) is neither sent nor compiled (11,000 Python calls for no row)
    ids = kept_rows(
        "home: closed follow-ups",
        _closed_follow_ups,
        ids=engagement_ids,
        since=now - timedelta(days=60),
    )
    if not ids:
        return []
    recent = (
        Administration.objects.filter(pk__in=ids)
        .select_related("instrument", "baseline__instrument", "engagement")
        .prefetch_related("respondents", "baseline__respondents")
        .order_by("-closed_at")
    )
    drops = []
    for administration in recent:
        results = instrument_selectors.results_for(member=member, administration=administration)
        change = results.group_change
        if change is not None and change.post < change.pre:
            drops.append((administration.engagement_id, administration.title))
    return drops  # type: ignore[return-value]


def _shared_since(
    member: Membership, engagements: list[Engagement], since: datetime | None, now: datetime
) -> tuple[list[CheckIn], list[SessionNote], int]:
    """Check-ins and shared session notes the coachees wrote since `since` (a week when never):
    the latest ROWS of each, without their writers (`_shared_items` names them), and how many."""
    since = since or now - timedelta(days=7)
    ids = [e.pk for e in engagements]
    if not ids:
        return [], [], 0
    latest_check_ins: list[CheckIn] = kept_rows(
        "home: check-ins since", _check_ins_since, ids=ids, since=since
    )
    latest_notes: list[SessionNote] = kept_rows(
        "home: notes since", _notes_since, ids=ids, since=since
    )
    return latest_check_ins, latest_notes, _total(latest_check_ins) + _total(latest_notes)


def _total(rows: list[Any]) -> int:
    """How many rows the query found in all (its window count), of which it read `rows`."""
    return int(rows[0].total) if rows else 0


# The home's reads, their SQL kept (accounts/kept_sql.py): built the same way on every visit.
# What a shared line shows of the action and the session is read as columns, not their rows;
# how many there are in all, by a window count on the latest rows (one query, not two).


def _check_ins_since(ids: list[int], since: datetime) -> QuerySet[CheckIn]:
    # the goal's engagement's coachee by its primary key, for each goal: joined, PostgreSQL hashed
    # every engagement of the organization to find them (1.7 ms at 10,000 coachees; this, 0.5)
    coachee = Engagement.objects.filter(pk=OuterRef("action__goal__engagement_id"))
    return (
        CheckIn.objects.filter(
            action__goal__engagement__in=ids,
            action__goal__level=Goal.Level.PERSON,
            action__goal__owner=Subquery(coachee.values("coachee_id")),
            by=F("action__owner"),
            created_at__gt=since,
        )
        .annotate(
            action_what=F("action__what"),
            action_uuid=F("action__uuid"),
            total=Window(Count("id")),
        )
        .order_by("-created_at")[:ROWS]
    )


def _notes_since(ids: list[int], since: datetime) -> QuerySet[SessionNote]:
    return (
        SessionNote.objects.filter(
            session__engagement__in=ids,
            visibility=SessionNote.Visibility.SHARED,
            author=F("session__engagement__coachee"),
            created_at__gt=since,
        )
        .annotate(session_uuid=F("session__uuid"), total=Window(Count("id")))
        .order_by("-created_at")[:ROWS]
    )


def _missed(ids: list[int], since: datetime, now: datetime) -> QuerySet[ScheduledSession, Any]:
    """No-shows and late cancellations of the engagements' sessions between `since` and now."""
    return (
        ScheduledSession.objects.filter(
            series__engagement__in=ids, start__gte=since, start__lte=now
        )
        .filter(
            Q(outcome__in=[Outcome.NO_SHOW_COACHEE, Outcome.LATE_CANCELLATION])
            | Q(outcome="", status=ScheduledSession.Status.CANCELLED, late=True)
        )
        .values_list("series__engagement_id", "outcome", "start")
        .order_by("start")
    )


def _events_coming(ids: list[int], today: date, until: date) -> QuerySet[CareerEvent]:
    return CareerEvent.objects.filter(
        engagement__in=ids, date__gte=today, date__lte=until
    ).order_by("date", "id")


def _closed_follow_ups(ids: list[int], since: datetime) -> QuerySet[Administration, Any]:
    """The latest follow-up administrations closed since `since`, by id."""
    return (
        Administration.objects.filter(
            engagement__in=ids,
            status=Administration.Status.CLOSED,
            baseline__isnull=False,
            closed_at__gte=since,
        )
        .order_by("-closed_at")
        .values_list("pk", flat=True)[:DROPS_CHECKED]
    )


def _shared_items(
    member: Membership, check_ins: list[CheckIn], notes: list[SessionNote]
) -> list[SharedItem]:
    """The latest ROWS of those check-ins and notes, each as a line naming its writer."""
    items = []
    for c in check_ins:
        done = "done" if c.done else (f"{c.percent}%" if c.percent is not None else "")
        items.append(
            SharedItem(
                at=c.created_at,
                who=c.by.user.display_name if c.by else "",
                kind="check-in",
                about=c.action_what,  # type: ignore[attr-defined]
                text=" · ".join(
                    t for t in (done, c.note, c.blockers and f"Blocked: {c.blockers}") if t
                ),
                url=reverse("goals:action_detail", args=[member.org.slug, c.action_uuid]),  # type: ignore[attr-defined]
            )
        )
    for n in notes:
        items.append(
            SharedItem(
                at=n.created_at,
                who=n.author.user.display_name,
                kind="note",
                about=n.stage or gettext("Session note"),
                text=n.text,
                url=reverse("engagements:session", args=[member.org.slug, n.session_uuid]),  # type: ignore[attr-defined]
            )
        )
    items.sort(key=lambda i: i.at, reverse=True)
    return items[:ROWS]


def _load(member: Membership, now: datetime) -> tuple[list[LoadRow], list[LoadRow], float, float]:
    """Hours of held sessions this month (on the coach's clock), by engagement kind and by
    session kind; and the hours still planned this month."""
    zone = _zone(member)
    local = now.astimezone(zone)
    first = local.date().replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    start, _ = scheduling_selectors.local_day_bounds(first, str(zone))
    end, _ = scheduling_selectors.local_day_bounds(next_month, str(zone))
    rows = kept_rows("home: coach's month", _month, coach_id=member.pk, start=start, end=end)
    engagement_kinds: dict[str, float] = defaultdict(float)
    session_kinds: dict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    held: float = 0.0
    planned: float = 0.0
    labels = dict(Engagement.Kind.choices) | {f"s:{k}": v for k, v in SessionKind.choices}
    for s, e, outcome, status, session_kind, engagement_kind in rows:
        hours = (e - s).total_seconds() / 3600
        if outcome == Outcome.HELD:
            held += hours
            engagement_kinds[engagement_kind] += hours
            session_kinds[f"s:{session_kind}"] += hours
            counts[engagement_kind] += 1
            counts[f"s:{session_kind}"] += 1
        elif status == ScheduledSession.Status.SCHEDULED and s > now:
            planned += hours

    def table(hours: dict[str, float]) -> list[LoadRow]:
        return [
            LoadRow(str(labels.get(key, key)), round(value, 1), counts[key])
            for key, value in sorted(hours.items(), key=lambda kv: -kv[1])
        ]

    return table(engagement_kinds), table(session_kinds), round(held, 1), round(planned, 1)


def _month(coach_id: int, start: datetime, end: datetime) -> QuerySet[ScheduledSession, Any]:
    return ScheduledSession.objects.filter(
        coach_id=coach_id, start__gte=start, start__lt=end
    ).values_list("start", "end", "outcome", "status", "series__kind", "series__engagement__kind")


# A session nobody logged stays on the coach's day for this long (yesterday's, after midnight).
TO_LOG_DAYS = 7


def _still_to_log(member: Membership, day_start: datetime) -> list[ScheduledSession]:
    """The coach's sessions of the past week, before today, that ended and nobody logged: the
    first ROWS (the day shows no more), chosen by the database rather than among the week's
    first sessions of every kind."""
    # the coach's own sessions: `coach = me` alone (each is one the coach takes part in), where
    # `occurrences_of` first read the coach's team and group series to OR them in
    return _session_rows(
        "coach's sessions to log",
        _to_log,
        member_id=member.pk,
        since=day_start - timedelta(days=TO_LOG_DAYS),
        day_start=day_start,
    )


def _to_log(member: Membership, since: datetime, day_start: datetime) -> QuerySet[ScheduledSession]:
    found = scheduling_selectors.occurrences_coached(member=member, start=since, end=day_start)
    return _not_logged(found, day_start).order_by("start", "id")[:ROWS]


def _week(member: Membership, start: datetime, end: datetime) -> QuerySet[ScheduledSession]:
    found = scheduling_selectors.occurrences_coached(member=member, start=start, end=end)
    return found.order_by("start", "id")[: ROWS * 3]


def coach_home(*, member: Membership, now: datetime, since: datetime | None) -> CoachHome:
    day_start, day_end, week_end = _week_bounds(member, now)
    week = _session_rows("coach's week", _week, member_id=member.pk, start=day_start, end=week_end)
    unlogged = _still_to_log(member, day_start)
    engagements = coached_engagements(member=member)
    today = _local_today(member, now)
    attention, attention_total = _attention(member, engagements, today=today, now=now)
    check_ins, notes, shared_total = _shared_since(member, engagements, since, now)
    # the people the home names, in one query whatever it names
    named = {e.pk: e for e in [*engagements[:ROWS], *(a.engagement for a in attention)]}
    accounts_selectors.attach_people(
        [
            (week, ["coach", "coachee"]),
            (unlogged, ["coach", "coachee"]),
            (named.values(), ["coach", "coachee"]),
            (check_ins, ["by"]),
            (notes, ["author"]),
        ],
        known=[member],
    )
    sessions = [_session_item(o, member, now) for o in week]
    to_log = [_session_item(o, member, now) for o in unlogged]
    shared = _shared_items(member, check_ins, notes)
    by_engagement, by_session, hours, planned = _load(member, now)
    return CoachHome(
        today=(to_log + [s for s in sessions if s.start < day_end])[:ROWS],
        this_week=[s for s in sessions if s.start >= day_end][:ROWS],
        attention=attention,
        attention_total=attention_total,
        shared=shared,
        shared_total=shared_total,
        since=since,
        load_engagement_kinds=by_engagement,
        load_session_kinds=by_session,
        load_hours=hours,
        load_planned_hours=planned,
        coachees=len({e.coachee_id for e in engagements}),
        engagements=engagements[:ROWS],
        engagements_total=len(engagements),
    )
