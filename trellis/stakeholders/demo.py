"""Demo stakeholder feedback: the leader leadership's demo puts on the new-manager track (Greg
Hollis, coached by Marcus) asked his manager and three direct reports once a month for six months
about his two behaviours; the ratings rise from about no change to clearly better, with their
feed-forward; a Leadership 360 at the start and at the end of the track, both closed, showing the
change per competency. Runs after leadership's demo (INSTALLED_APPS order). Idempotent."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.engagements.models import EngagementParticipant
from trellis.instruments import services as instruments
from trellis.instruments.models import Administration
from trellis.leadership.models import DEMO_GOAL_TITLE, DEMO_LEADER_EMAIL, LeadershipGoal
from trellis.stakeholders import services
from trellis.stakeholders.models import Ask, FeedbackRound, Stakeholder, StakeholderPlan

PEOPLE = (
    ("Helen Moss", "helen.moss@northwind.example", "manager"),
    ("Jamal Reed", "jamal.reed@partners.example", "direct_report"),
    ("Lena Park", "lena.park@partners.example", "direct_report"),
    ("Tom Okafor", "tom.okafor@partners.example", "direct_report"),
)
MONTHS = 6
FIRST_DAYS_AGO = 175  # the last round was 25 days ago: the next is due in five days
# each month's improvements per stakeholder, from about no change to clearly better
LEVELS = [(0, 0, -1, 1), (0, 1, 0, 1), (1, 1, 0, 1), (1, 2, 1, 1), (2, 2, 1, 2), (2, 3, 2, 2)]
FEEDFORWARD = [
    "Before the stand-up, ask two people what they would do",
    "Say who owns the next step before the meeting ends",
    "Give the quieter people the question a day ahead",
    "Write the decision and the reason in the channel",
    "Keep asking for options even when you already know the answer",
    "",
]
EXAMPLES = [
    "Asked the team for two options before choosing the release date",
    "Wrote the on-call decision and why in the channel the same day",
    "Let Ana finish her proposal before giving his view",
    "",
]
ITEMS = ("t1", "t2", "t3", "m1", "m2", "m3", "i1", "i2", "i3", "c1", "c2", "c3")


def _leadership_goal() -> LeadershipGoal | None:
    return (
        LeadershipGoal.objects.filter(
            goal__title=DEMO_GOAL_TITLE, goal__owner__user__email=DEMO_LEADER_EMAIL
        )
        .select_related("goal__owner__user", "goal__engagement")
        .first()
    )


def seed(demo: DemoOrgs) -> None:
    leadership_goal = _leadership_goal()
    if leadership_goal is None:
        return  # leadership's demo did not create the leader's goal
    if StakeholderPlan.objects.filter(leadership_goal=leadership_goal).exists():
        return
    now = timezone.now()
    rng = random.Random(14)
    with transaction.atomic():
        plan = StakeholderPlan.objects.create(leadership_goal=leadership_goal)
        people = [
            Stakeholder.objects.create(plan=plan, name=n, email=e, relation=r) for n, e, r in PEOPLE
        ]
        behaviours = list(leadership_goal.current_behaviours())
        for month in range(MONTHS):
            opened = now - timedelta(days=FIRST_DAYS_AGO - 30 * month)
            feedback_round = FeedbackRound.objects.create(
                plan=plan, number=month + 1, opened_at=opened
            )
            feedback_round.behaviours.set(behaviours)
            for index, person in enumerate(people):
                ask = Ask.objects.create(round=feedback_round, stakeholder=person, sent_at=opened)
                level = LEVELS[month][index]
                answers = {
                    b.pk: (
                        max(-3, min(3, level + (1 if b.position == 2 and month > 3 else 0))),
                        rng.choice(FEEDFORWARD),
                        rng.choice(EXAMPLES),
                    )
                    for b in behaviours
                }
                services.answers_submit(
                    ask=ask, answers=answers, now=opened + timedelta(days=1 + index)
                )
        plan.next_round_at = now - timedelta(days=FIRST_DAYS_AGO - 30 * MONTHS)
        plan.save(update_fields=["next_round_at"])
    _threesixties(plan, rng)


def _threesixties(plan: StakeholderPlan, rng: random.Random) -> None:
    engagement = plan.leadership_goal.goal.engagement
    coach = (
        engagement.participants.filter(role=EngagementParticipant.Role.LEAD_COACH).first()
        if engagement
        else None
    )
    if coach is None:
        return
    now = timezone.now()
    for phase, base, days_ago in (("start", 2.4, FIRST_DAYS_AGO + 5), ("end", 3.5, 2)):
        threesixty = services.threesixty_start(actor=coach.member, plan=plan, phase=phase)
        administration = threesixty.administration
        for respondent in administration.respondents.all():
            lift = 0.6 if respondent.member_id else 0.0  # leaders rate themselves a little higher
            answers: dict[str, object] = {
                key: max(1, min(5, round(base + lift + rng.uniform(-0.7, 0.7)))) for key in ITEMS
            }
            instruments.answers_submit(respondent=respondent, answers=answers)
        instruments.administration_close(actor=coach.member, administration=administration)
        Administration.objects.filter(pk=administration.pk).update(
            created_at=now - timedelta(days=days_ago),
            closed_at=now - timedelta(days=days_ago - 1),
        )
