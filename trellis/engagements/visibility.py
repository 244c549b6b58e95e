"""What a sponsor sees of an engagement: the accepted agreement decides, within the table.

docs/confidentiality.md is the ceiling: a sponsor may see attendance, the career events that
happened (their type and date), the goal summaries and the session notes the coachee shared with
them by name, and the engagement's topic. The agreement in force (the latest version the coachee
and every current sponsor accepted; a changed version rules only once all of them accepted it
again) narrows that to the items it lists. Until a version is accepted, the sponsor sees the
table's minimum: what an org admin sees too (attendance, that a career event happened, the
topic), never a goal summary or a shared note, even one the coachee shared with them. On top of
either, the coachee's own per-person sharing still decides each goal and note.

The access policy (trellis/accounts/policy.py) asks `sponsor_sees` for one object; list
selectors ask `sponsored_seeing` for the engagements a sponsor may see an item of (a constant
number of queries, whatever the number of engagements).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.engagements.models import (
    Agreement,
    AgreementAcceptance,
    Engagement,
    EngagementParticipant,
)

Role = EngagementParticipant.Role

ITEMS = frozenset(Agreement.SPONSOR_ITEMS)
# before any version of the agreement is accepted: the facts an org admin sees as well
MINIMUM = frozenset({"attendance", "career_events"})
# the items the coachee's sharing with a named sponsor then decides piece by piece
CONTENT = frozenset({"goal_summaries", "shared_notes"})


def sponsor_sees(engagement: Engagement) -> frozenset[str]:
    """The items the engagement's sponsor may see now (kept on the instance for this request)."""
    cached: frozenset[str] | None = getattr(engagement, "_sponsor_sees", None)
    if cached is None:
        cached = sponsor_sees_by_engagement([engagement.pk]).get(engagement.pk, MINIMUM)
        engagement._sponsor_sees = cached  # type: ignore[attr-defined]
    return cached


def sponsor_sees_by_engagement(engagement_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """The items in force for each engagement, in three queries whatever their number (their SQL
    kept: built and compiled, they cost a sponsor's home 8,500 Python calls)."""
    ids = list(engagement_ids)
    if not ids:
        return {}
    parties: dict[int, set[int]] = {pk: set() for pk in ids}
    for engagement_id, member_id in kept_rows("visibility: parties", _parties, ids=ids):
        parties[engagement_id].add(member_id)
    accepted: dict[int, set[int]] = {}
    for agreement_id, member_id in kept_rows("visibility: acceptances", _acceptances, ids=ids):
        accepted.setdefault(agreement_id, set()).add(member_id)
    found: dict[int, frozenset[str]] = dict.fromkeys(ids, MINIMUM)
    decided: set[int] = set()
    for agreement_id, engagement_id, chosen in kept_rows(
        "visibility: agreements", _versions, ids=ids
    ):
        if engagement_id in decided:
            continue
        party = parties[engagement_id]
        if party and party <= accepted.get(agreement_id, set()):
            found[engagement_id] = frozenset(chosen or ()) & ITEMS
            decided.add(engagement_id)
    return found


def _parties(ids: list[int]) -> QuerySet[EngagementParticipant, Any]:
    """The current coachees and sponsors of the engagements (whose acceptance counts)."""
    return (
        EngagementParticipant.objects.filter(
            engagement_id__in=ids,
            left_at__isnull=True,
            role__in=(Role.COACHEE, Role.SPONSOR),
        )
        .exclude(acceptance=EngagementParticipant.Acceptance.DECLINED)
        .values_list("engagement_id", "member_id")
    )


def _acceptances(ids: list[int]) -> QuerySet[AgreementAcceptance, Any]:
    return AgreementAcceptance.objects.filter(agreement__engagement_id__in=ids).values_list(
        "agreement_id", "member_id"
    )


def _versions(ids: list[int]) -> QuerySet[Agreement, Any]:
    """Each engagement's agreement versions, the latest first."""
    return (
        Agreement.objects.filter(engagement_id__in=ids)
        .order_by("engagement_id", "-version")
        .values_list("id", "engagement_id", "sponsor_sees")
    )


def sponsored_seeing(member: Membership, item: str) -> list[int]:
    """The ids of the engagements `member` sponsors whose sponsor may see `item` now."""
    # a membership is one organization's: naming the sponsor keeps to it (an organization
    # condition beside it made SQLite read every engagement of the organization)
    ids = kept_rows("visibility: sponsored", _sponsored, member_id=member.pk)
    return [pk for pk, items in sponsor_sees_by_engagement(ids).items() if item in items]


def _sponsored(member_id: int) -> QuerySet[Engagement, Any]:
    return Engagement.objects.filter(sponsor_id=member_id).values_list("pk", flat=True)
