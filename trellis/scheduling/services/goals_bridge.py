"""What the reminders and feeds need from the goals app's action plan, read through its selectors
(`actions_overdue`, `actions_due_for`) and never through its models.

Scheduling never imports goals (goals reads scheduling: held sessions, attendance; an import-linter
contract keeps the layers): the goals app hands its two selectors over when it starts
(`GoalsConfig.ready` calls `provide`). Without the goals app there are no actions to remind of.

The querysets are narrowed in the database: only actions that still need a reminder (no Reminder
row yet for that kind) or an event (no CareerEvent yet), streamed as plain values.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import NoReverseMatch, reverse

from trellis.accounts.models import Membership, Organization
from trellis.core.schedule import ReminderKind
from trellis.scheduling.models import CareerEvent, Reminder

DUE_SOON = timedelta(days=2)  # "due soon" means due today, tomorrow or the day after
OVERDUE_FOR = timedelta(days=30)  # after a month overdue, nagging stops helping
JUST_MISSED = timedelta(days=3)  # an action overdue this recently is a fresh missed deadline
CHUNK = 2000
FIELDS = ("uuid", "owner_id", "goal__engagement_id", "what", "due_date", "version")


@dataclass(frozen=True)
class ActionDue:
    uuid: UUID
    owner_id: int  # the Membership who owns the action
    engagement_id: int | None
    title: str
    due_on: date
    sequence: int
    url: str


PLACEHOLDER = UUID(int=0)


def _url_pattern(org_slug: str) -> str:
    """The action page's address with a placeholder id (reversed once, not once per action)."""
    for name, args in (
        ("goals:action_detail", [org_slug, PLACEHOLDER]),
        ("goals:my_plan", [org_slug]),
    ):
        try:
            return f"{settings.SITE_URL}{reverse(name, args=args)}"
        except NoReverseMatch:
            continue
    return ""


def _stream(actions: QuerySet[Any], org_slug: str) -> Iterator[ActionDue]:
    pattern = _url_pattern(org_slug)
    for uuid, owner_id, engagement_id, what, due_date, version in actions.values_list(
        *FIELDS
    ).iterator(chunk_size=CHUNK):
        url = pattern.replace(str(PLACEHOLDER), str(uuid))
        yield ActionDue(uuid, owner_id, engagement_id, what, due_date, version, url)


@dataclass
class _Selectors:
    overdue: Callable[..., QuerySet[Any]] | None = (
        None  # (org_id, today) -> the open actions overdue then
    )
    due_for: Callable[..., QuerySet[Any]] | None = None  # (member) -> the open actions they may see


_GOALS = _Selectors()


def provide(
    *, overdue: Callable[..., QuerySet[Any]], due_for: Callable[..., QuerySet[Any]]
) -> None:
    """The goals app's selectors, handed over by the goals app when it starts."""
    _GOALS.overdue, _GOALS.due_for = overdue, due_for


def _overdue_selector() -> Any:
    return _GOALS.overdue


def _orgs(org_ids: Iterable[int] | None = None) -> QuerySet[Organization]:
    orgs = Organization.objects.order_by("id")
    return orgs if org_ids is None else orgs.filter(pk__in=list(org_ids))


def _unreminded(actions: QuerySet[Any], kind: ReminderKind) -> QuerySet[Any]:
    planned = Reminder.objects.filter(object_uuid=OuterRef("uuid"), kind=kind.value)
    return actions.filter(~Exists(planned))


def actions_to_remind(*, now: datetime) -> Iterator[ActionDue]:
    """Open actions due in the next two days or overdue by up to a month that have no reminder of
    that kind yet, streamed per organization."""
    actions_overdue = _overdue_selector()
    if actions_overdue is None:
        return
    today = now.date()
    for org_id, slug in _orgs().values_list("id", "slug"):
        # "Overdue as of the day after tomorrow" is due soon or overdue today.
        near = actions_overdue(org_id=org_id, today=today + DUE_SOON + timedelta(days=1))
        near = near.filter(due_date__gte=today - OVERDUE_FOR).order_by()
        yield from _stream(
            _unreminded(near.filter(due_date__gte=today), ReminderKind.ACTION_DUE_SOON), slug
        )
        yield from _stream(
            _unreminded(near.filter(due_date__lt=today), ReminderKind.ACTION_OVERDUE), slug
        )


def just_missed(*, now: datetime, org_ids: Iterable[int]) -> Iterator[ActionDue]:
    """Actions that went overdue in the last days and are not yet logged as a missed deadline."""
    actions_overdue = _overdue_selector()
    if actions_overdue is None:
        return
    today = now.date()
    logged = CareerEvent.objects.filter(source_uuid=OuterRef("uuid"))
    for org_id, slug in _orgs(org_ids).values_list("id", "slug"):
        actions = actions_overdue(org_id=org_id, today=today).filter(
            due_date__gte=today - JUST_MISSED
        )
        yield from _stream(actions.filter(~Exists(logged)).order_by(), slug)


def actions_for_feed(*, member: Membership, since: date) -> list[ActionDue]:
    if _GOALS.due_for is None:
        return []
    actions = _GOALS.due_for(member=member).filter(due_date__gte=since).order_by("due_date")
    return list(_stream(actions, member.org.slug))
