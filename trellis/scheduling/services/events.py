"""Career events: logged by hand, imported from CSV, or logged for an action that went overdue.

Logging fires the trigger rules (services/triggers.py, whose names are also importable from here)
after the event's own transaction has committed.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy

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
from trellis.engagements.models import GRANTING_STATUSES, Engagement
from trellis.scheduling.models import CareerEvent, TriggerRule
from trellis.scheduling.models.events import OVERDUE_NOTES, OVERDUE_TITLE
from trellis.scheduling.services import goals_bridge
from trellis.scheduling.services.triggers import ERROR_DAYS as ERROR_DAYS
from trellis.scheduling.services.triggers import ON_LOG as ON_LOG
from trellis.scheduling.services.triggers import event_session_open as event_session_open
from trellis.scheduling.services.triggers import event_session_start as event_session_start
from trellis.scheduling.services.triggers import fire_due_triggers as fire_due_triggers
from trellis.scheduling.services.triggers import fire_on_log
from trellis.scheduling.services.triggers import framework_choices as framework_choices
from trellis.scheduling.services.triggers import trigger_rule_create as trigger_rule_create
from trellis.scheduling.services.triggers import trigger_rule_delete as trigger_rule_delete

ERROR_CUSTOM_TYPE = gettext_lazy("Name the kind of event when the type is Other.")
ERROR_ENGAGEMENT = gettext_lazy("That engagement is not {name}'s.")
ERROR_NOT_COACHEE = gettext_lazy("{name} does not have the coachee role in this organization.")
ERROR_NOT_YOURS = gettext_lazy(
    "You can log events only for yourself or for people you coach or sponsor."
)

CSV_COLUMNS = ("email", "type", "date", "title", "notes")
CSV_REQUIRED = ("email", "type", "date")
CSV_EMAIL = "{source}: line {line}, email: expected the email of a coachee of {org}, found {value}"
CSV_FIRST_YEAR, CSV_LAST_YEAR = 1900, 2199
EXPECTED_DATE = f"a date as YYYY-MM-DD, from {CSV_FIRST_YEAR} to {CSV_LAST_YEAR}"
MAX_TITLE = 200  # CareerEvent.title
MAX_NOTES = 5000

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
        errors["coachee"] = str(ERROR_NOT_YOURS)
    if type == CareerEvent.Type.CUSTOM and not custom_type.strip():
        errors["custom_type"] = str(ERROR_CUSTOM_TYPE)
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
