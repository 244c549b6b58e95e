"""Writes for engagements."""

from django.core.exceptions import ValidationError
from django.db import transaction

from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement

NOT_A_COACH = "{name} does not have the coach role in this organization."
NOT_A_COACHEE = "{name} does not have the coachee role in this organization."
NOT_A_SPONSOR = "{name} does not have the sponsor role in this organization."
SELF_COACHING = "A coach cannot be their own coachee in an engagement; use self-coaching instead."
COACH_ONLY_SELF = "As a coach you can open engagements only with yourself as the coach."


def engagement_create(
    *,
    actor: Membership,
    coach: Membership,
    coachee: Membership,
    sponsor: Membership | None = None,
    topic: str = "",
) -> Engagement:
    if not actor.is_admin and coach.pk != actor.pk:
        raise ValidationError({"coach": COACH_ONLY_SELF})
    errors: dict[str, str] = {}
    if not coach.is_coach:
        errors["coach"] = NOT_A_COACH.format(name=coach.user)
    if not coachee.is_coachee:
        errors["coachee"] = NOT_A_COACHEE.format(name=coachee.user)
    if sponsor is not None and not sponsor.is_sponsor:
        errors["sponsor"] = NOT_A_SPONSOR.format(name=sponsor.user)
    if coach.pk == coachee.pk:
        errors["coachee"] = SELF_COACHING
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        engagement = Engagement(
            org=actor.org, coach=coach, coachee=coachee, sponsor=sponsor, topic=topic
        )
        engagement.full_clean()
        engagement.save()
    return engagement
