"""Writes for goals: create, update (with optimistic locking and wording versions), feedback."""

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Team
from trellis.core.goals import parse_due
from trellis.engagements.models import Engagement
from trellis.goals.models import GAS_FIELDS, WORDING_FIELDS, Goal, GoalVersion, Revision
from trellis.goals.models import StakeholderFeedback as Feedback
from trellis.goals.services.common import (
    DUE_UNREADABLE,
    ENGAGEMENT_OF_OTHER,
    NOT_A_COACHEE,
    NOT_IN_ORG,
    ONLY_COACHEE_SHARES,
    PARENT_LEVEL,
    REASON_REQUIRED,
    TEAM_REQUIRED,
    RevisionContext,
    check_fields,
    check_version,
    diff,
    durable,
    initial_values,
    local_today,
    revision_add,
)

FEEDBACK_EMPTY = _("Write the feedback the stakeholder gave.")
EDITABLE = (
    *WORDING_FIELDS,
    "due_text",
    "due_date",
    "weight",
    "visibility",
    "status",
    "status_reason",
    "parent",
    *GAS_FIELDS,
)
CREATED_FIELDS = ("title", "why", "success_measure", "due_date", "weight", "visibility", "parent")
_RANK = {Goal.Level.PERSON: 0, Goal.Level.TEAM: 1, Goal.Level.ORGANIZATION: 2}


def _read_due(due_text: str, due_date: date | None, today: date) -> date | None:
    if due_date is not None or not due_text.strip():
        return due_date
    parsed = parse_due(due_text, today=today)
    if parsed is None:
        raise ValidationError({"due_text": DUE_UNREADABLE.format(text=due_text.strip())})
    return parsed


def _check_parent(goal: Goal) -> None:
    parent = goal.parent
    if parent is None:
        return
    if (
        parent.org_id != goal.org_id
        or _RANK[Goal.Level(parent.level)] <= _RANK[Goal.Level(goal.level)]
    ):
        raise ValidationError({"parent": PARENT_LEVEL})


def _check_people(goal: Goal) -> None:
    owner, engagement = goal.owner, goal.engagement
    if goal.level == Goal.Level.PERSON:
        assert owner is not None
        if owner.org_id != goal.org_id:
            raise ValidationError({"owner": NOT_IN_ORG.format(name=owner.user)})
        # In an engagement the engagement vouches for the coachee (roles may change later, and a
        # finished session must still reach the plan); on their own, only coachees keep a plan.
        if engagement is None and not owner.is_coachee:
            raise ValidationError({"owner": NOT_A_COACHEE.format(name=owner.user)})
        if engagement is not None and engagement.coachee_id != owner.pk:
            raise ValidationError({"engagement": ENGAGEMENT_OF_OTHER.format(name=owner.user)})
    if goal.level == Goal.Level.TEAM and goal.team is None:
        raise ValidationError({"team": TEAM_REQUIRED})


def _today_for(goal: Goal, actor: Membership) -> date:
    return local_today(goal.owner or actor)


def goal_build(
    *,
    actor: Membership,
    owner: Membership | None,
    title: str,
    level: str = Goal.Level.PERSON,
    engagement: Engagement | None = None,
    team: Team | None = None,
    parent: Goal | None = None,
    why: str = "",
    success_measure: str = "",
    due_text: str = "",
    due_date: date | None = None,
    weight: int = 1,
    visibility: str = Goal.Visibility.PRIVATE,
    gas_levels: Mapping[int, str] | None = None,
    source_session_uuid: UUID | None = None,
    reason: str = "",
    because: str = "",
    because_params: Mapping[str, str] | None = None,
) -> Goal:
    """Create a goal inside the caller's transaction (services that create several use this)."""
    goal = Goal(
        org=actor.org,
        level=level,
        owner=owner if level == Goal.Level.PERSON else None,
        engagement=engagement if level == Goal.Level.PERSON else None,
        team=team if level == Goal.Level.TEAM else None,
        parent=parent,
        title=title.strip(),
        why=why.strip(),
        success_measure=success_measure.strip(),
        due_text=due_text.strip(),
        weight=weight,
        visibility=visibility,
        source_session_uuid=source_session_uuid,
        created_by=actor,
    )
    for level_value, text in (gas_levels or {}).items():
        setattr(goal, GAS_FIELDS[level_value + 2], text.strip())
    if visibility == Goal.Visibility.SHARED and owner is not None and owner.pk != actor.pk:
        raise ValidationError({"visibility": ONLY_COACHEE_SHARES})
    goal.shared_with_id = _sponsor_to_share_with(goal)
    _check_people(goal)
    _check_parent(goal)
    goal.due_date = _read_due(goal.due_text, due_date, _today_for(goal, actor))
    goal.full_clean()
    goal.save()
    revision_add(
        # `reason` as the person typed it; `because` a reason of Trellis's (models.BECAUSE)
        # (with its values, e.g. the session's framework)
        context=RevisionContext(
            actor, reason, params={"because": because, **(because_params or {})} if because else {}
        ),
        goal=goal,
        kind=Revision.Kind.CREATED,
        changes=initial_values(goal, CREATED_FIELDS),
    )
    return goal


def _sponsor_to_share_with(goal: Goal) -> int | None:
    """Sharing names the engagement's sponsor of today; unsharing names nobody."""
    if goal.visibility != Goal.Visibility.SHARED or goal.engagement is None:
        return None
    return goal.engagement.sponsor_id


goal_create = durable(goal_build)  # the same, in its own durable transaction


def goal_apply(
    *,
    goal: Goal,
    changes: Mapping[str, Any],
    context: RevisionContext,
    version: int | None,
) -> Goal:
    """Apply changes inside the caller's transaction: locks, checks the version, writes revisions."""
    check_fields(changes, EDITABLE)
    goal = (
        Goal.objects.select_for_update(of=("self",))
        .select_related("owner__user", "engagement")
        .get(pk=goal.pk)
    )
    check_version(goal, version, _("The goal {title!r}").format(title=goal.title))
    actor = context.actor
    changes = dict(changes)
    if isinstance(changes.get("title"), str):
        changes["title"] = changes["title"].strip()
    if "due_text" in changes and "due_date" not in changes:
        assert actor is not None
        changes["due_date"] = _read_due(changes["due_text"], None, _today_for(goal, actor))
    sharing = "visibility" in changes and changes["visibility"] != goal.visibility
    if sharing and (actor is None or goal.owner_id != actor.pk):
        raise ValidationError({"visibility": ONLY_COACHEE_SHARES})
    if changes.get("status") == Goal.Status.DROPPED and not (
        changes.get("status_reason") or context.why
    ):
        raise ValidationError({"status_reason": REASON_REQUIRED.format(what=_("goal"))})
    if changes.get("status") == Goal.Status.DROPPED and not changes.get("status_reason"):
        changes["status_reason"] = context.why
    changed = diff(goal, changes)
    if not changed:
        return goal
    rewording = goal.wording_frozen and any(f in changed for f in WORDING_FIELDS)
    if rewording:
        GoalVersion.objects.create(
            goal=goal,
            number=goal.wording_version,
            title=goal.title,
            why=goal.why,
            success_measure=goal.success_measure,
            replaced_by=actor,
        )
    for field in changed:
        setattr(goal, field, changes[field])
    if "visibility" in changed:
        goal.shared_with_id = _sponsor_to_share_with(goal)
    if rewording:
        goal.wording_version += 1
        goal.wording_frozen = False
    _check_parent(goal)
    goal.full_clean()
    goal.version += 1
    goal.updated_at = timezone.now()
    goal.save()
    kind = Revision.Kind.NEW_VERSION if rewording else Revision.Kind.CHANGED
    revision_add(context=context, goal=goal, kind=kind, changes=changed)
    return goal


def goal_update(
    *,
    actor: Membership,
    goal: Goal,
    changes: Mapping[str, Any],
    version: int | None,
    why: str = "",
) -> Goal:
    """Change a goal. `version` is the one the editor saw; a newer one raises EditConflict.

    Once stakeholders gave feedback, a change of wording keeps the old wording as a version.
    """
    with transaction.atomic(durable=True):
        return goal_apply(
            goal=goal, changes=changes, context=RevisionContext(actor, why.strip()), version=version
        )


def goal_feedback_add(
    *, actor: Membership, goal: Goal, text: str, stakeholder: str = ""
) -> Feedback:
    """Record a stakeholder's feedback on the goal's wording; the wording is frozen from now on."""
    if not text.strip():
        raise ValidationError({"text": FEEDBACK_EMPTY})
    with transaction.atomic(durable=True):
        goal = Goal.objects.select_for_update(of=("self",)).get(pk=goal.pk)
        feedback = Feedback(
            goal=goal,
            wording_version=goal.wording_version,
            by=actor,
            stakeholder=stakeholder.strip() or actor.user.display_name,
            text=text.strip(),
        )
        feedback.full_clean()
        feedback.save()
        changes = {}
        if not goal.wording_frozen:
            goal.wording_frozen = True
            goal.version += 1
            goal.save(update_fields=["wording_frozen", "version"])
            changes = {"wording_frozen": {"from": False, "to": True}}
        revision_add(
            context=RevisionContext(actor, f"{feedback.stakeholder}: {feedback.text}"),
            goal=goal,
            kind=Revision.Kind.FEEDBACK,
            changes=changes,
        )
    return feedback
