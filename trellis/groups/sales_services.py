"""Writes for sales coaching: a seller's deal in their sales-coaching engagement, its changes
(the seller or their coach), and sharing it with one named sales manager (the seller only). Every
change of stage, value or close date is recorded (DealChange) with who and when, in the same
transaction as the change."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.groups.models import Deal, DealChange

SHARE_SELF = _("Share a deal with a sales manager, not with yourself or your coach.")

FIELDS = ("name", "stage", "value", "close_on", "next_step")
TRACKED = ("stage", "value", "close_on")  # the deal's history records these


def _stored(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _record(actor: Membership, deal: Deal, before: dict[str, str]) -> None:
    """A DealChange for each tracked field whose stored value differs from `before`."""
    changes = []
    for name in TRACKED:
        after = _stored(getattr(deal, name))
        if after != before.get(name, ""):
            changes.append(
                DealChange(
                    org_id=deal.org_id,
                    deal=deal,
                    by=actor,
                    at=deal.updated_at,
                    field=name,
                    before=before.get(name, ""),
                    after=after,
                )
            )
    DealChange.objects.bulk_create(changes)


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
    deal.updated_at = deal.created_at
    deal.full_clean()
    with transaction.atomic(durable=True):
        deal.save()
        _record(actor, deal, {})  # the opening values, with who opened it
    return deal


def deal_update(*, actor: Membership, deal: Deal, **fields: object) -> Deal:
    """The seller or their coach changes the deal; each tracked field that changed gets a line in
    its history, compared with the values as stored (locked), not as the caller last read them."""
    policy.require(actor, "deal.edit", deal)
    for key, value in fields.items():
        if key in FIELDS:
            setattr(deal, key, value)
    deal.updated_at = timezone.now()
    deal.full_clean()
    with transaction.atomic(durable=True):
        stored = Deal.objects.select_for_update().filter(pk=deal.pk).values(*TRACKED).get()
        deal.save()
        _record(actor, deal, {k: _stored(v) for k, v in stored.items()})
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
