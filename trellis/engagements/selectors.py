"""Reads for engagements, filtered to what the caller may see."""

from django.db.models import Q, QuerySet

from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement


def engagements_visible_to(*, member: Membership) -> QuerySet[Engagement]:
    qs = Engagement.objects.filter(org=member.org).select_related(
        "coach__user", "coachee__user", "sponsor__user"
    )
    if member.is_admin:
        return qs
    return qs.filter(Q(coach=member) | Q(coachee=member) | Q(sponsor=member))


def engagement_get(*, member: Membership, uuid: str) -> Engagement | None:
    """Any engagement of the caller's organization (the policy then decides); None for other tenants."""
    return (
        Engagement.objects.filter(org=member.org, uuid=uuid)
        .select_related("coach__user", "coachee__user", "sponsor__user")
        .first()
    )


def members_with_role(*, member: Membership, role: str) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(org=member.org, is_active=True, **{f"is_{role}": True})
        .select_related("user")
        .order_by("user__name")
    )
