"""Writes for sales coaching: a seller's deal in their sales-coaching engagement, its changes
(the seller or their coach), and sharing it with one named sales manager (the seller only)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.groups.models import Deal

SHARE_SELF = "Share a deal with a sales manager, not with yourself or your coach."

FIELDS = ("name", "stage", "value", "close_on", "next_step")


def deal_create(*, actor: Membership, engagement: Engagement, **fields: object) -> Deal:
    """The seller (the engagement's coachee) adds a deal; their coach works on it with them."""
    policy.require(actor, "deal.create", engagement)
    deal = Deal(
        org_id=engagement.org_id,
        engagement=engagement,
        seller=actor,
        coach_id=engagement.coach_id,
        **{k: v for k, v in fields.items() if k in FIELDS},
    )
    deal.value = Decimal(str(deal.value or 0))
    deal.full_clean()
    with transaction.atomic(durable=True):
        deal.save()
    return deal


def deal_update(*, actor: Membership, deal: Deal, **fields: object) -> Deal:
    policy.require(actor, "deal.edit", deal)
    for key, value in fields.items():
        if key in FIELDS:
            setattr(deal, key, value)
    deal.updated_at = timezone.now()
    deal.full_clean()
    with transaction.atomic(durable=True):
        deal.save()
    return deal


def deal_share(*, actor: Membership, deal: Deal, manager: Membership | None) -> Deal:
    """The seller shares the deal with one sales manager (None: with nobody)."""
    policy.require(actor, "deal.share", deal)
    if manager is not None and manager.pk in (deal.seller_id, deal.coach_id):
        raise ValidationError({"shared_with": [SHARE_SELF]})
    deal.shared_with = manager
    deal.updated_at = timezone.now()
    with transaction.atomic(durable=True):
        deal.save(update_fields=["shared_with", "updated_at"])
    return deal
