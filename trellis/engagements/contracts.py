"""Writes for the engagement's contract (agreement versions and their acceptance) and for the
closing review offered when it ends. (Services split by topic, beside lifecycle.py.)

The lead coach writes the agreement; every change is a new version. The coachee and each current
sponsor accept a version in the product; the last version everyone accepted stays in force (and
on record) until a newer one is accepted by all.
"""

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.engagements.models import (
    GRANTING_STATUSES,
    Agreement,
    AgreementAcceptance,
    ClosingReview,
    Engagement,
    EngagementParticipant,
)

Role = EngagementParticipant.Role

ONLY_LEAD_COACH = _("Only the lead coach writes the agreement.")
CLOSED = _("The agreement of a {status} engagement cannot change.")
UNKNOWN_ITEM = _("Unknown item {item!r}: the sponsor may see only {allowed}.")
REQUIRED = _("Fill this in: the agreement states it.")
NOT_A_PARTY = _("Only the coachee and the sponsor accept the agreement.")
NOT_LATEST = _("This is version {version}; version {latest} replaced it. Accept the latest.")
ALREADY = _("You already accepted version {version}.")
NOT_ENDED = _("A closing review comes when the engagement ends; this one is {status}.")
CLOSING_NOT_YOURS = _("Only a coach or the coachee of this engagement writes its closing review.")
EMPTY_REVIEW = gettext_noop("Say what changed or what comes next, or score a goal.")
UNKNOWN_GOAL = _("Goal {goal} is not one of this engagement's goals.")


def agreement_write(
    *,
    actor: Membership,
    engagement: Engagement,
    goals: str,
    length: str,
    cadence: str,
    confidentiality_limits: str,
    sponsor_sees: Sequence[str] = (),
) -> Agreement:
    """Write a new version of the agreement; it needs the coachee's and the sponsor's yes again."""
    lead = any(
        p.role == Role.LEAD_COACH and p.grants and p.member_id == actor.pk
        for p in engagement.participants.all()
    )
    if not lead:
        raise ValidationError({"engagement": ONLY_LEAD_COACH})
    if engagement.status not in (Engagement.Status.PROPOSED, *GRANTING_STATUSES):
        raise ValidationError(
            {"engagement": CLOSED.format(status=engagement.get_status_display().lower())}
        )
    errors: dict[str, str] = {}
    for field, value in (
        ("goals", goals),
        ("length", length),
        ("cadence", cadence),
        ("confidentiality_limits", confidentiality_limits),
    ):
        if not value.strip():
            errors[field] = str(REQUIRED)
    allowed = ", ".join(Agreement.SPONSOR_ITEMS)
    for item in sponsor_sees:
        if item not in Agreement.SPONSOR_ITEMS:
            errors["sponsor_sees"] = UNKNOWN_ITEM.format(item=item, allowed=allowed)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        Engagement.objects.select_for_update().get(pk=engagement.pk)
        latest = engagement.agreements.aggregate(n=Max("version"))["n"] or 0
        agreement = Agreement(
            engagement=engagement,
            version=latest + 1,
            goals=goals.strip(),
            length=length.strip(),
            cadence=cadence.strip(),
            sponsor_sees=[key for key in Agreement.SPONSOR_ITEMS if key in sponsor_sees],
            confidentiality_limits=confidentiality_limits.strip(),
            written_by=actor,
        )
        agreement.full_clean()
        agreement.save()
    return agreement


def agreement_parties(engagement: Engagement) -> list[EngagementParticipant]:
    """Who must accept the agreement: the current coachees and sponsors (not declined)."""
    return [
        p
        for p in engagement.participants.select_related("member__user")
        if p.left_at is None
        and p.acceptance != EngagementParticipant.Acceptance.DECLINED
        and p.role in (Role.COACHEE, Role.SPONSOR)
    ]


def agreement_accept(*, actor: Membership, agreement: Agreement) -> AgreementAcceptance:
    """The coachee or a sponsor accepts one version (the latest)."""
    engagement = agreement.engagement
    mine = [p for p in agreement_parties(engagement) if p.member_id == actor.pk]
    if not mine:
        raise ValidationError({"agreement": NOT_A_PARTY})
    latest = engagement.agreements.aggregate(n=Max("version"))["n"]
    if agreement.version != latest:
        raise ValidationError(
            {"agreement": NOT_LATEST.format(version=agreement.version, latest=latest)}
        )
    if agreement.acceptances.filter(member=actor).exists():
        raise ValidationError({"agreement": ALREADY.format(version=agreement.version)})
    with transaction.atomic(durable=True):
        acceptance = AgreementAcceptance.objects.create(
            agreement=agreement, member=actor, role=mine[0].role
        )
    return acceptance


# -- closing review ------------------------------------------------------------------------------


def closing_review_record(
    *,
    actor: Membership,
    engagement: Engagement,
    what_changed: str = "",
    what_next: str = "",
    scores: Mapping[Any, int | None] | None = None,
) -> ClosingReview:
    """Look back when the engagement ends: GAS scores for its goals (recorded as a goals Review),
    what changed, and what comes next."""
    if engagement.status != Engagement.Status.ENDED:
        raise ValidationError(
            {"engagement": NOT_ENDED.format(status=engagement.get_status_display().lower())}
        )
    related = engagement.participant_relations(actor)
    if not related & {"coach", "coachee"}:
        raise ValidationError({"engagement": CLOSING_NOT_YOURS})
    given: dict[Any, int] = {k: v for k, v in (scores or {}).items() if v is not None}
    if not (what_changed.strip() or what_next.strip() or given):
        raise ValidationError({"what_changed": gettext(EMPTY_REVIEW)})
    goal_review = None
    if given:
        goal_review = _record_scores(actor, engagement, given)
    with transaction.atomic(durable=True):
        review = ClosingReview(
            engagement=engagement,
            goal_review_uuid=goal_review.uuid if goal_review is not None else None,
            what_changed=what_changed.strip(),
            what_next=what_next.strip(),
            by=actor,
        )
        review.full_clean()
        review.save()
    return review


def _record_scores(actor: Membership, engagement: Engagement, scores: Mapping[Any, int]) -> Any:
    """The goals app records the scores with its own review service (GAS T-score and all)."""
    goals_services = importlib.import_module("trellis.goals.services")
    goals_models = importlib.import_module("trellis.goals.models")
    goal_model = goals_models.Goal
    goals = {str(g.uuid): g for g in goal_model.objects.filter(engagement=engagement)}
    decisions = []
    for key, score in scores.items():
        goal = goals.get(str(key))
        if goal is None:
            raise ValidationError({f"scores.{key}": UNKNOWN_GOAL.format(goal=key)})
        decisions.append(goals_services.GoalDecision(goal=goal, score=score))
    return goals_services.review_record(
        actor=actor,
        coachee=engagement.coachee,
        engagement=engagement,
        goals=decisions,
        note=goals_models.CLOSING_REVIEW,  # shown in the reader's language (Review.note_shown)
    )
