"""Demo of engagements' lives, seeded by engagements/demo.py: a proposal waiting for Bob's answer
(Dana already accepted her place as sponsor), Yuki's paused engagement with why, an ended one with
its closing review, and Alice, Bob and Dana's agreement (version 1 accepted by both, version 2
accepted by Bob and waiting for Dana), and how Klaus's and Beatriz's engagements began, which they
read in German and Portuguese. Idempotent: each piece is recognised before it is made.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.engagements import contracts, lifecycle, lifecycle_base
from trellis.engagements.models import Agreement, Engagement, EngagementTransition

PROPOSED_TOPIC = "Mentoring towards a first people-lead role"
ENDED_TOPIC = "First month as a team lead"
LIMITS = (
    "What you say stays between you and your coach, except where someone's safety is at risk or "
    "the law requires us to tell. Your sponsor sees only what is listed above."
)


def seed(demo: DemoOrgs) -> None:
    nw = demo.nw
    if not Engagement.objects.filter(org=demo.northwind, topic=PROPOSED_TOPIC).exists():
        proposed = lifecycle.engagement_propose(
            actor=nw["marcus"],
            coach=nw["marcus"],
            coachee=nw["bob"],
            sponsor=nw["dana"],
            topic=PROPOSED_TOPIC,
        )
        lifecycle.engagement_accept(actor=nw["dana"], engagement=proposed)
    _paused(demo)
    _ended(demo)
    _agreement(demo)
    _history_in_their_language(demo)


def _paused(demo: DemoOrgs) -> None:
    """Yuki's engagement is seeded paused; its history says who paused it and why."""
    yuki = Engagement.objects.filter(
        org=demo.northwind, coachee=demo.nw["yuki"], status=Engagement.Status.PAUSED
    ).first()
    if yuki is None or yuki.history.filter(action=EngagementTransition.Action.PAUSE).exists():
        return
    EngagementTransition.objects.create(
        engagement=yuki,
        action=EngagementTransition.Action.PAUSE,
        from_status=Engagement.Status.ACTIVE,
        to_status=Engagement.Status.PAUSED,
        by=demo.nw["yuki"],
        at=timezone.now() - timedelta(days=12),
        reason="Four weeks of parental leave; we pick up in the new quarter.",
    )


def _ended(demo: DemoOrgs) -> None:
    if Engagement.objects.filter(org=demo.northwind, topic=ENDED_TOPIC).exists():
        return
    nw = demo.nw
    ended = lifecycle.engagement_open_agreed(
        org_member=nw["marcus"],
        coach=nw["marcus"],
        coachee=nw["lena"],
        topic=ENDED_TOPIC,
        started_on=timezone.localdate() - timedelta(days=120),
    )
    ended = lifecycle.engagement_end(
        actor=nw["lena"], engagement=ended, reason="The goals we set are met."
    )
    contracts.closing_review_record(
        actor=nw["lena"],
        engagement=ended,
        what_changed=(
            "I run the weekly planning myself and say no to work that does not fit the quarter."
        ),
        what_next="Keep a monthly check-in with Sofia; ask for a stretch project in spring.",
    )


def _agreement(demo: DemoOrgs) -> None:
    nw = demo.nw
    engagement = Engagement.objects.filter(
        org=demo.northwind, coach=nw["alice"], coachee=nw["bob"]
    ).first()
    if engagement is None or Agreement.objects.filter(engagement=engagement).exists():
        return
    terms: dict[str, Any] = {
        "goals": "Step up to tech lead: run the team's planning, grow two juniors, speak at the "
        "architecture forum.",
        "length": "Six months, about twelve sessions",
        "cadence": "Every two weeks, an hour",
        "confidentiality_limits": LIMITS,
        "sponsor_sees": ["attendance", "goal_summaries"],
    }
    first = contracts.agreement_write(actor=nw["alice"], engagement=engagement, **terms)
    for member in (nw["bob"], nw["dana"]):
        contracts.agreement_accept(actor=member, agreement=first)
    second = contracts.agreement_write(
        actor=nw["alice"],
        engagement=engagement,
        **terms | {"cadence": "Every two weeks, an hour; weekly in the month before the panel"},
    )
    contracts.agreement_accept(actor=nw["bob"], agreement=second)


# Klaus reads Trellis in German and Beatriz in Portuguese (Brazil): how their engagements began
# (proposed by the coach, accepted by the sponsor and the coachee) reads in their language
BEGAN = (("alice", "klaus", "dana", 40), ("marcus", "beatriz", "", 30))


def _history_in_their_language(demo: DemoOrgs) -> None:
    nw, now = demo.nw, timezone.now()
    Action, Role = EngagementTransition.Action, lifecycle_base.Role
    for coach, coachee, sponsor, days in BEGAN:
        engagement = (
            Engagement.objects.filter(org=demo.northwind, coach=nw[coach], coachee=nw[coachee])
            .order_by("pk")
            .first()
        )
        if engagement is None or engagement.history.exists():
            continue
        places = [(Role.LEAD_COACH, nw[coach]), (Role.COACHEE, nw[coachee])]
        steps = [(Action.PROPOSE, "", "proposed", nw[coach], places)]
        if sponsor:
            places.append((Role.SPONSOR, nw[sponsor]))
            steps.append((Action.PLACE_ACCEPTED, "proposed", "proposed", nw[sponsor], places[-1:]))
        steps.append((Action.ACCEPT, "proposed", "active", nw[coachee], places[1:]))
        EngagementTransition.objects.bulk_create(
            EngagementTransition(
                engagement=engagement,
                action=action,
                from_status=before,
                to_status=after,
                by=by,
                at=now - timedelta(days=days - i),
                params=lifecycle_base._people_params(named),
            )
            for i, (action, before, after, by, named) in enumerate(steps)
        )
