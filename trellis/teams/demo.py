"""Demo team coaching: Northwind's Engineering team (Greg leads it; Bob, Jamal, Yuki, Ana and
Kofi) coached as a whole by Alice with Marcus, Dana sponsoring. Its charter in two versions,
linking the team's goals under the organization's; three pulses four weeks apart, every member
answering, with communication the weakest dimension and rising; a Team CLEAR session Alice ran on
it; team actions and check-ins. And Northwind's business coaching: its leadership team coached as
one team, and the cascade it opened (`_business`). Idempotent."""

import random
from datetime import timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership, Organization, Team, User
from trellis.core.instruments import load_builtin
from trellis.engagements import services as sessions
from trellis.engagements.kinds import engagement_propose_team
from trellis.engagements.lifecycle import engagement_accept
from trellis.engagements.models import Engagement
from trellis.goals import services as goals
from trellis.goals.models import Goal
from trellis.instruments.services import answers_submit
from trellis.programs import services as programs
from trellis.programs.models import Program
from trellis.teams import selectors, services

TOPIC = "Engineering team coaching"
BUSINESS = "Northwind business coaching"
DIRECTORS = [
    ("nadia@northwind.example", "Nadia Rahman", "Europe/London"),
    ("owen@northwind.example", "Owen Price", "Europe/London"),
    ("isabel@northwind.example", "Isabel Grant", "Europe/Madrid"),
]
NEWCOMERS = [("ana@northwind.example", "Ana Silva"), ("kofi@northwind.example", "Kofi Mensah")]
# each pulse's dimension levels the team tends to (communication the weakest, rising)
PULSES = [
    (63, {"unity": 3.4, "communication": 2.2, "leadership": 3.2, "productivity": 3.0, "motivation": 3.4}),
    (35, {"unity": 3.6, "communication": 2.8, "leadership": 3.4, "productivity": 3.2, "motivation": 3.6}),
    (7, {"unity": 3.9, "communication": 3.3, "leadership": 3.6, "productivity": 3.5, "motivation": 3.8}),
]  # fmt: skip


def seed(demo: DemoOrgs) -> None:
    _engineering(demo)
    _business(demo)


def _engineering(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    if Engagement.objects.filter(org=org, kind=Engagement.Kind.TEAM, topic=TOPIC).exists():
        return
    team = Team.objects.get_or_create(org=org, name="Engineering")[0]
    _newcomers(org, team, nw["greg"])
    engagement = engagement_propose_team(
        actor=nw["alice"],
        team=team,
        coach=nw["alice"],
        co_coaches=[nw["marcus"]],
        sponsor=nw["dana"],
        topic=TOPIC,
    )
    engagement_accept(actor=nw["dana"], engagement=engagement)
    for place in engagement.participants.filter(role="coachee").select_related("member"):
        engagement_accept(actor=place.member, engagement=engagement)
    engagement.refresh_from_db()
    Engagement.objects.filter(pk=engagement.pk).update(
        started_on=timezone.localdate() - timedelta(days=70)
    )
    services.team_settings_save(
        actor=nw["alice"],
        engagement=engagement,
        leader=nw["greg"],
        pulse_every_weeks=4,
        pulse_threshold=5,
    )
    _charter(engagement, nw, team)
    _pulses(engagement, nw["alice"])
    _session(engagement, nw["alice"])
    _work(engagement, nw)


def _business(demo: DemoOrgs) -> None:
    """Northwind's business coaching, begun five weeks ago: its leadership team (Greg and three
    directors) coached as one team by Sofia, three of them accepted and one still deciding; the
    cascade, due from week 4, has proposed team coaching to the teams under the business goals
    (not Engineering, in team coaching already) and a one-to-one engagement to each leader."""
    org, nw = demo.northwind, demo.nw
    if Program.objects.filter(org=org, name=BUSINESS).exists():
        return
    team = Team.objects.get_or_create(org=org, name="Leadership")[0]
    leaders = [nw["greg"]]
    for email, name, zone in DIRECTORS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, name=name, time_zone=zone)
            user.set_unusable_password()  # in the demo to be coached, not to sign in
            user.save()
        member, _ = Membership.objects.get_or_create(
            org=org, user=user, defaults={"is_coachee": True, "team": team, "manager": nw["olga"]}
        )
        leaders.append(member)
    program = programs.program_create(
        actor=nw["olga"],
        template_key="business-coaching",
        name=BUSINESS,
        starts_on=timezone.localdate() - timedelta(weeks=5),
        pool=[
            programs.PoolPlace(nw["sofia"], 10, "Ran Operations through two reorganizations."),
            programs.PoolPlace(nw["marcus"], 6, "Coaches product and engineering teams."),
        ],
    )
    (first, *_) = programs.program_enrol(actor=nw["olga"], program=program, members=leaders)
    assert first.engagement is not None
    for leader in leaders[:-1]:  # the last director has not answered yet
        engagement_accept(actor=leader, engagement=first.engagement)
    programs.program_schedule_accepted(program=program)
    programs.program_cascade(program=program)


def _newcomers(org: Organization, team: Team, manager: Membership) -> None:
    for email, name in NEWCOMERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, name=name)
            user.set_unusable_password()  # in the demo to answer the pulse, not to sign in
            user.save()
        Membership.objects.get_or_create(
            org=org, user=user, defaults={"is_coachee": True, "team": team, "manager": manager}
        )


def _charter(engagement: Engagement, nw: dict[str, Membership], team: Team) -> None:
    linked = list(Goal.objects.filter(org=engagement.org, level=Goal.Level.TEAM, team=team))
    renewals = Goal.objects.filter(
        org=engagement.org, level=Goal.Level.ORGANIZATION, title__startswith="Customers renew"
    ).first()
    if renewals is not None:
        linked.append(
            goals.goal_create(
                actor=nw["alice"],
                owner=None,
                title="Halve the customer-facing incidents by the end of the year",
                level=Goal.Level.TEAM,
                team=team,
                parent=renewals,
                success_measure="12 or fewer customer-facing incidents in Q4",
            )
        )
    services.charter_save(
        actor=nw["alice"],
        engagement=engagement,
        purpose="We build and run the platform Northwind's customers rely on.",
        goals=linked,
        working_agreements="We review each other's work within a day.",
        note="First draft from the commissioning session",
        now=timezone.now() - timedelta(days=60),
    )
    services.charter_save(
        actor=nw["greg"],
        engagement=engagement,
        purpose=(
            "We build and run the platform Northwind's customers rely on, and we grow the "
            "engineers who will lead it next."
        ),
        goals=linked,
        working_agreements=(
            "We review each other's work within a day.\n"
            "Bad news travels first: say it in the stand-up, not after it.\n"
            "No meetings on Wednesday mornings."
        ),
        roles=(
            "Greg: team lead, owns priorities with the sponsor.\n"
            "Bob: tech lead for the platform squad.\n"
            "Yuki: on-call rota and incident reviews."
        ),
        decision_rules=(
            "The owner of a piece of work decides after hearing everyone; a decision that "
            "changes another squad's work goes to the Tuesday team meeting."
        ),
        note="After the second pulse: the agreements on bad news and on meetings",
        now=timezone.now() - timedelta(days=30),
    )


def _pulses(engagement: Engagement, coach: Membership) -> None:
    instrument = load_builtin("team-pulse")
    chance = random.Random(13)
    members = selectors.members_of(engagement)
    for days_ago, levels in PULSES:
        now = timezone.now() - timedelta(days=days_ago)
        pulse = services.pulse_send(actor=coach, engagement=engagement, now=now)
        for member in members:
            answers: dict[str, object] = {}
            for item in instrument.spec.items:
                level = levels[item.subscale or "unity"] + chance.uniform(-0.9, 0.9)
                value = max(1, min(5, round(level)))
                answers[item.key] = 6 - value if item.reverse else value
            respondent = pulse.administration.respondents.get(member=member)
            answers_submit(respondent=respondent, answers=answers, now=now + timedelta(days=1))
    services.pulse_pass(now=timezone.now() + timedelta(days=1))  # the last week is over


def _session(engagement: Engagement, coach: Membership) -> None:
    session = services.pulse_session_open(
        actor=coach, engagement=engagement, framework_key="team-clear"
    )
    stages: list[tuple[str, dict[str, object]]] = [
        ("contracting", {"topic": {"topic": session.topic, "scope": "This quarter"}}),
        (
            "listening",
            {
                "notes": {
                    "text": "Each member spoke once: news reaches people late, mostly through "
                    "the stand-up; two people hear about incidents from customers first."
                }
            },
        ),
        (
            "exploring",
            {
                "options": [
                    {"option": "An incident channel everyone follows", "rating": 8, "chosen": True},
                    {"option": "A written Friday summary", "rating": 6},
                    {"option": "Longer stand-ups", "rating": 3},
                ]
            },
        ),
        (
            "action",
            {
                "actions": [
                    {
                        "what": "Open the incident channel and post the first review",
                        "when": (timezone.localdate() + timedelta(days=7)).isoformat(),
                        "commitment": 8,
                    }
                ]
            },
        ),
        ("review", {"review": {"better": "Everyone spoke; the quiet half of the team too."}}),
    ]
    for stage, answers in stages:
        session = sessions.coaching_session_move(actor=coach, session=session, stage=stage)
        session = sessions.coaching_session_submit(
            actor=coach, session=session, stage=stage, answers=answers
        )
    sessions.coaching_session_finish(actor=coach, session=session)


def _work(engagement: Engagement, nw: dict[str, Membership]) -> None:
    members = {m.user.email.split("@")[0]: m for m in selectors.members_of(engagement)}
    yuki, bob = members.get("yuki", nw["yuki"]), members.get("bob", nw["bob"])
    done = services.action_add(
        actor=nw["alice"],
        engagement=engagement,
        title="Open the incident channel and post the first review",
        owner=yuki,
        due_on=timezone.localdate() - timedelta(days=2),
    )
    services.action_done(actor=yuki, action=done)
    services.action_add(
        actor=nw["greg"],
        engagement=engagement,
        title="Pair each junior with a reviewer for the quarter",
        owner=bob,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    services.check_in_add(
        actor=yuki,
        engagement=engagement,
        text="Incident channel is live; three reviews posted, people are reading them.",
    )
    services.check_in_add(
        actor=bob,
        engagement=engagement,
        text="Two of three pairs have met; Jamal's pair starts next week.",
    )
