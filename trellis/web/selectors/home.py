"""What each person's home page (and their digest email) shows: a coach's day, a coachee's next
step, a sponsor's attendance and shared summaries, an admin's counts.

Every read goes through the apps' selectors or the access policy, each in a fixed number of
queries whatever the number of coachees: lists are capped (ROWS) and counted beside the cap.
What a person may see is decided here, once; the templates and the digest only show it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q
from django.urls import reverse

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements import selectors as engagement_selectors
from trellis.engagements import visibility
from trellis.engagements.models import GRANTING_STATUSES, Engagement, SessionNote
from trellis.goals import selectors as goal_selectors
from trellis.goals.models import Action, CheckIn, Goal
from trellis.instruments import selectors as instrument_selectors
from trellis.instruments.models import Administration, Respondent
from trellis.programs import selectors as program_selectors
from trellis.scheduling import selectors as scheduling_selectors
from trellis.scheduling.models import CareerEvent, Outcome, ScheduledSession, SessionKind

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


def _session_item(o: ScheduledSession, member: Membership, now: datetime) -> SessionItem:
    slug = member.org.slug
    other = o.coachee if o.coach_id == member.pk else o.coach
    attendance = scheduling_selectors.attendance_of(o, now=now)
    if o.coaching_session_id:
        label = "Open the session"
        url = reverse("engagements:session", args=[slug, o.coaching_session.uuid])  # type: ignore[union-attr]
    elif o.status != ScheduledSession.Status.SCHEDULED:
        label, url = "See the session", reverse("scheduling:session", args=[slug, o.uuid])
    elif o.end <= now:
        label = "Log your session"
        url = reverse("scheduling:session_log", args=[slug, o.uuid])
    else:
        # the log page opens the conversation (the runner) from the calendar entry
        label = "Start the session"
        url = reverse("scheduling:session_log", args=[slug, o.uuid]) + "#start-heading"
    return SessionItem(
        occurrence=o,
        with_name=other.user.display_name,
        title=o.series.summary,
        link_label=label,
        url=url,
        attendance=attendance.label,
    )


def _sessions(member: Membership, start: datetime, end: datetime) -> list[ScheduledSession]:
    return list(
        scheduling_selectors.occurrences_of(member=member, start=start, end=end)
        .select_related("coaching_session")
        .order_by("start", "id")[: ROWS * 3]
    )


# --- the coach ---


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
    found = engagement_selectors.engagements_visible_to(member=member).filter(
        status__in=GRANTING_STATUSES
    )
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
) -> list[NeedsAttention]:
    attention = goal_selectors.attention_by_engagement(engagements, today=today, now=now)
    ids = [e.pk for e in engagements]
    reasons: dict[int, list[str]] = defaultdict(list)
    for e in engagements:
        a = attention[e.pk]
        if a.stalled:
            reasons[e.pk].append("Stalled: no session or check-in for weeks")
        if a.overdue:
            n = a.overdue
            reasons[e.pk].append(f"{n} overdue action{'s' if n != 1 else ''}")
        if a.low_commitment:
            reasons[e.pk].append(f"Low commitment ({a.lowest_commitment}/10) on an action")
    missed = (
        ScheduledSession.objects.filter(
            series__engagement__in=ids,
            start__gte=now - MISSED_WITHIN,
            start__lte=now,
        )
        .filter(
            Q(outcome__in=[Outcome.NO_SHOW_COACHEE, Outcome.LATE_CANCELLATION])
            | Q(outcome="", status=ScheduledSession.Status.CANCELLED, late=True)
        )
        .values_list("series__engagement_id", "outcome", "start")
        .order_by("start")
    )
    zone = _zone(member)
    for engagement_id, outcome, start in missed:
        what = "Missed session" if outcome == Outcome.NO_SHOW_COACHEE else "Late cancellation"
        reasons[engagement_id].append(f"{what} on {start.astimezone(zone):%a %-d %b}")
    by_id = {e.pk: e for e in engagements}
    events = CareerEvent.objects.filter(
        engagement__in=ids, date__gte=today, date__lte=today + SOON
    ).order_by("date", "id")
    for event in events:
        event.engagement = by_id[event.engagement_id]  # type: ignore[index]  # places prefetched
        label = scheduling_selectors.event_label(member=member, event=event)
        reasons[event.engagement_id].append(f"Coming up {event.date:%a %-d %b}: {label}")  # type: ignore[index]
    for engagement_id, title in _instrument_drops(member, ids, now=now):
        reasons[engagement_id].append(f"Result dropped: {title}")
    return [
        NeedsAttention(
            e,
            reasons[e.pk],
            reverse("goals:engagement_plan", args=[member.org.slug, e.uuid]),
        )
        for e in sorted(
            engagements, key=lambda e: (attention[e.pk].sort_key(), -len(reasons[e.pk]))
        )
        if reasons[e.pk]
    ]


DROPS_CHECKED = 5  # the latest closed pre/post administrations looked at (bounded queries)


def _instrument_drops(
    member: Membership, engagement_ids: list[int], *, now: datetime
) -> list[tuple[int, str]]:
    """Closed follow-up administrations of these engagements whose result, as this member may
    see it (an aggregate at the anonymity threshold, never one person's answers), went down."""
    recent = (
        Administration.objects.filter(
            engagement__in=engagement_ids,
            status=Administration.Status.CLOSED,
            baseline__isnull=False,
            closed_at__gte=now - timedelta(days=60),
        )
        .select_related("instrument", "baseline__instrument", "engagement")
        .prefetch_related("respondents", "baseline__respondents")
        .order_by("-closed_at")[:DROPS_CHECKED]
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
) -> tuple[list[SharedItem], int]:
    """Check-ins and shared session notes the coachees wrote since `since` (a week when never)."""
    since = since or now - timedelta(days=7)
    by_id = {e.pk: e for e in engagements}
    check_ins = CheckIn.objects.filter(
        action__goal__engagement__in=list(by_id),
        action__goal__level=Goal.Level.PERSON,
        action__goal__owner=F("action__goal__engagement__coachee"),
        by=F("action__owner"),
        created_at__gt=since,
    )
    notes = SessionNote.objects.filter(
        session__engagement__in=list(by_id),
        visibility=SessionNote.Visibility.SHARED,
        author=F("session__engagement__coachee"),
        created_at__gt=since,
    )
    total = check_ins.count() + notes.count()
    items = []
    for c in check_ins.select_related("action__goal", "by__user").order_by("-created_at")[:ROWS]:
        done = "done" if c.done else (f"{c.percent}%" if c.percent is not None else "")
        items.append(
            SharedItem(
                at=c.created_at,
                who=c.by.user.display_name if c.by else "",
                kind="check-in",
                about=c.action.what,
                text=" · ".join(
                    t for t in (done, c.note, c.blockers and f"Blocked: {c.blockers}") if t
                ),
                url=reverse("goals:action_detail", args=[member.org.slug, c.action.uuid]),
            )
        )
    for n in notes.select_related("author__user", "session").order_by("-created_at")[:ROWS]:
        items.append(
            SharedItem(
                at=n.created_at,
                who=n.author.user.display_name,
                kind="note",
                about=n.stage or "Session note",
                text=n.text,
                url=reverse("engagements:session", args=[member.org.slug, n.session.uuid]),
            )
        )
    items.sort(key=lambda i: i.at, reverse=True)
    return items[:ROWS], total


def _load(member: Membership, now: datetime) -> tuple[list[LoadRow], list[LoadRow], float, float]:
    """Hours of held sessions this month (on the coach's clock), by engagement kind and by
    session kind; and the hours still planned this month."""
    zone = _zone(member)
    local = now.astimezone(zone)
    first = local.date().replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    start, _ = scheduling_selectors.local_day_bounds(first, str(zone))
    end, _ = scheduling_selectors.local_day_bounds(next_month, str(zone))
    rows = ScheduledSession.objects.filter(
        coach=member, start__gte=start, start__lt=end
    ).values_list("start", "end", "outcome", "status", "series__kind", "series__engagement__kind")
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


def coach_home(*, member: Membership, now: datetime, since: datetime | None) -> CoachHome:
    day_start, day_end, week_end = _week_bounds(member, now)
    sessions = [
        _session_item(o, member, now)
        for o in _sessions(member, day_start, week_end)
        if o.coach_id == member.pk
    ]
    engagements = coached_engagements(member=member)
    today = _local_today(member, now)
    attention = _attention(member, engagements, today=today, now=now)
    shared, shared_total = _shared_since(member, engagements, since, now)
    by_engagement, by_session, hours, planned = _load(member, now)
    return CoachHome(
        today=[s for s in sessions if s.start < day_end][:ROWS],
        this_week=[s for s in sessions if s.start >= day_end][:ROWS],
        attention=attention[:ROWS],
        attention_total=len(attention),
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


# --- the coachee ---


@dataclass(frozen=True)
class NextStep:
    """The one thing to do now: what, why, and where."""

    text: str
    why: str
    url: str
    link_label: str


@dataclass(frozen=True)
class Win:
    text: str
    on: date


@dataclass
class CoacheeHome:
    next_session: SessionItem | None
    due: list[goal_selectors.ActionLine]
    due_total: int
    next_step: NextStep
    wins: list[Win]
    plan: goal_selectors.Plan
    proposals: list[Engagement] = field(default_factory=list)


def _first_step(
    member: Membership,
    *,
    plan: goal_selectors.Plan,
    proposals: list[Engagement],
    to_log: ScheduledSession | None,
    unanswered: Administration | None,
    next_session: ScheduledSession | None,
    now: datetime,
) -> NextStep:
    """The one thing to do now, by this rule (first match wins; docs/homes.md):

    1. an engagement waits for your answer (nothing starts without your say);
    2. a session of yours ended and nobody logged it: note what you take away while it is fresh;
    3. an action is overdue: do it, or change its date (most overdue first);
    4. a questionnaire waits for your answers;
    5. an action is due in the next two days: check in on it;
    6. a session starts within a day: prepare for it;
    7. you have no active goal: set one;
    8. otherwise: write a reflection.
    """
    slug = member.org.slug
    if proposals:
        e = proposals[0]
        return NextStep(
            f"Answer the coaching proposal from {e.coach.user.display_name}",
            "Nothing starts without your say.",
            reverse("engagements:detail", args=[slug, e.uuid]),
            "Read and answer",
        )
    if to_log is not None:
        return NextStep(
            "Note what you take away from your last session",
            f"It ended {to_log.end.astimezone(_zone(member)):%a %-d %b at %H:%M}; a few lines while it is fresh.",
            reverse("scheduling:session_log", args=[slug, to_log.uuid]),
            "Log your session",
        )
    if plan.overdue:
        line = min(plan.overdue, key=lambda a: a.sort_key)
        return NextStep(
            f"Do it or re-plan it: {line.action.what}",
            f"It was due {line.action.due_date:%a %-d %b}.",
            reverse("goals:action_detail", args=[slug, line.action.uuid]),
            "Open the action",
        )
    if unanswered is not None:
        return NextStep(
            f"Answer the questionnaire: {unanswered.title}",
            "Your answers show what changes; they stay yours.",
            reverse("instruments:administration", args=[slug, unanswered.uuid]),
            "Answer it",
        )
    if plan.due_soon:
        line = min(plan.due_soon, key=lambda a: a.sort_key)
        return NextStep(
            f"Check in on: {line.action.what}",
            f"It is due {line.action.due_date:%a %-d %b}.",
            reverse("goals:check_in", args=[slug, line.action.uuid]),
            "Check in",
        )
    if next_session is not None and next_session.start - now <= timedelta(days=1):
        return NextStep(
            "Prepare for your next session",
            "What do you want from it? Look over your plan first.",
            reverse("goals:my_plan", args=[slug]),
            "Open your plan",
        )
    if not plan.active_goals:
        return NextStep(
            "Set your first goal",
            "A goal turns the coaching into steps you can see.",
            reverse("goals:goal_new", args=[slug]),
            "Set a goal",
        )
    return NextStep(
        "Write a short reflection",
        "What went well this week, and what did you learn?",
        reverse("insights:reflect", args=[slug]),
        "Reflect",
    )


def _wins(member: Membership, plan: goal_selectors.Plan, now: datetime) -> list[Win]:
    done = (
        Action.objects.filter(
            owner=member, status=Action.Status.DONE, updated_at__gte=now - WINS_WITHIN
        )
        .order_by("-updated_at", "-id")
        .values_list("what", "updated_at")[:ROWS]
    )
    zone = _zone(member)
    wins = [Win(f"Done: {what}", at.astimezone(zone).date()) for what, at in done]
    if len(plan.trend) >= 2 and plan.trend[-1].t_score > plan.trend[-2].t_score:
        before, after = plan.trend[-2], plan.trend[-1]
        wins.insert(
            0,
            Win(
                f"Your goal attainment rose from a T-score of {before.t_score:.0f} to {after.t_score:.0f}",
                after.on,
            ),
        )
    return wins[:ROWS]


def coachee_home(*, member: Membership, now: datetime) -> CoacheeHome:
    today = _local_today(member, now)
    plan = goal_selectors.plan_build(coachee=member, today=today, whole=True, now=now)
    upcoming = (
        scheduling_selectors.occurrences_of(member=member, start=now, end=now + timedelta(days=60))
        .filter(coachee=member, status=ScheduledSession.Status.SCHEDULED, start__gte=now)
        .select_related("coaching_session")
        .order_by("start", "id")
        .first()
    )
    to_log = (
        scheduling_selectors.occurrences_of(member=member, start=now - timedelta(days=7), end=now)
        .filter(
            coachee=member,
            status=ScheduledSession.Status.SCHEDULED,
            outcome="",
            end__lte=now,
            coaching_session__isnull=True,
        )
        .order_by("-end", "-id")
        .first()
    )
    unanswered_row = (
        Respondent.objects.filter(
            member=member,
            answered_at__isnull=True,
            administration__status=Administration.Status.OPEN,
        )
        .select_related("administration")
        .order_by("-administration__created_at", "-id")
        .first()
    )
    proposals = list(engagement_selectors.proposals_for(member=member)[:1])
    due = [a for a in plan.actions if a.overdue or a.due_soon]
    return CoacheeHome(
        next_session=_session_item(upcoming, member, now) if upcoming else None,
        due=due[:ROWS],
        due_total=len(due),
        next_step=_first_step(
            member,
            plan=plan,
            proposals=proposals,
            to_log=to_log,
            unanswered=unanswered_row.administration if unanswered_row else None,
            next_session=upcoming,
            now=now,
        ),
        wins=_wins(member, plan, now),
        plan=plan,
        proposals=proposals,
    )


# --- the sponsor ---


@dataclass(frozen=True)
class SharedSummary:
    kind: str  # "goal" or "note"
    text: str
    detail: str


@dataclass
class SponsorRow:
    engagement: Engagement
    attendance: dict[str, int]
    shared: list[SharedSummary]
    next_session: datetime | None
    url: str

    @property
    def attendance_rows(self) -> list[tuple[str, int]]:
        labels = dict(Outcome.choices) | {"upcoming": "Upcoming", "to_log": "Not logged yet"}
        return [(str(labels.get(k, k)), n) for k, n in sorted(self.attendance.items())]


@dataclass
class SponsorHome:
    rows: list[SponsorRow]
    total: int


def sponsor_home(*, member: Membership, now: datetime) -> SponsorHome:
    """Attendance and what the coachee shared with this sponsor by name: nothing else. Which
    engagements, goals and notes that is, the access policy says (an accepted place and agreement)."""
    visible = list(
        engagement_selectors.engagements_visible_to(member=member)
        .filter(status__in=GRANTING_STATUSES)
        .order_by("coachee__user__name", "id")
    )
    # what the accepted agreement lets the sponsor see, read for all at once (the policy asks it)
    seeing = visibility.sponsor_sees_by_engagement(e.pk for e in visible)
    for e in visible:
        e._sponsor_sees = seeing.get(e.pk, visibility.MINIMUM)  # type: ignore[attr-defined]
    engagements = [
        e
        for e in visible
        if "sponsor" in e.participant_relations(member)
        and policy.allows(member, "calendar.session.view", e)
    ]
    shown = engagements[:ROWS]
    by_id = {e.pk: e for e in shown}
    attendance: dict[int, Counter[str]] = defaultdict(Counter)
    next_at: dict[int, datetime] = {}
    occurrences = ScheduledSession.objects.filter(
        series__engagement__in=list(by_id), start__lte=now + timedelta(days=60)
    ).values("series__engagement_id", "outcome", "status", "late", "start")
    for o in occurrences:
        e_id = o["series__engagement_id"]
        if o["outcome"]:
            key = o["outcome"]
        elif o["status"] == ScheduledSession.Status.CANCELLED:
            key = Outcome.LATE_CANCELLATION if o["late"] else Outcome.CANCELLED
        elif o["start"] > now:
            key = "upcoming"
            if e_id not in next_at or o["start"] < next_at[e_id]:
                next_at[e_id] = o["start"]
        else:
            key = "to_log"
        if key != "upcoming":
            attendance[e_id][key] += 1
    shared: dict[int, list[SharedSummary]] = defaultdict(list)
    goals = Goal.objects.filter(
        engagement__in=list(by_id),
        level=Goal.Level.PERSON,
        visibility=Goal.Visibility.SHARED,
        shared_with=member,
    ).order_by("created_at", "id")
    for goal in goals:
        engagement = by_id[goal.engagement_id]  # type: ignore[index]
        goal.engagement = engagement  # its places are prefetched
        # the list selectors' way (engagements/visibility.py): the agreement in force lists goal
        # summaries, and the coachee shared this goal with this sponsor by name
        if "goal_summaries" in visibility.sponsor_sees(
            engagement
        ) and "shared_sponsor" in goal.relations_of(member):
            shared[goal.engagement_id].append(  # type: ignore[index]
                SharedSummary("goal", goal.title, goal.get_status_display())
            )
    notes = (
        SessionNote.objects.filter(
            session__engagement__in=list(by_id),
            visibility=SessionNote.Visibility.SHARED,
            shared_with_sponsor=True,
            shared_with=member,
        )
        .select_related("session")
        .order_by("-created_at", "-id")[: ROWS * 3]
    )
    for note in notes:
        note.session.engagement = by_id[note.session.engagement_id]  # type: ignore[index]
        if policy.allows(member, "note.shared.read", note):
            shared[note.session.engagement_id].append(  # type: ignore[index]
                SharedSummary("note", note.text, f"{note.created_at:%-d %b %Y}")
            )
    rows = [
        SponsorRow(
            engagement=e,
            attendance=dict(attendance[e.pk]),
            shared=shared[e.pk],
            next_session=next_at.get(e.pk),
            url=reverse("engagements:detail", args=[member.org.slug, e.uuid]),
        )
        for e in shown
    ]
    return SponsorHome(rows=rows, total=len(engagements))


# --- the admin / HR lead ---


@dataclass(frozen=True)
class ProgramHealth:
    name: str
    url: str
    funnel: dict[str, int]
    enrolled: int


@dataclass
class AdminHome:
    engagements: dict[str, int]
    attendance: dict[str, int]  # this month, organization-wide
    programs: list[ProgramHealth]
    programs_total: int
    funnel: dict[str, int]  # all shown programs together
    dashboard_url: str = ""


def admin_home(*, member: Membership, now: datetime) -> AdminHome:
    """Counts only: engagements by status, this month's attendance, each program's funnel."""
    org = member.org
    engagements = Engagement.objects.filter(org=org).aggregate(
        total=Count("id"),
        proposed=Count("id", filter=Q(status=Engagement.Status.PROPOSED)),
        active=Count("id", filter=Q(status=Engagement.Status.ACTIVE)),
        paused=Count("id", filter=Q(status=Engagement.Status.PAUSED)),
        ended=Count("id", filter=Q(status=Engagement.Status.ENDED)),
    )
    first = now.astimezone(_zone(member)).date().replace(day=1)
    month_start, _ = scheduling_selectors.local_day_bounds(first, str(_zone(member)))
    month = ScheduledSession.objects.filter(org=org, start__gte=month_start, start__lte=now)
    attendance = month.aggregate(
        held=Count("id", filter=Q(outcome=Outcome.HELD)),
        no_show=Count("id", filter=Q(outcome__in=[Outcome.NO_SHOW_COACHEE, Outcome.NO_SHOW_COACH])),
        late_cancellation=Count(
            "id",
            filter=Q(outcome=Outcome.LATE_CANCELLATION)
            | Q(outcome="", status=ScheduledSession.Status.CANCELLED, late=True),
        ),
        to_log=Count("id", filter=Q(outcome="", status=ScheduledSession.Status.SCHEDULED)),
    )
    programs = list(program_selectors.programs_for(member=member).order_by("-id"))
    health = []
    together: Counter[str] = Counter()
    for program in programs[:PROGRAMS_SHOWN]:
        rows = program_selectors.cohort_rows(program=program, now=now)
        counts = program_selectors.funnel(rows)
        together.update(counts)
        url = reverse("programs:detail", kwargs={"slug": org.slug, "program": program.slug})
        health.append(ProgramHealth(program.name, url, counts, len(rows)))
    return AdminHome(
        engagements=engagements,
        attendance=attendance,
        programs=health,
        programs_total=len(programs),
        funnel={stage: together.get(stage, 0) for stage in program_selectors.FUNNEL},
    )
