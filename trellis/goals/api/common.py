"""The goals API's router, conversions to answers, and lookups within the caller's organization."""

from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api import problems
from trellis.core.goals import LEVELS
from trellis.goals import selectors, services
from trellis.goals.models import Action, CheckIn, Goal, Review, Revision

router = Router(tags=["goals"])

NO_SUCH = _("No {what} of this organization has that id.")
COACHEE_ONLY = _("Only a coachee has a plan of their own.")
GAS_KEYS = _("GAS levels are keyed -2, -1, 0, 1 and 2; got {key!r}.")

# conversions


def person_out(m: Membership | None) -> dict[str, Any] | None:
    return None if m is None else {"id": m.uuid, "name": m.user.display_name}


def goal_out(goal: Goal) -> dict[str, Any]:
    return {
        **{f: getattr(goal, f) for f in ("level", "title", "why", "success_measure", "due_text")},
        **{
            f: getattr(goal, f)
            for f in ("due_date", "weight", "visibility", "status", "status_reason")
        },
        "id": goal.uuid,
        "owner": person_out(goal.owner),
        "engagement_id": goal.engagement.uuid if goal.engagement else None,
        "parent_id": goal.parent.uuid if goal.parent else None,
        "team": goal.team.name if goal.team else None,
        "gas_levels": {str(k): v for k, v in goal.gas_levels.as_mapping().items() if v},
        "progress": selectors.goal_progress_of(goal=goal),
        "version": goal.version,
        "wording_version": goal.wording_version,
        "wording_frozen": goal.wording_frozen,
        "created_at": goal.created_at,
        "updated_at": goal.updated_at,
    }


def action_out(action: Action, today: date) -> dict[str, Any]:
    line = selectors.action_line(action, today)
    return {
        **{
            f: getattr(action, f) for f in ("what", "due_date", "due_history", "cadence", "support")
        },
        **{f: getattr(action, f) for f in ("obstacles", "commitment", "weight", "status")},
        "drop_reason": action.drop_reason,
        "percent": action.percent,
        "version": action.version,
        "id": action.uuid,
        "goal_id": action.goal.uuid,
        "owner": person_out(action.owner),
        "accountability_partner": person_out(action.accountability_partner),
        "due_state": line.state.value,
        "slipped_days": line.slipped_days,
    }


def check_in_out(c: CheckIn) -> dict[str, Any]:
    return {
        "id": c.uuid,
        "action_id": c.action.uuid,
        "by": person_out(c.by),
        **{f: getattr(c, f) for f in ("percent", "done", "note", "blockers", "created_at")},
    }


def revision_out(r: Revision) -> dict[str, Any]:
    return {
        "id": r.uuid,
        "at": r.at,
        "actor": person_out(r.actor),
        "kind": r.kind,
        "goal_id": r.goal.uuid,
        "action_id": r.action.uuid if r.action else None,
        "review_id": r.review.uuid if r.review else None,
        "why": r.why_shown,
        "changes": r.changes,
        "version": r.version,
    }


def review_out(review: Review) -> dict[str, Any]:
    return {
        "id": review.uuid,
        "reviewed_on": review.reviewed_on,
        "coachee": person_out(review.coachee),
        "engagement_id": review.engagement.uuid if review.engagement else None,
        "by": person_out(review.by),
        "note": review.note_shown,  # Trellis's own words in the reader's language
        "t_score": review.t_score,
        "scores": [
            {
                "goal_id": s.goal.uuid,
                "title": s.goal.title,
                "score": s.score,
                "weight": s.weight,
                "decision": s.decision,
            }
            for s in review.score_rows()
        ],
    }


def conflict_answer(exc: services.EditConflict) -> Status[dict[str, Any]]:
    body = problems.problem_body(status=409, detail=exc.message)
    return Status(409, {**body, "current_version": exc.current_version, "changes": exc.changes})


# lookups within the caller's organization


def find_in_org(member: Membership, field: str, what: str, value: UUID | None, model: Any) -> Any:
    if value is None:
        return None
    filters = {"goal__org": member.org} if model is Action else {"org": member.org}
    found = model.objects.filter(uuid=value, **filters).first()
    if found is None:
        raise ValidationError({field: NO_SUCH.format(what=what)})
    return found


def gas_levels_of(levels: dict[str, str], field: str = "gas_levels") -> dict[int, str]:
    parsed = {}
    for key, text in levels.items():
        try:
            level = int(key)
        except ValueError:
            level = 99
        if level not in LEVELS:
            raise ValidationError({field: GAS_KEYS.format(key=key)})
        parsed[level] = text
    return parsed


def goal_for(request: HttpRequest, goal_id: UUID, action: str) -> tuple[Membership, Goal]:
    member = member_of(request)
    goal = selectors.goal_get(member=member, uuid=goal_id)
    if goal is None:
        raise Http404
    if action == "goal.edit" and goal.is_aligned_level:
        action = "goal.align.manage"
    policy.require(member, action, goal)
    return member, goal


def action_for(request: HttpRequest, action_id: UUID, rule: str) -> tuple[Membership, Action]:
    member = member_of(request)
    action = selectors.action_get(member=member, uuid=action_id)
    if action is None:
        raise Http404
    policy.require(member, rule, action)
    return member, action
