"""What the goals pages share: the member, the objects they name (404 when not theirs), form errors."""

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.goals import selectors
from trellis.goals.models import Action, Goal

COACHEE_ONLY = _("Only a coachee has a plan of their own; open a coachee's plan from Plans.")


def _member(request: HttpRequest) -> Membership:
    return request.member  # type: ignore[attr-defined]


def _add_errors(form: Form, exc: ValidationError, field_for: Any = None) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        name = field_for(field) if field_for else field
        form.add_error(name if name in form.fields else None, errors)


def _with_version(request: HttpRequest, version: int) -> QueryDict:
    """The editor's own input, based on the version now saved: saving again is a choice."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data


def _engagement(member: Membership, engagement_uuid: str, action: str) -> Engagement:
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, action, engagement)
    return engagement


def _goal(member: Membership, goal_uuid: str, action: str) -> Goal:
    goal = selectors.goal_get(member=member, uuid=goal_uuid)
    if goal is None:
        raise Http404
    if action == "goal.edit" and goal.is_aligned_level:
        action = "goal.align.manage"
    policy.require(member, action, goal)
    return goal


def _action(member: Membership, action_uuid: str, action: str) -> Action:
    found = selectors.action_get(member=member, uuid=action_uuid)
    if found is None:
        raise Http404
    policy.require(member, action, found)
    return found
