"""What every goals service shares: error messages, the edit conflict, revisions, local dates."""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from functools import wraps
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.goals.models import Action, Goal, Review, Revision

CONFLICT = _(
    "{what} was changed by {who} after you opened it, so your save was refused and nothing was "
    "overwritten. What changed: {changes}. Check their changes; saving again replaces them with yours."
)
DUE_UNREADABLE = _(
    "Could not read {text!r} as a date. Write a date such as 2026-03-31, or words such as "
    "'by the end of March' or 'in six weeks'."
)
NOT_IN_ORG = _("{name} is not a member of this organization.")
NOT_A_COACHEE = _("{name} does not have the coachee role in this organization.")
ENGAGEMENT_OF_OTHER = _("That engagement is not {name}'s coaching.")
ONLY_COACHEE_SHARES = _("Only the coachee decides whether a goal is shared with the sponsor.")
PARENT_LEVEL = _(
    "A goal can sit only under a goal of a wider level: organization, then team, then person."
)
TEAM_REQUIRED = _("Choose the team this goal belongs to.")
REASON_REQUIRED = _("Say why the {what} is dropped: the reason stays in its history.")
UNKNOWN_FIELDS = _("These fields cannot be changed here: {fields}.")


class EditConflict(Exception):
    """A save based on an old version: someone else saved in between."""

    def __init__(self, *, what: str, current_version: int, changes: list[dict[str, Any]]):
        self.current_version = current_version
        self.changes = changes
        whos = sorted({c["who"] for c in changes}) or [gettext("someone else")]
        described = "; ".join(
            gettext("%(field)s from %(old)s to %(new)s (%(who)s)")
            % {
                "field": field_label(field),
                "old": shown(change["from"], field),
                "new": shown(change["to"], field),
                "who": c["who"],
            }
            for c in changes
            for field, change in c["fields"].items()
        )
        self.message = CONFLICT.format(
            what=what,
            who=gettext(" and ").join(whos),
            changes=described or gettext("its status"),
        )
        super().__init__(self.message)


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# fields that store a code: a revision shows the code's label, in the reader's language
CHOICE_LABELS: dict[str, dict[str, Any]] = {
    "status": dict(Goal.Status.choices) | dict(Action.Status.choices),
    "visibility": dict(Goal.Visibility.choices),
    "cadence": dict(Action.Cadence.choices),
    "level": dict(Goal.Level.choices),
}


def shown(value: Any, field: str = "") -> str:
    """A revision's value in a sentence: a code as its label, dates as ISO dates, texts in quotes."""
    if value in (None, "", []):
        return gettext("(empty)")
    label = CHOICE_LABELS.get(field, {}).get(value) if isinstance(value, str) else None
    if label is not None:
        return str(label)
    if isinstance(value, str) and not ISO_DATE.match(value):
        return f"\u201c{value}\u201d"
    return str(value)


# the fields a revision names, as a person reads them in the history (lower case, mid-sentence)
FIELD_LABELS = {
    "title": _("title"),
    "why": _("why"),
    "success_measure": _("success measure"),
    "due_date": _("due date"),
    "due_text": _("due text"),
    "weight": _("weight"),
    "status": _("status"),
    "status_reason": _("status reason"),
    "visibility": _("visibility"),
    "parent": _("parent"),
    "what": _("what"),
    "owner": _("owner"),
    "accountability_partner": _("accountability partner"),
    "cadence": _("cadence"),
    "support": _("support"),
    "obstacles": _("obstacles"),
    "commitment": _("commitment"),
    "drop_reason": _("drop reason"),
    "percent": _("percent"),
}


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name.replace("_", " ").replace("gas ", "GAS ")


def local_today(member: Membership) -> date:
    """Today in the person's own time zone."""
    try:
        zone = ZoneInfo(member.user.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return timezone.now().astimezone(zone).date()


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Membership):
        return value.user.display_name
    if isinstance(value, models.Model):
        return str(value)
    return value


def diff(obj: models.Model, changes: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose value really changes, as {field: {"from": old, "to": new}}."""
    found = {}
    for field, new in changes.items():
        old = getattr(obj, field)
        if old != new:
            found[field] = {"from": jsonable(old), "to": jsonable(new)}
    return found


def check_fields(changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(UNKNOWN_FIELDS.format(fields=", ".join(unknown)))


def check_version(obj: Goal | Action, version: int | None, what: str) -> None:
    """Refuse a save based on an older version, naming every change made since."""
    if version is None or version == obj.version:
        return
    since = Revision.objects.filter(version__gt=version).select_related("actor__user")
    since = (
        since.filter(action=obj) if isinstance(obj, Action) else since.filter(goal=obj, action=None)
    )
    changes = [
        {
            "who": r.actor.user.display_name if r.actor else gettext("someone"),
            "at": r.at.isoformat(),
            "kind": r.kind,
            "fields": r.changes,
        }
        for r in since.order_by("at", "id")
    ]
    raise EditConflict(what=what, current_version=obj.version, changes=changes)


@dataclass(frozen=True)
class RevisionContext:
    actor: Membership | None
    why: str = ""  # as typed
    review: Review | None = None
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)  # Revision.params


def revision_add(
    *,
    context: RevisionContext,
    goal: Goal,
    kind: str,
    changes: Mapping[str, Any] | None = None,
    action: Action | None = None,
) -> Revision:
    revision = Revision(
        org_id=goal.org_id,
        goal=goal,
        action=action,
        review=context.review,
        actor=context.actor,
        kind=kind,
        why=context.why,
        params=dict(context.params),
        changes=dict(changes or {}),
        version=(action or goal).version,
        at=timezone.now(),
    )
    revision.save()
    return revision


P = ParamSpec("P")
R = TypeVar("R")


def durable(build: Callable[P, R]) -> Callable[P, R]:
    """The outermost-service form of a write: the same function in its own durable transaction."""

    @wraps(build)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(durable=True):
            return build(*args, **kwargs)

    return run


def initial_values(obj: models.Model, fields: Iterable[str]) -> dict[str, dict[str, Any]]:
    """A new object's filled-in fields, as a revision's changes from nothing."""
    values = {f: jsonable(getattr(obj, f)) for f in fields}
    return {f: {"from": None, "to": v} for f, v in values.items() if v not in (None, "")}
