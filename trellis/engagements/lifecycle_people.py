"""Changing an engagement's people: a new lead coach or a new sponsor, by an admin or the lead
coach; the coachee is told by email, a new sponsor sees nothing until both they and the coachee
accept, and the calendar follows the new coach (the `people_changed` signal)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.accounts.units import step
from trellis.engagements.lifecycle_base import (
    ACTIVE_OR_PAUSED,
    CHANGE_WHILE_CLOSED,
    COACH_IS_COACHEE,
    NOT_A_COACH,
    NOT_A_SPONSOR,
    NOT_IN_ORG,
    NOT_YOURS,
    SAME_COACH,
    SAME_SPONSOR,
    SPONSOR_IS_COACHEE,
    Acceptance,
    Action,
    Role,
    Status,
    _change_params,
    _current,
    _locked,
    _places_of,
    _record,
    _tell_coachee_of_change,
    _tell_coaches_of_change,
)
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.engagements.signals import people_changed


def engagement_change_coach(
    *, actor: Membership, engagement: Engagement, coach: Membership, reason: str = ""
) -> Engagement:
    """Hand the engagement to another lead coach. The coachee is told by email."""
    _may_change_people(actor, engagement)
    errors: dict[str, str] = {}
    if coach.org_id != actor.org_id:
        errors["coach"] = NOT_IN_ORG.format(name=coach.user)
    elif not coach.is_coach:
        errors["coach"] = NOT_A_COACH.format(name=coach.user)
    elif coach.pk == engagement.coach_id:
        errors["coach"] = SAME_COACH.format(name=coach.user)
    elif coach.pk == engagement.coachee_id:
        errors["coach"] = str(COACH_IS_COACHEE)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with step():
        engagement = _locked(engagement)
        old = engagement.coach
        engagement.participants.filter(role=Role.LEAD_COACH, left_at__isnull=True).update(
            left_at=now
        )
        # a co-coach who becomes the lead keeps one place
        engagement.participants.filter(
            role=Role.CO_COACH, member=coach, left_at__isnull=True
        ).update(left_at=now)
        EngagementParticipant.objects.create(
            engagement=engagement,
            member=coach,
            role=Role.LEAD_COACH,
            acceptance=Acceptance.ACCEPTED,
            responded_at=now,
            added_by=actor,
            added_at=now,
        )
        engagement.coach = coach
        engagement.save(update_fields=["coach"])
        _record(
            engagement,
            Action.CHANGE_COACH,
            engagement.status,
            actor,
            reason,
            _change_params([old], [coach]),
        )
        # the future calendar follows (scheduling: sessions, series, reminders, invitations)
        people_changed.send(
            sender=Engagement,
            engagement=engagement,
            role="coach",
            old=old,
            new=coach,
            actor=actor,
            now=now,
        )
        transaction.on_commit(lambda: _tell_coachee_of_change(engagement, "coach", [old], [coach]))
        transaction.on_commit(lambda: _tell_coaches_of_change(engagement, old, coach))
    return engagement


def engagement_change_sponsor(
    *,
    actor: Membership,
    engagement: Engagement,
    sponsor: Membership | None,
    reason: str = "",
) -> Engagement:
    """Replace (or remove, with None) the sponsor. The old sponsor loses access at once; a new one
    gains it only when they and the coachee have both accepted. The coachee is told by email."""
    _may_change_people(actor, engagement)
    current = [p for p in _current(engagement) if p.role == Role.SPONSOR]
    errors: dict[str, str] = {}
    if sponsor is not None:
        if sponsor.org_id != actor.org_id:
            errors["sponsor"] = NOT_IN_ORG.format(name=sponsor.user)
        elif not sponsor.is_sponsor:
            errors["sponsor"] = NOT_A_SPONSOR.format(name=sponsor.user)
        elif any(p.member_id == sponsor.pk for p in current):
            errors["sponsor"] = SAME_SPONSOR.format(name=sponsor.user)
        elif sponsor.pk == engagement.coachee_id:
            errors["sponsor"] = str(SPONSOR_IS_COACHEE)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with step():
        engagement = _locked(engagement)
        engagement.participants.filter(role=Role.SPONSOR, left_at__isnull=True).update(left_at=now)
        if sponsor is not None:
            EngagementParticipant.objects.create(
                engagement=engagement,
                member=sponsor,
                role=Role.SPONSOR,
                added_by=actor,
                added_at=now,
            )
        engagement.sponsor = None
        engagement.save(update_fields=["sponsor"])
        old = [p.member for p in current]
        new = [sponsor] if sponsor is not None else []
        _record(
            engagement,
            Action.CHANGE_SPONSOR,
            engagement.status,
            actor,
            reason,
            _change_params(old, new),
        )
        people_changed.send(
            sender=Engagement,
            engagement=engagement,
            role="sponsor",
            old=current[0].member if current else None,
            new=None,  # a new sponsor counts once they and the coachee accepted
            actor=actor,
            now=now,
        )
        transaction.on_commit(lambda: _tell_coachee_of_change(engagement, "sponsor", old, new))
    return engagement


def _may_change_people(actor: Membership, engagement: Engagement) -> None:
    if engagement.status not in (Status.PROPOSED, *ACTIVE_OR_PAUSED):
        raise ValidationError(
            {
                "engagement": CHANGE_WHILE_CLOSED.format(
                    status=engagement.get_status_display().lower()
                )
            }
        )
    lead = any(p.role == Role.LEAD_COACH and p.grants for p in _places_of(engagement, actor))
    if not (actor.is_admin or lead):
        raise ValidationError(
            {"engagement": NOT_YOURS.format(who="an admin or the lead coach of", verb="change")}
        )
