"""Who takes part in a calendar session: its coach, its coachee, and, in a team, group or peer
engagement, every accepted member (the engagement meets as one occurrence for everyone). One
definition for the calendars, the agenda, the feeds and the coach's schedule."""

from typing import Any

from django.db.models import Q, QuerySet

from trellis.accounts.models import Membership
from trellis.engagements.models import GRANTING_STATUSES, SEVERAL_COACHEES, EngagementParticipant


def member_engagements(member: Membership) -> QuerySet[EngagementParticipant, Any]:
    """The team, group and peer engagements the member holds an accepted place in as a coachee
    (their sessions are one calendar occurrence for everyone): engagement ids, for a subquery."""
    return EngagementParticipant.objects.filter(
        member=member,
        role=EngagementParticipant.Role.COACHEE,
        acceptance=EngagementParticipant.Acceptance.ACCEPTED,
        left_at__isnull=True,
        engagement__kind__in=SEVERAL_COACHEES,
        engagement__status__in=GRANTING_STATUSES,
    ).values("engagement_id")


def taking_part(member: Membership, prefix: str = "") -> Q:
    """Sessions (or series, prefix "") the member is in: as coach, as the coachee, or as a
    member of a team, group or peer engagement."""
    engagement = "series__engagement_id__in" if prefix == "series__" else "engagement_id__in"
    return Q(coach=member) | Q(coachee=member) | Q(**{engagement: member_engagements(member)})
