"""The instructional API's router, lookups within the caller's organization (404 for another's,
then the policy check), and a cycle and a visit as answers."""

from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Router

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.instructional import selectors
from trellis.instructional.models import Cycle, StudentCheck, Visit
from trellis.instructional.services.cycles import CYCLE_FIELDS

router = Router(tags=["instructional"])

UNKNOWN_ENGAGEMENT = _("No instructional engagement of yours has the id {id}.")


def _cycle(member: Membership, uuid: UUID, action: str) -> Cycle:
    cycle = selectors.cycle_get(member=member, uuid=str(uuid))
    if cycle is None:
        raise Http404
    policy.require(member, action, cycle)
    return cycle


def _visit(member: Membership, uuid: UUID, action: str) -> Visit:
    visit = selectors.visit_get(member=member, uuid=str(uuid))
    if visit is None:
        raise Http404
    policy.require(member, action, visit)
    return visit


def cycle_out(cycle: Cycle) -> dict[str, object]:
    return {
        "uuid": cycle.uuid,
        "engagement": cycle.engagement.uuid,
        "teacher": cycle.engagement.coachee.user.display_name,
        "coach": cycle.engagement.coach.user.display_name,
        "stage": cycle.stage,
        "started_on": cycle.started_on,
        "goal_met_on": cycle.goal_met_on,
    }


def check_out(check: StudentCheck) -> dict[str, object]:
    return {
        "uuid": check.uuid,
        "taken_on": check.taken_on,
        "students": check.students,
        "reached": check.reached,
        "percent": round(check.percent, 1),
        "is_baseline": check.is_baseline,
    }


def visit_out(visit: Visit) -> dict[str, object]:
    return {
        "uuid": visit.uuid,
        "kind": visit.kind,
        "stage": visit.stage,
        "on": visit.on,
        "minutes": visit.minutes,
        "rubric": visit.rubric_key or None,
    }


def _detail(member: Membership, cycle: Cycle) -> dict[str, object]:
    content = None
    if policy.allows(member, "cycle.content.read", cycle):
        content = {name: getattr(cycle, name) for name in CYCLE_FIELDS}
        content["checks"] = [check_out(c) for c in cycle.checks.all()]
    return {
        **cycle_out(cycle),
        "visits": [visit_out(v) for v in cycle.visits.all()],
        "content": content,
    }
