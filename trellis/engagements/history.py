"""An engagement's history as its reader reads it, in their language.

A change is stored as its action, the people it names (membership UUIDs in `params`), a reason
Trellis gave as a code (`params["because"]`) and a reason a person typed (`reason`, kept as typed).
The words around them are put together here when the history is shown, through gettext, so a
German coachee reads "Vorgeschlagen (Leitender Coach: Alice; Coachee: Klaus)". A row written
before (its `detail` in words, in the language of whoever made the change) that the 0009
migration could not read is shown as stored. A leave's reason the reader may not read is replaced
(`leaving.reason_readable`): the history never says more than before, only in another language.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_noop

from trellis.accounts.models import Membership
from trellis.engagements import leaving
from trellis.engagements.models import Engagement, EngagementParticipant, EngagementTransition

Action = EngagementTransition.Action
Role = EngagementParticipant.Role

# reasons Trellis writes itself, by code (the code is stored; the words are the reader's)
BECAUSE = {
    "pool": gettext_noop("Chose this coach from the program's pool."),
    "carried_over": gettext_noop("Carried over from the 1:1 engagement it was before lifecycles."),
}
# reasons Trellis stores in English words where a person's reason goes, recognised when shown: who
# left an engagement (leaving.py) and why a member was deactivated (scim/services.py DEPROVISIONED,
# privacy/offboarding.py IMPORT_REASON; a test keeps these equal to theirs)
OWN_REASONS = {
    leaving.COACHEE_LEFT,
    leaving.COACH_LEFT,
    leaving.LAST_ONE_LEFT,
    gettext_noop("Deprovisioned by the identity provider (SCIM)"),
}
IMPORTED = re.compile(r"Deactivated by the people import \((?P<source>.*)\)")
IMPORTED_REASON = gettext_noop("Deactivated by the people import (%(source)s)")


@dataclass(frozen=True)
class Line:
    """One change as the reader reads it."""

    transition: EngagementTransition
    what: str  # the action's label: "Proposed"
    detail: str  # the people it names: "Lead coach: Alice Coach; Coachee: Bob Coachee"
    reason: str
    from_status: str  # the status's label, "" for none
    to_status: str

    @property
    def text(self) -> str:
        return f"{self.what} ({self.detail})" if self.detail else self.what


def lines_for(transitions: Iterable[EngagementTransition], member: Membership | None) -> list[Line]:
    """The history as `member` may read it, in the active language. One query names everyone."""
    rows = list(transitions)
    names = _names(rows)
    readable: dict[int, bool] = {}
    lines = []
    for t in rows:
        reason = _reason(t)
        if t.action == Action.LEAVE and member is not None and t.by_id != member.pk:
            if t.engagement_id not in readable:
                readable[t.engagement_id] = leaving.reason_readable(t, member)
            if not readable[t.engagement_id]:
                reason = gettext(leaving.PRIVATE_REASON)
        lines.append(
            Line(
                transition=t,
                what=t.get_action_display(),
                detail=_detail(t, names),
                reason=reason,
                from_status=_status(t.from_status),
                to_status=_status(t.to_status),
            )
        )
    return lines


def reason_shown(reason: str) -> str:
    """A reason as the reader reads it: a person's as typed, Trellis's own in the reader's language."""
    if reason in OWN_REASONS:
        return gettext(reason)
    imported = IMPORTED.fullmatch(reason)
    if imported:
        return gettext(IMPORTED_REASON) % {"source": imported["source"]}
    return reason


def end_reason_shown(engagement: Engagement) -> str:
    return reason_shown(engagement.end_reason)


def _uuids(params: dict[str, Any]) -> list[str]:
    found = [uuid for _role, uuid in params.get("places", [])]
    for key in ("from", "to", "order"):
        found += params.get(key, [])
    return found


def _names(rows: Sequence[EngagementTransition]) -> dict[str, str]:
    wanted = {uuid for t in rows for uuid in _uuids(t.params)}
    if not wanted:
        return {}
    people = Membership.objects.filter(uuid__in=wanted).select_related("user")
    return {str(m.uuid): m.user.display_name for m in people}


def _name(uuid: str, names: dict[str, str]) -> str:
    return names.get(uuid) or gettext("a former member")


def _role(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def _detail(t: EngagementTransition, names: dict[str, str]) -> str:
    params = t.params
    if "places" in params:
        return "; ".join(f"{_role(role)}: {_name(uuid, names)}" for role, uuid in params["places"])
    if "from" in params:
        nobody = gettext("no sponsor") if t.action == Action.CHANGE_SPONSOR else "—"
        old = ", ".join(_name(u, names) for u in params["from"]) or nobody
        new = ", ".join(_name(u, names) for u in params["to"]) or nobody
        return f"{old} → {new}"
    if "order" in params:
        return " → ".join(_name(u, names) for u in params["order"])
    return t.detail  # written before params, in words: shown as stored


def _reason(t: EngagementTransition) -> str:
    code = t.params.get("because")
    return gettext(BECAUSE[code]) if code in BECAUSE else reason_shown(t.reason)


def _status(value: str) -> str:
    if not value:
        return ""
    return str(Engagement.Status(value).label) if value in Engagement.Status.values else value
