"""What the reminders and feeds need from the goals app's action plan, read through its selectors
(`actions_overdue`, `actions_due_for`) and never through its models."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from trellis.accounts.models import Membership, Organization

DUE_SOON = timedelta(days=2)  # "due soon" means due today, tomorrow or the day after
OVERDUE_FOR = timedelta(days=30)  # after a month overdue, nagging stops helping
CHUNK = 1000


@dataclass(frozen=True)
class ActionDue:
    uuid: UUID
    owner_id: int  # the Membership who owns the action
    engagement_id: int | None
    title: str
    due_on: date
    sequence: int
    url: str


def _url(org_slug: str, action: Any) -> str:
    for name, args in (
        ("goals:action", [org_slug, action.uuid]),
        ("goals:action_detail", [org_slug, action.uuid]),
        ("goals:plan", [org_slug]),
        ("goals:mine", [org_slug]),
    ):
        try:
            return f"{settings.SITE_URL}{reverse(name, args=args)}"
        except NoReverseMatch:
            continue
    return ""


def _due(action: Any, org_slug: str) -> ActionDue:
    return ActionDue(
        uuid=action.uuid,
        owner_id=action.owner_id,
        engagement_id=action.goal.engagement_id,
        title=action.what,
        due_on=action.due_date,
        sequence=getattr(action, "version", 0),
        url=_url(org_slug, action),
    )


def actions_to_remind(*, now: datetime) -> Iterator[ActionDue]:
    """Open actions due in the next two days or overdue by up to a month, streamed per org."""
    try:
        from trellis.goals.selectors import actions_overdue
    except ImportError:
        return
    today = now.date()
    for org_id, slug in Organization.objects.values_list("id", "slug").order_by("id"):
        # "Overdue as of the day after tomorrow" is due soon or overdue today.
        actions = actions_overdue(org_id=org_id, today=today + DUE_SOON + timedelta(days=1))
        actions = actions.filter(due_date__gte=today - OVERDUE_FOR).order_by("due_date", "id")
        for action in actions.iterator(chunk_size=CHUNK):
            yield _due(action, slug)


def overdue_actions(*, now: datetime) -> Iterator[ActionDue]:
    """Actions past their due date and still open: each may become a 'missed deadline' event."""
    return (a for a in actions_to_remind(now=now) if a.due_on < now.date())


def actions_for_feed(*, member: Membership, since: date) -> list[ActionDue]:
    try:
        from trellis.goals.selectors import actions_due_for
    except ImportError:
        return []
    actions = actions_due_for(member=member).filter(due_date__gte=since).order_by("due_date")
    return [_due(action, member.org.slug) for action in actions]
