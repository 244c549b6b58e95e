"""Writes for actions and check-ins."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.goals.models import Action, CheckIn, Goal, Revision
from trellis.goals.services.common import (
    NOT_IN_ORG,
    REASON_REQUIRED,
    RevisionContext,
    check_fields,
    check_version,
    diff,
    durable,
    initial_values,
    revision_add,
)
from trellis.insights.services import writing_record

ACTION_OWNER = _("An action is owned by the coachee or by their coach.")
PARTNER_IS_OWNER = _("The accountability partner must be someone other than the action's owner.")
GOAL_CLOSED = _("This goal is {status}: reopen it before adding actions.")
CHECK_IN_EMPTY = _("Give a percentage, mark the action done, or write a note.")
CHECK_IN_CLOSED = _("This action was dropped; it takes no more check-ins.")
PERCENT_RANGE = _("Progress is a percentage from 0 to 100.")
EDITABLE = (
    "what",
    "owner",
    "due_date",
    "accountability_partner",
    "cadence",
    "support",
    "obstacles",
    "commitment",
    "weight",
    "status",
    "drop_reason",
)
CREATED_FIELDS = (
    "what",
    "owner",
    "due_date",
    "accountability_partner",
    "cadence",
    "commitment",
    "weight",
)


def _check_people(action: Action) -> None:
    goal = action.goal
    allowed = {goal.owner_id}
    if goal.engagement is not None:
        allowed.add(goal.engagement.coach_id)
    if action.owner_id not in allowed:
        raise ValidationError({"owner": ACTION_OWNER})
    partner = action.accountability_partner
    if partner is not None:
        if partner.org_id != goal.org_id or not partner.is_active:
            raise ValidationError({"accountability_partner": NOT_IN_ORG.format(name=partner.user)})
        if partner.pk == action.owner_id:
            raise ValidationError({"accountability_partner": PARTNER_IS_OWNER})


def action_build(
    *,
    actor: Membership,
    goal: Goal,
    what: str,
    owner: Membership | None = None,
    due_date: date | None = None,
    accountability_partner: Membership | None = None,
    cadence: str = Action.Cadence.WEEKLY,
    support: str = "",
    obstacles: str = "",
    commitment: int | None = None,
    weight: int = 1,
    reason: str = "",
    because: Mapping[str, str] | None = None,
) -> Action:
    """Add an action to a goal inside the caller's transaction (`because`: a reason of
    Trellis's, Revision.params' because and its values)."""
    if goal.status != Goal.Status.ACTIVE:
        raise ValidationError(
            {"goal": GOAL_CLOSED.format(status=goal.get_status_display().lower())}
        )
    action = Action(
        goal=goal,
        what=what.strip(),
        owner=owner or goal.owner or actor,
        due_date=due_date,
        due_history=[due_date.isoformat()] if due_date else [],
        accountability_partner=accountability_partner,
        cadence=cadence,
        support=support.strip(),
        obstacles=obstacles.strip(),
        commitment=commitment,
        weight=weight,
        created_by=actor,
    )
    _check_people(action)
    action.full_clean()
    action.save()
    revision_add(
        context=RevisionContext(actor, reason, params=dict(because or {})),
        goal=goal,
        action=action,
        kind=Revision.Kind.CREATED,
        changes=initial_values(action, CREATED_FIELDS),
    )
    return action


action_create = durable(action_build)  # the same, in its own durable transaction


def action_apply(
    *,
    action: Action,
    changes: Mapping[str, Any],
    context: RevisionContext,
    version: int | None,
) -> Action:
    """Apply changes inside the caller's transaction: locks, checks the version, writes revisions."""
    check_fields(changes, EDITABLE)
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("goal__engagement", "owner__user")
        .get(pk=action.pk)
    )
    check_version(action, version, _("The action {what!r}").format(what=action.what))
    changes = dict(changes)
    if isinstance(changes.get("what"), str):
        changes["what"] = changes["what"].strip()
    if changes.get("status") == Action.Status.DROPPED and action.status != Action.Status.DROPPED:
        reason = changes.get("drop_reason") or context.why
        if not reason:
            raise ValidationError({"drop_reason": REASON_REQUIRED.format(what=_("action"))})
        changes["drop_reason"] = reason
    if changes.get("status") == Action.Status.DONE:
        changes["percent"] = 100
    changed = diff(action, changes)
    if not changed:
        return action
    for field in changed:
        setattr(action, field, changes[field])
    if "due_date" in changed and action.due_date is not None:
        action.due_history = [*action.due_history, action.due_date.isoformat()]
    _check_people(action)
    action.full_clean()
    action.version += 1
    action.updated_at = timezone.now()
    action.save()
    revision_add(
        context=context,
        goal=action.goal,
        action=action,
        kind=Revision.Kind.CHANGED,
        changes=changed,
    )
    return action


def action_update(
    *,
    actor: Membership,
    action: Action,
    changes: Mapping[str, Any],
    version: int | None,
    why: str = "",
) -> Action:
    """Change an action. `version` is the one the editor saw; a newer one raises EditConflict.

    A later due date is kept in the action's due-date history, which is how "slipped" is seen.
    """
    with transaction.atomic(durable=True):
        return action_apply(
            action=action,
            changes=changes,
            context=RevisionContext(actor, why.strip()),
            version=version,
        )


def check_in_record(
    *,
    actor: Membership,
    action: Action,
    percent: int | None = None,
    done: bool = False,
    note: str = "",
    blockers: str = "",
) -> CheckIn:
    """The owner reports progress: a percentage or done, a note, blockers."""
    if percent is None and not done and not note.strip() and not blockers.strip():
        raise ValidationError({"percent": CHECK_IN_EMPTY})
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"percent": PERCENT_RANGE})
    with transaction.atomic(durable=True):
        action = (
            Action.objects.select_for_update(of=("self",)).select_related("goal").get(pk=action.pk)
        )
        if action.status == Action.Status.DROPPED:
            raise ValidationError({"action": CHECK_IN_CLOSED})
        check_in = CheckIn(
            action=action,
            by=actor,
            percent=100 if done else percent,
            done=done or percent == 100,
            note=note.strip(),
            blockers=blockers.strip(),
        )
        check_in.full_clean()
        check_in.save()
        # the stance of the coachee's words joins their language trend, if they opted in
        writing_record(
            member=actor, text=f"{check_in.note}\n{check_in.blockers}", source="check_in"
        )
        changes: dict[str, Any] = {}
        if check_in.percent is not None:
            changes["percent"] = check_in.percent
        if check_in.done:
            changes["status"] = Action.Status.DONE
        elif action.status == Action.Status.PLANNED and (check_in.percent or 0) > 0:
            changes["status"] = Action.Status.IN_PROGRESS
        changed = diff(action, changes)
        for field in changed:
            setattr(action, field, changes[field])
        action.version += 1
        action.updated_at = timezone.now()
        action.save()
        said = {"blockers": check_in.blockers} if check_in.blockers else {}
        revision_add(
            context=RevisionContext(actor, check_in.note, params=said),
            goal=action.goal,
            action=action,
            kind=Revision.Kind.CHECK_IN,
            changes=changed,
        )
    return check_in
