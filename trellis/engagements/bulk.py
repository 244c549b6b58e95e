"""Opening many engagements in one transaction, for programs that enrol a cohort (and seating
more people in a team, group or circle the program already has: `places_add`).

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
from trellis.engagements.lifecycle_base import _people_params, _tell_proposed
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
    # A team, group or peer engagement's other coachees: each is asked for their own place.
    more_coachees: tuple[Membership, ...] = ()

    @property
    def coachees(self) -> list[Membership]:
        return [self.coachee, *self.more_coachees]


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
                rotation=[m.pk for m in o.coachees] if o.kind == Engagement.Kind.PEER else [],
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
        places.append(
            EngagementParticipant(
                engagement=engagement,
                member=o.coach,
                role=Role.LEAD_COACH,
                acceptance=Acceptance.ACCEPTED,
                responded_at=now,
                added_by=actor,
                added_at=now,
            )
        )
        places += [
            EngagementParticipant(
                engagement=engagement,
                member=m,
                role=Role.COACHEE,
                acceptance=coachee_answer if m.pk == o.coachee.pk else Acceptance.PENDING,
                responded_at=now if o.chosen_by_coachee and m.pk == o.coachee.pk else None,
                added_by=actor,
                added_at=now,
            )
            for m in o.coachees
        ]
        people = [(Role.LEAD_COACH, o.coach), *((Role.COACHEE, m) for m in o.coachees)]
        history.append(
            EngagementTransition(
                engagement=engagement,
                action=Action.PROPOSE,
                to_status=Engagement.Status.PROPOSED,
                by=actor,
                at=now,
                params=_people_params(people),
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
                    params={"because": "pool"},  # history.BECAUSE
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
                _tell_proposed(engagement, o.coachees)

        transaction.on_commit(tell)
    return engagements


def places_add(
    *, actor: Membership, engagement: Engagement, members: Sequence[Membership]
) -> list[EngagementParticipant]:
    """Offer more people a coachee's place in an open team, group or peer engagement (a program
    enrolling them into the team or circle it already has). Each place is pending until that
    person accepts; an INVITE entry per person in the history; each is told once it commits. The
    caller holds the transaction, has locked what it must and has checked the people."""
    now = timezone.now()
    places = EngagementParticipant.objects.bulk_create(
        EngagementParticipant(
            engagement=engagement,
            member=m,
            role=Role.COACHEE,
            added_by=actor,
            added_at=now,
        )
        for m in members
    )
    EngagementTransition.objects.bulk_create(
        EngagementTransition(
            engagement=engagement,
            action=Action.INVITE,
            from_status=engagement.status,
            to_status=engagement.status,
            by=actor,
            at=now,
            params=_people_params([(Role.COACHEE, m)]),
        )
        for m in members
    )
    if engagement.kind == Engagement.Kind.PEER:
        engagement.rotation = [*engagement.rotation, *(m.pk for m in members)]
        Engagement.objects.filter(pk=engagement.pk).update(rotation=engagement.rotation)
    transaction.on_commit(lambda: _tell_proposed(engagement, list(members)))
    return places
