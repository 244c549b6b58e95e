"""Reminder preferences, and the pass that plans and sends reminders.

A pass looks at a narrow window of time (sessions in the next day, sessions just ended, events in
the next days), streams the rows in chunks, and writes Reminder rows with ignore_conflicts: the
unique key makes planning the same reminder twice a no-op. Then the outbox sends what is due.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TypeVar
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trellis.accounts.models import Membership
from trellis.core import schedule as core
from trellis.core.schedule import DEFAULT_DELIVERY, Delivery, QuietHours, ReminderKind
from trellis.core.schedule.times import from_wall_clock
from trellis.scheduling.models import (
    CareerEvent,
    DispatchTick,
    HomeDigest,
    Reminder,
    ReminderPreference,
    ReminderSettings,
    ScheduledSession,
    SessionKind,
)
from trellis.scheduling.services import goals_bridge
from trellis.scheduling.services.text import day_for, when_for

CHUNK = 1000
PASS_EVERY = timedelta(minutes=1)
# A reminder whose moment passed this long ago (a worker was down) is not worth sending.
TOO_LATE = timedelta(hours=2)
REVIEW_NOTICE = timedelta(days=2)
EVENT_NOTICE = timedelta(days=2)
EVENT_MORNING = time(9, 0)
LOG_AFTER = timedelta(minutes=15)
DEFAULT_QUIET = (time(21, 0), time(7, 30))

SKIPPED_OFF = "The person chose not to get this kind of reminder."
ERROR_QUIET_BOTH = gettext_lazy("Give both ends of your quiet hours, or neither.")
ERROR_DELIVERY = gettext_lazy("Expected one of immediately, digest, off; got {value!r}.")
ERROR_HOME_DIGEST = gettext_lazy("Expected one of off, daily, weekly; got {value!r}.")
ERROR_KIND = gettext_lazy(
    "Not a kind of reminder; expected one of session, action_due_soon, action_overdue, "
    "log_session, review_due, event_preparation."
)

T = TypeVar("T")


@dataclass
class Prefs:
    timezone: str
    quiet: QuietHours | None
    digest_at: time
    delivery: dict[str, Delivery] = field(default_factory=dict)
    language: str = ""  # their own choice; blank: the site's language

    def speaking(self) -> translation.override:
        """Compose their reminders in their language."""
        return translation.override(self.language or settings.LANGUAGE_CODE)

    def for_kind(self, kind: ReminderKind) -> Delivery:
        return self.delivery.get(kind.value, DEFAULT_DELIVERY[kind])


def prefs_of(member_ids: Iterable[int]) -> dict[int, Prefs]:
    """Everyone's zone, quiet hours, digest time and choices, in three queries."""
    ids = set(member_ids)
    people = Membership.objects.filter(pk__in=ids).values_list(
        "pk", "user__time_zone", "user__language"
    )
    found = {
        pk: Prefs(
            zone or "UTC", QuietHours(*DEFAULT_QUIET), core.DEFAULT_DIGEST_TIME, language=language
        )
        for pk, zone, language in people
    }
    for row in ReminderSettings.objects.filter(member_id__in=ids):
        prefs = found[row.member_id]
        prefs.digest_at = row.digest_time
        has_quiet = row.quiet_start is not None and row.quiet_end is not None
        prefs.quiet = QuietHours(row.quiet_start, row.quiet_end) if has_quiet else None  # type: ignore[arg-type]
    for pk, kind, delivery in ReminderPreference.objects.filter(member_id__in=ids).values_list(
        "member_id", "kind", "delivery"
    ):
        found[pk].delivery[kind] = Delivery(delivery)
    return found


def preferences_save(
    *,
    member: Membership,
    delivery: dict[str, str],
    quiet_start: time | None,
    quiet_end: time | None,
    digest_time: time,
    home_digest: str | None = None,
) -> None:
    """Save a person's choices; kinds left at their default keep no row. `home_digest` (how often
    the home page comes by email) stays as it was when None."""
    if (quiet_start is None) != (quiet_end is None):
        raise ValidationError({"quiet_start": ERROR_QUIET_BOTH})
    choices = {d.value for d in Delivery}
    errors = {
        kind: ERROR_DELIVERY.format(value=value)
        for kind, value in delivery.items()
        if value not in choices
    }
    unknown = set(delivery) - {k.value for k in ReminderKind}
    errors |= dict.fromkeys(unknown, str(ERROR_KIND))
    if home_digest is not None and home_digest not in HomeDigest.values:
        errors["home_digest"] = ERROR_HOME_DIGEST.format(value=home_digest)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        defaults: dict[str, object] = {
            "quiet_start": quiet_start,
            "quiet_end": quiet_end,
            "digest_time": digest_time,
        }
        if home_digest is not None:
            defaults["home_digest"] = home_digest
        ReminderSettings.objects.update_or_create(member=member, defaults=defaults)
        for kind, value in delivery.items():
            if value == DEFAULT_DELIVERY[ReminderKind(kind)].value:
                ReminderPreference.objects.filter(member=member, kind=kind).delete()
            else:
                ReminderPreference.objects.update_or_create(
                    member=member, kind=kind, defaults={"delivery": value}
                )


def _chunks(items: Iterator[T], size: int = CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _url(name: str, *args: object) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


@dataclass
class Planner:
    """Collects reminders for one chunk and writes them in one statement."""

    now: datetime
    prefs: dict[int, Prefs]
    rows: list[Reminder] = field(default_factory=list)

    def add(
        self,
        *,
        member_id: int,
        kind: ReminderKind,
        due_at: datetime,
        object_uuid: UUID,
        occurrence: str,
        subject: str,
        body: str,
        url: str,
        anchor_at: datetime | None = None,
    ) -> None:
        prefs = self.prefs[member_id]
        delivery = prefs.for_kind(kind)
        send_at = core.delivery_time(
            due_at,
            delivery=delivery,
            timezone=prefs.timezone,
            quiet=prefs.quiet,
            digest_at=prefs.digest_at,
        )
        skipped = ""
        if send_at is None:
            # A row marks it planned, so that later passes do not weigh it again.
            send_at, skipped = due_at, SKIPPED_OFF
        elif send_at < self.now - TOO_LATE:
            return
        if kind is ReminderKind.SESSION and anchor_at is not None and send_at >= anchor_at:
            return  # a reminder after the session started is noise
        self.rows.append(
            Reminder(
                recipient_id=member_id,
                kind=kind.value,
                object_uuid=object_uuid,
                occurrence=occurrence,
                anchor_at=anchor_at,
                due_at=due_at,
                send_at=send_at,
                digest=delivery is Delivery.DIGEST,
                subject=subject[:250],
                body=body,
                url=url,
                status=Reminder.Status.SKIPPED if skipped else Reminder.Status.PENDING,
                skip_reason=skipped,
            )
        )

    def flush(self) -> int:
        if not self.rows:
            return 0
        before = len(self.rows)
        Reminder.objects.bulk_create(self.rows, ignore_conflicts=True, batch_size=CHUNK)
        self.rows = []
        return before


def _sessions(query: Q) -> Iterator[list[ScheduledSession]]:
    rows = (
        ScheduledSession.objects.filter(query, status=ScheduledSession.Status.SCHEDULED)
        .select_related("series", "org", "coach__user", "coachee__user")
        .order_by("start", "id")
    )
    yield from _chunks(rows.iterator(chunk_size=CHUNK))


def _session_url(occurrence: ScheduledSession) -> str:
    return _url("scheduling:session", occurrence.org.slug, occurrence.uuid)


def _other(occurrence: ScheduledSession, member_id: int) -> str:
    other = occurrence.coachee if member_id == occurrence.coach_id else occurrence.coach
    return other.user.display_name


def plan_session_reminders(*, now: datetime) -> int:
    """A day and an hour before each session starting in the next day, for both people."""
    planned = 0
    window = Q(
        start__gt=now, start__lte=now + core.SESSION_REMINDER_OFFSETS[0] + timedelta(hours=1)
    )
    for chunk in _sessions(window):
        planner = Planner(now, prefs_of(m for o in chunk for m in (o.coach_id, o.coachee_id)))
        for occurrence in chunk:
            for member_id in (occurrence.coach_id, occurrence.coachee_id):
                prefs = planner.prefs[member_id]
                for planned_reminder in core.session_reminders(
                    occurrence.start,
                    timezone=prefs.timezone,
                    quiet=prefs.quiet,
                    not_before=occurrence.timed_at,
                ):
                    before = planned_reminder.before
                    names = {
                        "summary": occurrence.series.summary,
                        "other": _other(occurrence, member_id),
                    }
                    with planner.prefs[member_id].speaking():
                        planner.add(
                            member_id=member_id,
                            kind=ReminderKind.SESSION,
                            due_at=occurrence.start - before,
                            object_uuid=occurrence.uuid,
                            occurrence=f"{occurrence.start:%Y%m%dT%H%MZ}-{int(before.total_seconds())}",
                            anchor_at=occurrence.start,
                            subject=(
                                _("%(summary)s with %(other)s tomorrow") % names
                                if before >= timedelta(days=1)
                                else _("%(summary)s with %(other)s in an hour") % names
                            ),
                            body=_("When: %(when)s")
                            % {"when": when_for(occurrence.start, prefs.timezone)},
                            url=_session_url(occurrence),
                        )
        planned += planner.flush()
    return planned


def plan_log_reminders(*, now: datetime) -> int:
    """After a session: the coach logs notes, the coachee notes what they take away."""
    planned = 0
    window = Q(end__lte=now, end__gt=now - timedelta(days=1))
    for chunk in _sessions(window):
        planner = Planner(now, prefs_of(m for o in chunk for m in (o.coach_id, o.coachee_id)))
        for occurrence in chunk:
            for member_id in (occurrence.coach_id, occurrence.coachee_id):
                is_coach = member_id == occurrence.coach_id
                other = {"other": _other(occurrence, member_id)}
                with planner.prefs[member_id].speaking():
                    planner.add(
                        member_id=member_id,
                        kind=ReminderKind.LOG_SESSION,
                        due_at=occurrence.end + LOG_AFTER,
                        object_uuid=occurrence.uuid,
                        occurrence=f"{occurrence.original_start:%Y%m%dT%H%MZ}",
                        anchor_at=occurrence.start,
                        subject=(
                            _("Log your session with %(other)s") % other
                            if is_coach
                            else _("What will you take away from your session with %(other)s?")
                            % other
                        ),
                        body=_(
                            "A few lines while it is fresh: what was decided, and the next step."
                        ),
                        url=_url("scheduling:session_log", occurrence.org.slug, occurrence.uuid),
                    )
        planned += planner.flush()
    return planned


def plan_review_reminders(*, now: datetime) -> int:
    """Two days before a review: look over the goals and the plan."""
    planned = 0
    window = Q(start__gt=now, start__lte=now + REVIEW_NOTICE + timedelta(hours=1))
    for chunk in _sessions(window & Q(series__kind=SessionKind.REVIEW)):
        planner = Planner(now, prefs_of(m for o in chunk for m in (o.coach_id, o.coachee_id)))
        for occurrence in chunk:
            for member_id in (occurrence.coach_id, occurrence.coachee_id):
                prefs = planner.prefs[member_id]
                with planner.prefs[member_id].speaking():
                    planner.add(
                        member_id=member_id,
                        kind=ReminderKind.REVIEW_DUE,
                        due_at=occurrence.start - REVIEW_NOTICE,
                        object_uuid=occurrence.uuid,
                        occurrence=f"{occurrence.start:%Y%m%dT%H%MZ}",
                        anchor_at=occurrence.start,
                        subject=_("Review due with %(other)s")
                        % {"other": _other(occurrence, member_id)},
                        body=_(
                            "Your review is on %(when)s. "
                            "Look over the goals and the plan: what moved, what is stuck?"
                        )
                        % {"when": when_for(occurrence.start, prefs.timezone)},
                        url=_session_url(occurrence),
                    )
        planned += planner.flush()
    return planned


def _coach_of(event: CareerEvent) -> int | None:
    """The engagement's coach of today (the event's copy is of the day it was logged)."""
    return event.engagement.coach_id if event.engagement is not None else event.coach_id


def plan_event_reminders(*, now: datetime) -> int:
    """Two days before a career event, at nine on each person's clock: time to prepare."""
    planned = 0
    today = now.date()
    events = (
        CareerEvent.objects.filter(
            date__gte=today, date__lte=today + EVENT_NOTICE + timedelta(days=1)
        )
        .select_related("org", "engagement")
        .order_by("date", "id")
    )
    for chunk in _chunks(events.iterator(chunk_size=CHUNK)):
        people = {m for e in chunk for m in (e.coachee_id, _coach_of(e)) if m}
        planner = Planner(now, prefs_of(people))
        for event in chunk:
            for member_id in (event.coachee_id, _coach_of(event)):
                if not member_id:
                    continue
                prefs = planner.prefs[member_id]
                morning = from_wall_clock(
                    datetime.combine(event.date, EVENT_MORNING), prefs.timezone
                )
                with planner.prefs[member_id].speaking():
                    planner.add(
                        member_id=member_id,
                        kind=ReminderKind.EVENT_PREPARATION,
                        due_at=morning - EVENT_NOTICE,
                        object_uuid=event.uuid,
                        occurrence=f"{event.date:%Y%m%d}",
                        anchor_at=from_wall_clock(datetime.combine(event.date, time()), "UTC"),
                        subject=_("Coming up on %(day)s: %(event)s")
                        % {"day": day_for(event.date), "event": event.label},
                        body=_(
                            "A good moment to prepare: what do you want from it, "
                            "and what could get in the way?"
                        ),
                        url=_url("scheduling:event", event.org.slug, event.uuid),
                    )
        planned += planner.flush()
    return planned


def plan_action_reminders(*, now: datetime) -> int:
    """Actions due soon and overdue, from the goals app's plan (when it is installed)."""

    def names(action: goals_bridge.ActionDue) -> dict[str, str]:
        return {"day": day_for(action.due_on), "title": action.title}

    planned = 0
    for chunk in _chunks(goals_bridge.actions_to_remind(now=now)):
        planner = Planner(now, prefs_of(a.owner_id for a in chunk))
        for action in chunk:
            overdue = action.due_on < now.date()
            kind = ReminderKind.ACTION_OVERDUE if overdue else ReminderKind.ACTION_DUE_SOON
            prefs = planner.prefs[action.owner_id]
            due_at = from_wall_clock(datetime.combine(now.date(), EVENT_MORNING), prefs.timezone)
            with planner.prefs[action.owner_id].speaking():
                planner.add(
                    member_id=action.owner_id,
                    kind=kind,
                    due_at=min(due_at, now),
                    object_uuid=action.uuid,
                    occurrence=f"{kind.value}-{action.due_on:%Y%m%d}",
                    subject=(
                        _("Overdue since %(day)s: %(title)s") % names(action)
                        if overdue
                        else _("Due %(day)s: %(title)s") % names(action)
                    ),
                    body=_("Done, changed, or still on? Update your plan so it stays true."),
                    url=action.url,
                )
        planned += planner.flush()
    return planned


def schedule_next_pass(*, now: datetime) -> bool:
    """Make sure a pass is queued for the next minute (at most one per minute, whoever asks).

    Only a backend that can run tasks later (the database queue) keeps this chain going.
    """
    from trellis.scheduling.tasks import dispatch_reminders

    if not dispatch_reminders.get_backend().supports_defer:
        return False
    run_at = (now + PASS_EVERY).replace(second=0, microsecond=0)
    _, created = DispatchTick.objects.get_or_create(run_at=run_at)
    if created:
        transaction.on_commit(lambda: dispatch_reminders.using(run_after=run_at).enqueue())
        DispatchTick.objects.filter(run_at__lt=now - timedelta(days=1)).delete()
    return created


# Passes other apps add to every reminder pass (the web app's home digest, which reads goals and
# more that scheduling may not import): each takes `now` and answers its figures.
AFTER_PASS: list[Callable[..., dict[str, int]]] = []


def reminder_pass(*, now: datetime | None = None) -> dict[str, int]:
    """One pass: keep the chain of passes going, grow endless series, fire timed triggers, log
    overdue actions as events, plan reminders, and send what is due."""
    from trellis.scheduling.services import events, sessions

    now = now or timezone.now()
    with transaction.atomic():
        schedule_next_pass(now=now)
    figures = {"occurrences_added": sessions.series_extend(now=now)}
    # Missed deadlines first: a rule "1 day after a setback" may be due for them at once.
    figures["overdue_events"] = events.log_overdue_actions(now=now)
    figures["triggers_fired"] = events.fire_due_triggers(now=now)
    planned = 0
    for plan in (
        plan_session_reminders,
        plan_log_reminders,
        plan_review_reminders,
        plan_event_reminders,
        plan_action_reminders,
    ):
        planned += plan(now=now)
    from trellis.scheduling.services import outbox

    figures["reminders_considered"] = planned  # rows offered; the unique key drops repeats
    figures["sent"] = outbox.send_due(now=now)
    for extra in AFTER_PASS:
        figures |= extra(now=now)
    return figures
