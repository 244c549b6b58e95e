"""A member leaves an organization: their access there ends at once (pages, API tokens, calendar
feeds), their coachees' engagements go to another coach (or end, with a reason), engagements they
were coached in end, and their sponsor places are removed. Records their coachees need stay.

Each engagement is handed over in its own transaction (the lifecycle services are durable), before
the membership is switched off: a failure half-way leaves the person a member, and running it again
finishes the rest.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import ApiToken, AuditEvent, Membership
from trellis.accounts.services import audit_record
from trellis.engagements import lifecycle
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.scheduling.services.feeds import feed_token_revoke

OPEN = (Engagement.Status.PROPOSED, Engagement.Status.ACTIVE, Engagement.Status.PAUSED)
RUNNING = (Engagement.Status.ACTIVE, Engagement.Status.PAUSED)
SELF = "You cannot deactivate yourself here; ask another admin."
LAST_ADMIN = "{name} is the organization's only admin: make someone else an admin first."
HAND_TO = "Choose an active coach of this organization other than {name}, or end their engagements."
REASON = "Say why (it goes in each ended engagement's history)."


RELATIONS = {
    EngagementParticipant.Role.LEAD_COACH.value: "coaching",
    EngagementParticipant.Role.COACHEE.value: "coached",
    EngagementParticipant.Role.SPONSOR.value: "sponsoring",
}


@dataclass
class Departure:
    coaching: list[Engagement] = field(default_factory=list)  # they are the lead coach
    coached: list[Engagement] = field(default_factory=list)  # they are a coachee
    sponsoring: list[Engagement] = field(default_factory=list)


def departure_of(member: Membership) -> Departure:
    """What deactivating this member would touch."""
    found = Departure()
    places = (
        EngagementParticipant.objects.filter(
            member=member, left_at__isnull=True, engagement__status__in=OPEN
        )
        .select_related("engagement__coach__user", "engagement__coachee__user")
        .order_by("engagement__started_on")
    )
    seen: set[tuple[str, int]] = set()
    for place in places:
        relation = RELATIONS.get(str(place.role))
        if relation and (relation, place.engagement_id) not in seen:
            seen.add((relation, place.engagement_id))
            getattr(found, relation).append(place.engagement)
    return found


def member_deactivate(
    *, actor: Membership, member: Membership, hand_to: Membership | None, reason: str
) -> Departure:
    """Deactivate `member` in the actor's organization (see the module's docstring)."""
    errors: dict[str, str] = {}
    name = member.user.display_name
    if member.pk == actor.pk:
        errors["member"] = SELF
    elif (
        member.is_admin
        and not Membership.objects.filter(org=member.org, is_admin=True, is_active=True)
        .exclude(pk=member.pk)
        .exists()
    ):
        errors["member"] = LAST_ADMIN.format(name=name)
    if hand_to is not None and (
        hand_to.org_id != member.org_id
        or not hand_to.is_coach
        or not hand_to.is_active
        or hand_to.pk == member.pk
    ):
        errors["hand_to"] = HAND_TO.format(name=name)
    if not reason.strip():
        errors["reason"] = REASON
    if errors:
        raise ValidationError(errors)
    departure = departure_of(member)
    for engagement in departure.coaching:
        if hand_to is not None and hand_to.pk != engagement.coachee_id:
            lifecycle.engagement_change_coach(
                actor=actor, engagement=engagement, coach=hand_to, reason=reason
            )
        else:
            _end(actor, engagement, reason)
    for engagement in departure.coached:
        _end(actor, engagement, reason)
    for engagement in departure.sponsoring:
        if engagement.status not in RUNNING:
            continue
        lifecycle.engagement_change_sponsor(
            actor=actor, engagement=engagement, sponsor=None, reason=reason
        )
    feed_token_revoke(member=member)
    with transaction.atomic():
        Membership.objects.filter(pk=member.pk).update(is_active=False)
        revoked = ApiToken.objects.filter(user=member.user, org=member.org, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        audit_record(
            kind=AuditEvent.Kind.MEMBER_DEACTIVATED,
            actor=actor.user,
            org=member.org,
            member=str(member.uuid),
            reason=reason.strip(),
            handed_over=len(departure.coaching) if hand_to else 0,
            tokens_revoked=revoked,
        )
    member.is_active = False
    return departure


def _end(actor: Membership, engagement: Engagement, reason: str) -> None:
    # a proposed engagement grants nothing and waits for its coachee's answer: it is left to them
    if engagement.status in RUNNING:
        lifecycle.engagement_end(actor=actor, engagement=engagement, reason=reason)
