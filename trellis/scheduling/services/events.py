"""Career events, their CSV import, trigger rules, and the focused sessions they open.

Opening a session is the engagements app's service, which runs its own durable transaction; so
it is called after our own transaction has committed, never inside it. A rule fires at most once
per event: the firing row is claimed first (a unique key), then the session is opened.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from trellis.accounts.models import Membership, Organization
from trellis.core.datafiles import (
    Check,
    DataFileError,
    DataModel,
    Problem,
    Text,
    expected,
    read_csv,
    rows_as,
    shown_lines,
)
from trellis.core.schedule import ReminderKind
from trellis.engagements.models import GRANTING_STATUSES, Engagement
from trellis.frameworks.selectors import framework_find, frameworks_for
from trellis.scheduling.models import CareerEvent, TriggerFiring, TriggerRule
from trellis.scheduling.services import goals_bridge, outbox

logger = logging.getLogger(__name__)

ERROR_CUSTOM_TYPE = "Name the kind of event when the type is Other."
ERROR_ENGAGEMENT = "That engagement is not {name}'s."
ERROR_NO_ENGAGEMENT = (
    "{name} has no active engagement, so there is no coach to open a session with."
)
ERROR_FRAMEWORK = "Unknown framework {key!r}; expected one of {keys}."
ERROR_DAYS = "Give a number of days from 1 to 90 for a rule that fires before or after the event."
ERROR_NOT_COACHEE = "{name} does not have the coachee role in this organization."
ERROR_NOT_YOURS = "You can log events only for yourself or for people you coach or sponsor."
ERROR_SESSIONS_UNAVAILABLE = "Coaching sessions cannot be opened yet on this installation."

CSV_COLUMNS = ("email", "type", "date", "title", "notes")
CSV_REQUIRED = ("email", "type", "date")
CSV_EMAIL = "{source}: line {line}, email: expected the email of a coachee of {org}, found {value}"
CSV_FIRST_YEAR, CSV_LAST_YEAR = 1900, 2199
EXPECTED_DATE = f"a date as YYYY-MM-DD, from {CSV_FIRST_YEAR} to {CSV_LAST_YEAR}"
MAX_TITLE = 200  # CareerEvent.title
MAX_NOTES = 5000
OVERDUE_TITLE = "Missed deadline"
OVERDUE_NOTES = "The action that went overdue: {what}"
AFTER_LOOKBACK = timedelta(days=7)  # a rule "N days after" does not fire for events long past

TYPE_KEYS = tuple(CareerEvent.Type.values)


def _engagement_for(coachee: Membership) -> Engagement | None:
    return (
        Engagement.objects.filter(coachee=coachee, status=Engagement.Status.ACTIVE)
        .order_by("-started_on", "-id")
        .first()
    )


def may_log_for(actor: Membership, coachee: Membership) -> bool:
    """The coachee themself, their coach or sponsor, or an admin (HR) of their organization."""
    if actor.org_id != coachee.org_id:
        return False
    if actor.is_admin or actor.pk == coachee.pk:
        return True
    return (  # a proposed or declined engagement gives no say over the coachee's events
        Engagement.objects.filter(coachee=coachee, status__in=GRANTING_STATUSES)
        .filter(Q(coach=actor) | Q(sponsor=actor))
        .exists()
    )


def _build(
    *,
    actor: Membership | None,
    coachee: Membership,
    type: str,
    date: date,
    title: str,
    notes: str,
    custom_type: str,
    engagement: Engagement | None,
    source: str,
    source_uuid: UUID | None = None,
) -> CareerEvent:
    errors: dict[str, str] = {}
    if not coachee.is_coachee:
        errors["coachee"] = ERROR_NOT_COACHEE.format(name=coachee.user)
    if actor is not None and not may_log_for(actor, coachee):
        errors["coachee"] = ERROR_NOT_YOURS
    if type == CareerEvent.Type.CUSTOM and not custom_type.strip():
        errors["custom_type"] = ERROR_CUSTOM_TYPE
    if engagement is not None and engagement.coachee_id != coachee.pk:
        errors["engagement"] = ERROR_ENGAGEMENT.format(name=coachee.user)
    if errors:
        raise ValidationError(errors)
    engagement = engagement or _engagement_for(coachee)
    event = CareerEvent(
        org_id=coachee.org_id,
        coachee=coachee,
        engagement=engagement,
        coach_id=engagement.coach_id if engagement else None,
        sponsor_id=engagement.sponsor_id if engagement else None,
        type=type,
        custom_type=custom_type.strip() if type == CareerEvent.Type.CUSTOM else "",
        title=title.strip(),
        date=date,
        notes=notes.strip(),
        source=source,
        source_uuid=source_uuid,
        logged_by=actor,
    )
    event.full_clean()
    event.save()
    return event


def career_event_log(
    *,
    actor: Membership,
    coachee: Membership,
    type: str,
    date: date,
    title: str = "",
    notes: str = "",
    custom_type: str = "",
    engagement: Engagement | None = None,
) -> CareerEvent:
    """Log an event; rules that fire on logging open their sessions straight away."""
    with transaction.atomic(durable=True):
        event = _build(
            actor=actor,
            coachee=coachee,
            type=type,
            date=date,
            title=title,
            notes=notes,
            custom_type=custom_type,
            engagement=engagement,
            source=CareerEvent.Source.LOGGED,
        )
    fire_on_log(event=event)
    return event


def career_event_update(
    *, actor: Membership, event: CareerEvent, date: date, title: str, notes: str
) -> CareerEvent:
    with transaction.atomic(durable=True):
        event.date, event.title, event.notes = date, title.strip(), notes.strip()
        event.sequence += 1
        event.full_clean()
        event.save()
    return event


def career_event_delete(*, actor: Membership, event: CareerEvent) -> None:
    with transaction.atomic(durable=True):
        event.delete()


class EventImportError(Exception):
    """Nothing was imported. `errors` shows at most the first 100 problems and a line counting
    the rest; `count` is how many there are."""

    def __init__(self, errors: list[str]):
        self.count = len(errors)
        self.errors = shown_lines(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class EventRow:
    line: int
    coachee: Membership
    type: str
    date: date
    title: str
    notes: str


def _event_type(value: Any) -> str:
    key = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if key not in TYPE_KEYS:
        raise expected("one of " + ", ".join(TYPE_KEYS))
    return key


def _event_date(value: Any) -> date:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise expected(EXPECTED_DATE) from None
    if not CSV_FIRST_YEAR <= day.year <= CSV_LAST_YEAR:
        raise expected(EXPECTED_DATE)
    return day


class EventFields(DataModel):
    """One row of an events CSV; each field is a column."""

    email: Annotated[str, Text(254, what="the email of a coachee")]
    type: Annotated[str, Check("one of " + ", ".join(TYPE_KEYS), _event_type)]
    date: Annotated[date, Check(EXPECTED_DATE, _event_date)]
    title: Annotated[str, Text(MAX_TITLE, blank=True)] = ""
    notes: Annotated[str, Text(MAX_NOTES, blank=True)] = ""


def _parse_csv(
    *, org: Organization, data: bytes | str, source: str = "events.csv"
) -> tuple[list[EventRow], list[str]]:
    problems: list[Problem] = []
    try:
        table = read_csv(
            data,
            source,
            required=CSV_REQUIRED,
            known=CSV_COLUMNS,
            max_bytes=settings.TRELLIS_UPLOAD_MAX_BYTES,
        )
    except DataFileError as exc:
        return [], [str(problem) for problem in exc.problems]
    checked = rows_as(EventFields, table, problems=problems)
    errors = [str(problem) for problem in problems]
    emails = {fields.email.lower() for _, fields in checked}
    people = {
        m.user.email.lower(): m
        for m in Membership.objects.filter(
            org_id=org.pk, is_active=True, is_coachee=True, user__email__in=emails
        ).select_related("user", "org")
    }
    # Email lookups above are exact; fall back to a case-insensitive match for the rest.
    for email in emails - people.keys():
        found = (
            Membership.objects.filter(
                org_id=org.pk, is_active=True, is_coachee=True, user__email__iexact=email
            )
            .select_related("user", "org")
            .first()
        )
        if found:
            people[email] = found
    rows = []
    for row, fields in checked:
        coachee = people.get(fields.email.lower())
        if coachee is None:
            errors.append(
                CSV_EMAIL.format(source=source, line=row.line, org=org.name, value=fields.email)
            )
            continue
        rows.append(
            EventRow(
                row.line,
                coachee,
                fields.type,
                fields.date,
                fields.title.strip(),
                fields.notes.strip(),
            )
        )
    errors.sort(key=_line_of)
    return rows, errors


def _line_of(error: str) -> int:
    _, _, rest = error.partition(": line ")
    digits = rest.split(",", 1)[0].split(":", 1)[0]
    return int(digits) if digits.isdigit() else 0


def career_events_import(
    *, actor: Membership, data: bytes | str, source: str = "events.csv"
) -> list[CareerEvent]:
    """Import events from CSV (email, type, date, title, notes): all or nothing, every bad row
    named with its line and column. Custom types are not imported (use 'title' to say more)."""
    rows, errors = _parse_csv(org=actor.org, data=data, source=source)
    if errors:
        raise EventImportError(errors)
    with transaction.atomic(durable=True):
        events = [
            _build(
                actor=None,
                coachee=row.coachee,
                type=row.type,
                date=row.date,
                title=row.title,
                notes=row.notes,
                custom_type="",
                engagement=None,
                source=CareerEvent.Source.IMPORTED,
            )
            for row in rows
        ]
        CareerEvent.objects.filter(pk__in=[e.pk for e in events]).update(logged_by=actor)
    for event in events:
        fire_on_log(event=event)
    return events


# trigger rules


def framework_choices(*, org: Organization) -> list[tuple[str, str]]:
    return [(e.framework.key, e.framework.name) for e in frameworks_for(org=org)]


def _check_framework(org: Organization, key: str) -> str:
    entry = framework_find(org=org, key=key)
    if entry is None:
        keys = ", ".join(k for k, _ in framework_choices(org=org))
        raise ValidationError({"framework_key": ERROR_FRAMEWORK.format(key=key, keys=keys)})
    return entry.framework.key


def trigger_rule_create(
    *,
    actor: Membership,
    event_type: str,
    when: str,
    days: int = 0,
    framework_key: str = "tgrow",
    style: str = "non-directive",
    notify_coachee: bool = True,
    notify_coach: bool = True,
    notify_sponsor: bool = False,
) -> TriggerRule:
    if when != TriggerRule.When.ON_LOG and not 1 <= days <= 90:
        raise ValidationError({"days": ERROR_DAYS})
    framework_key = _check_framework(actor.org, framework_key)
    with transaction.atomic(durable=True):
        rule = TriggerRule(
            org_id=actor.org_id,
            event_type=event_type,
            when=when,
            days=days if when != TriggerRule.When.ON_LOG else 0,
            framework_key=framework_key,
            style=style,
            notify_coachee=notify_coachee,
            notify_coach=notify_coach,
            notify_sponsor=notify_sponsor,
            created_by=actor,
        )
        rule.full_clean()
        rule.save()
    return rule


def trigger_rule_delete(*, actor: Membership, rule: TriggerRule) -> None:
    with transaction.atomic(durable=True):
        rule.delete()


# firing


def _open_session(
    event: CareerEvent, *, framework_key: str, style: str, actor: Membership
) -> object:
    try:
        from trellis.engagements.services import coaching_session_create
    except ImportError:  # pragma: no cover - the engagements app ships it
        raise ValidationError(ERROR_SESSIONS_UNAVAILABLE) from None
    return coaching_session_create(
        actor=actor,
        engagement=event.engagement,
        framework_key=framework_key,
        style=style,
        topic=f"{event.label} ({event.date:%d %b %Y})",
        kind="event",
    )


def _session_url(session: object) -> str:
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse

    uuid = getattr(session, "uuid", None)
    org = getattr(session, "org", None)
    for name in ("engagements:session", "engagements:session_detail"):
        try:
            return f"{settings.SITE_URL}{reverse(name, args=[org.slug, uuid])}"  # type: ignore[union-attr]
        except NoReverseMatch:
            continue
    return ""


def _notify(firing: TriggerFiring, rule: TriggerRule | None, now: datetime) -> None:
    event = firing.event
    people = []
    if rule is None or rule.notify_coachee:
        people.append(event.coachee)
    if event.coach and (rule is None or rule.notify_coach):
        people.append(event.coach)
    # the engagement's sponsor now (one who was replaced, or is not accepted yet, hears nothing)
    sponsor = event.engagement.sponsor if event.engagement is not None else None
    if sponsor and rule is not None and rule.notify_sponsor:
        people.append(sponsor)
    for person in people:
        if firing.started_by_id == person.pk:
            continue
        others = (event.coachee_id, event.coach_id)
        sponsor_only = sponsor is not None and sponsor.pk == person.pk and person.pk not in others
        subject = (
            f"A coaching session for {event.coachee.user.display_name} was opened after an event"
            if sponsor_only
            else f"A {firing.framework_key.upper()} session is ready: {event.label}"
        )
        outbox.queue(
            recipient=person,
            kind=ReminderKind.EVENT_PREPARATION.value,
            object_uuid=event.uuid,
            occurrence=f"session-{firing.uuid}",
            due_at=now,
            send_at=now,
            subject=subject,
            body=(
                "Something happened that is worth a focused conversation. The session is prepared;"
                " open it to begin, or book a time with your coach."
            )
            if not sponsor_only
            else "The coach and coachee have a focused session to prepare. You see that it exists, not what is said.",
            url="" if sponsor_only else firing.coaching_session_url,
        )


def _fire(
    *,
    event: CareerEvent,
    rule: TriggerRule | None,
    framework_key: str,
    style: str,
    started_by: Membership | None,
) -> TriggerFiring | None:
    """Claim the firing, open the session, tell the people. None when this rule already fired."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        if rule is not None:
            firing, created = TriggerFiring.objects.get_or_create(
                rule=rule,
                event=event,
                defaults={"framework_key": framework_key, "started_by": started_by},
            )
            if not created:
                return None
        else:
            firing = TriggerFiring.objects.create(
                event=event, framework_key=framework_key, started_by=started_by
            )
    engagement = event.engagement
    if engagement is None or engagement.status == Engagement.Status.ENDED:
        firing.error = ERROR_NO_ENGAGEMENT.format(name=event.coachee.user)
        firing.save(update_fields=["error"])
        return firing
    opener = started_by or engagement.coach
    try:
        session = _open_session(event, framework_key=framework_key, style=style, actor=opener)
    except ValidationError as exc:
        firing.error = "; ".join(exc.messages)
        firing.save(update_fields=["error"])
        if started_by is not None:
            raise
        return firing
    with transaction.atomic(durable=True):
        firing.coaching_session_uuid = getattr(session, "uuid", None)
        firing.coaching_session_url = _session_url(session)
        firing.save(update_fields=["coaching_session_uuid", "coaching_session_url"])
        _notify(firing, rule, now)
    return firing


# What other apps do when an event is logged (the programs app opens a track's event-driven
# session): each takes the event and answers the firing it made, or None. Scheduling imports none
# of them; they add themselves from their AppConfig.ready.
ON_LOG: list[Callable[[CareerEvent], TriggerFiring | None]] = []


def event_session_open(*, event: CareerEvent, framework_key: str) -> TriggerFiring | None:
    """Open a focused session for the event in its engagement, without a rule and without a
    person starting it (the engagement's coach opens it; coachee and coach are told). None when a
    session was already opened for the event, by a rule or by hand."""
    if TriggerFiring.objects.filter(event=event).exists():
        return None
    return _fire(
        event=event, rule=None, framework_key=framework_key, style="non-directive", started_by=None
    )


def fire_on_log(*, event: CareerEvent) -> list[TriggerFiring]:
    rules = TriggerRule.objects.filter(
        org_id=event.org_id, event_type=event.type, when=TriggerRule.When.ON_LOG, is_active=True
    )
    fired = []
    for rule in rules:
        firing = _fire(
            event=event,
            rule=rule,
            framework_key=rule.framework_key,
            style=rule.style,
            started_by=None,
        )
        if firing is not None:
            fired.append(firing)
    for hook in ON_LOG:
        if not fired and (firing := hook(event)) is not None:
            fired.append(firing)
    return fired


def event_session_start(
    *,
    actor: Membership,
    event: CareerEvent,
    framework_key: str = "tgrow",
    style: str = "non-directive",
) -> TriggerFiring:
    """Either side starts an event-driven session by hand."""
    framework_key = _check_framework(actor.org, framework_key)
    firing = _fire(
        event=event, rule=None, framework_key=framework_key, style=style, started_by=actor
    )
    assert firing is not None
    if firing.error:
        raise ValidationError({"event": firing.error})
    return firing


def fire_due_triggers(*, now: datetime) -> int:
    """Rules that fire some days before or after an event, for events whose day has come."""
    today = now.date()
    fired = 0
    for rule in TriggerRule.objects.filter(is_active=True).exclude(when=TriggerRule.When.ON_LOG):
        days = timedelta(days=rule.days)
        if rule.when == TriggerRule.When.BEFORE:
            window = Q(date__gte=today, date__lte=today + days)
        else:
            window = Q(date__lte=today - days, date__gte=today - days - AFTER_LOOKBACK)
        events = (
            CareerEvent.objects.filter(window, org_id=rule.org_id, type=rule.event_type)
            .filter(~Exists(TriggerFiring.objects.filter(rule=rule, event=OuterRef("pk"))))
            .select_related("engagement", "coachee__user", "coach__user", "sponsor__user")
        )
        for event in events.iterator(chunk_size=200):
            if _fire(
                event=event,
                rule=rule,
                framework_key=rule.framework_key,
                style=rule.style,
                started_by=None,
            ):
                fired += 1
    return fired


def log_overdue_actions(*, now: datetime) -> int:
    """A missed deadline is an event: in an organization with an active rule for setbacks, an
    action that went overdue in the last few days is logged once as a setback, which fires it."""
    org_ids = set(
        TriggerRule.objects.filter(is_active=True, event_type=CareerEvent.Type.SETBACK).values_list(
            "org_id", flat=True
        )
    )
    if not org_ids:
        return 0
    logged = 0
    for action in goals_bridge.just_missed(now=now, org_ids=org_ids):
        owner = Membership.objects.select_related("user").get(pk=action.owner_id)
        if not owner.is_coachee:
            continue  # the coach's own actions on a plan are not the coachee's setbacks
        engagement = (
            Engagement.objects.filter(pk=action.engagement_id).first()
            if action.engagement_id
            else None
        )
        try:
            with transaction.atomic(durable=True):
                event = _build(
                    actor=None,
                    coachee=owner,
                    type=CareerEvent.Type.SETBACK,
                    date=action.due_on,
                    # the action's text is content: it goes in the notes (the coachee's and
                    # their coach's), never in the title
                    title=OVERDUE_TITLE,
                    notes=OVERDUE_NOTES.format(what=action.title),
                    custom_type="",
                    engagement=engagement,
                    source=CareerEvent.Source.OVERDUE_ACTION,
                    source_uuid=action.uuid,
                )
        except (IntegrityError, ValidationError):
            continue  # another worker logged it first (full_clean reports the taken key)
        fire_on_log(event=event)
        logged += 1
    return logged
