"""Opening many engagements in one transaction, for programs that enrol a cohort.

The same rows as lifecycle.engagement_propose (participants, a PROPOSE entry in the history and,
when the coachee already said yes, an ACCEPT entry), written in a few bulk inserts so that a
cohort of thousands costs a constant number of queries per person. The caller holds the
transaction and has checked the people; emails go out once it commits.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.engagements.lifecycle_base import _tell_proposed
from trellis.engagements.models import Engagement, EngagementParticipant, EngagementTransition

Role = EngagementParticipant.Role
Acceptance = EngagementParticipant.Acceptance
Action = EngagementTransition.Action


@dataclass(frozen=True)
class Opening:
    coach: Membership
    coachee: Membership
    kind: str = Engagement.Kind.ONE_TO_ONE
    topic: str = ""
    # The coachee chose this coach themselves (a program's pool): their choice is their yes.
    chosen_by_coachee: bool = False


def engagements_open(*, actor: Membership, openings: Sequence[Opening]) -> list[Engagement]:
    """Open one engagement per opening: proposed (the coachee answers), or active when the
    coachee chose the coach. Call inside a transaction."""
    now = timezone.now()
    engagements = Engagement.objects.bulk_create(
        [
            Engagement(
                org=actor.org,
                kind=o.kind,
                coach=o.coach,
                coachee=o.coachee,
                topic=o.topic.strip()[:200],
                status=Engagement.Status.ACTIVE
                if o.chosen_by_coachee
                else Engagement.Status.PROPOSED,
                proposed_by=actor,
            )
            for o in openings
        ]
    )
    places, history = [], []
    for engagement, o in zip(engagements, openings, strict=True):
        coachee_answer = Acceptance.ACCEPTED if o.chosen_by_coachee else Acceptance.PENDING
        places += [
            EngagementParticipant(
                engagement=engagement,
                member=o.coach,
                role=Role.LEAD_COACH,
                acceptance=Acceptance.ACCEPTED,
                responded_at=now,
                added_by=actor,
                added_at=now,
            ),
            EngagementParticipant(
                engagement=engagement,
                member=o.coachee,
                role=Role.COACHEE,
                acceptance=coachee_answer,
                responded_at=now if o.chosen_by_coachee else None,
                added_by=actor,
                added_at=now,
            ),
        ]
        people = f"Lead coach: {o.coach.user}; Coachee: {o.coachee.user}"
        history.append(
            EngagementTransition(
                engagement=engagement,
                action=Action.PROPOSE,
                to_status=Engagement.Status.PROPOSED,
                by=actor,
                at=now,
                detail=people[:300],
            )
        )
        if o.chosen_by_coachee:
            history.append(
                EngagementTransition(
                    engagement=engagement,
                    action=Action.ACCEPT,
                    from_status=Engagement.Status.PROPOSED,
                    to_status=Engagement.Status.ACTIVE,
                    by=o.coachee,
                    at=now,
                    reason="Chose this coach from the program's pool.",
                )
            )
    EngagementParticipant.objects.bulk_create(places)
    EngagementTransition.objects.bulk_create(history)
    waiting = [
        (engagement, o)
        for engagement, o in zip(engagements, openings, strict=True)
        if not o.chosen_by_coachee
    ]
    if waiting:

        def tell() -> None:
            for engagement, o in waiting:
                _tell_proposed(engagement, [o.coachee])

        transaction.on_commit(tell)
    return engagements
