"""A member leaves an engagement they accepted.

- In a team, group or peer engagement an accepted coachee (a member, a peer) leaves their own
  place: it is closed (`left_at`), they drop out of the peer rotation, the engagement goes on for
  the others (another accepted member becomes the primary coachee when it was them, and their
  future calendar sessions follow), and it ends only when nobody is left in it.
- The coachee of a one-to-one engagement leaving ends it, with their reason.

Either way a reason is asked for; the change is in the history (who, when, why) and every coach of
the engagement is told by email.
"""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.engagements import lifecycle, lifecycle_base
from trellis.engagements.models import Engagement, EngagementParticipant, EngagementTransition
from trellis.engagements.signals import people_changed

Role = EngagementParticipant.Role
Acceptance = EngagementParticipant.Acceptance
Status = Engagement.Status

NOT_A_MEMBER = "Only a member who accepted a place as coachee can leave this engagement."
CANNOT_LEAVE = "An engagement that is {status} cannot be left."
LAST_ONE_LEFT = "The last member left."


def engagement_leave(*, actor: Membership, engagement: Engagement, reason: str) -> Engagement:
    """`actor` leaves their accepted coachee place, saying why (see the module's text)."""
    if not reason.strip():
        raise ValidationError({"reason": lifecycle_base.REASON_REQUIRED})
    if engagement.status not in lifecycle_base.ACTIVE_OR_PAUSED:
        raise ValidationError({"status": CANNOT_LEAVE.format(status=engagement.status)})
    if not engagement.is_several:
        if actor.pk != engagement.coachee_id:
            raise ValidationError({"engagement": NOT_A_MEMBER})
        ended = lifecycle.engagement_end(actor=actor, engagement=engagement, reason=reason)
        _tell_coaches(ended, actor, reason, ended=True)
        return ended
    now = timezone.now()
    with transaction.atomic(durable=True):
        engagement = lifecycle_base._locked(engagement)
        mine = [
            p
            for p in lifecycle_base._current(engagement)
            if p.member_id == actor.pk and p.role == Role.COACHEE and p.grants
        ]
        if not mine:
            raise ValidationError({"engagement": NOT_A_MEMBER})
        if engagement.status not in lifecycle_base.ACTIVE_OR_PAUSED:
            raise ValidationError({"status": CANNOT_LEAVE.format(status=engagement.status)})
        before = engagement.status
        EngagementParticipant.objects.filter(pk__in=[p.pk for p in mine]).update(left_at=now)
        others = [
            p
            for p in lifecycle_base._current(engagement)
            if p.role == Role.COACHEE and p.is_current and p.member_id != actor.pk
        ]
        if engagement.rotation:
            engagement.rotation = [pk for pk in engagement.rotation if pk != actor.pk]
        if engagement.coachee_id == actor.pk and others:
            accepted = [p for p in others if p.acceptance == Acceptance.ACCEPTED]
            engagement.coachee = (accepted or others)[0].member
            people_changed.send(
                sender=Engagement,
                engagement=engagement,
                role="coachee",
                old=actor,
                new=engagement.coachee,
                actor=actor,
                now=now,
            )
        if not [p for p in others if p.acceptance == Acceptance.ACCEPTED]:
            engagement.status = Status.ENDED
            engagement.ended_on = timezone.localdate()
            engagement.end_reason = LAST_ONE_LEFT
        engagement.save(update_fields=["coachee", "rotation", "status", "ended_on", "end_reason"])
        lifecycle_base._record(
            engagement,
            EngagementTransition.Action.LEAVE,
            before,
            actor,
            reason=reason,
            detail=f"{actor.user} left",
        )
    _tell_coaches(engagement, actor, reason, ended=engagement.status == Status.ENDED)
    return engagement


def _tell_coaches(engagement: Engagement, leaver: Membership, reason: str, ended: bool) -> None:
    coaches = [
        p.member
        for p in EngagementParticipant.objects.filter(
            engagement=engagement,
            role__in=(Role.LEAD_COACH, Role.CO_COACH),
            left_at__isnull=True,
            acceptance=Acceptance.ACCEPTED,
        ).select_related("member__user")
    ]
    what = engagement.topic or engagement.get_kind_display().lower()
    tail = (
        "The engagement has ended."
        if ended
        else "The engagement goes on for the others; their places are unchanged."
    )
    for coach in coaches:
        send_mail(
            subject=f"{leaver.user} left {what}",
            message=(
                f"{leaver.user} left the engagement ({what}) on Trellis.\nWhy: {reason.strip()}\n"
                f"{tail}\n{lifecycle_base.engagement_url(engagement)}\n"
            ),
            from_email=None,
            recipient_list=[coach.user.email],
        )
