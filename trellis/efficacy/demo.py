"""Demo: a peer-mentoring cohort at Northwind that has finished its half year. Bob and seven
colleagues took part; the career confidence check was given at enrolment and at the end (the
program page shows the group's change); three role-model stories are published (one
anonymously) and one waits for review; peers sent encouragement notes; Bob keeps small wins and
a couple of moods of his own. Idempotent."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership, Organization, Team, User
from trellis.core.instruments import load_builtin
from trellis.efficacy import services
from trellis.efficacy.models import SmallWin
from trellis.instruments import services as instruments
from trellis.programs import services as programs
from trellis.programs.models import Program

COHORT = "Peer mentoring, spring"
PEERS = [
    ("Nadia Rahman", "Europe/London"),
    ("Owen Price", "Europe/London"),
    ("Priscila Alves", "America/Sao_Paulo"),
    ("Ravi Menon", "Asia/Kolkata"),
    ("Selin Aydin", "Europe/Istanbul"),
    ("Tomasz Nowak", "Europe/Warsaw"),
    ("Yuki Tanaka", "Asia/Tokyo"),
]
STORIES = [
    (
        "Nadia Rahman",
        "I asked for the stretch project",
        "For a year I waited to be offered the migration project. After two peer sessions I wrote "
        "a one-page pitch and asked. I lead it now; the pitch took an evening.",
        False,
    ),
    (
        "Ravi Menon",
        "My first talk to the whole department",
        "I had never spoken to more than six people. I rehearsed with my peer circle twice, kept "
        "to three slides, and took questions. Two people asked me to mentor them afterwards.",
        False,
    ),
    (
        "Selin Aydin",
        "Saying no without apologising",
        "I used to take every request. I practised one sentence with my peer coach and used it "
        "the next week. My manager thanked me for being clear about my priorities.",
        True,
    ),
]
WAITING = ("Owen Price", "Fixing the on-call rota", "I proposed a fairer rota and the team agreed.")
NOTES = [
    (
        "Nadia Rahman",
        "bob",
        "Your question in Tuesday's session made me rethink my plan. Thank you.",
    ),
    ("Yuki Tanaka", "bob", "You ran that retro calmly when it got tense; I learnt from watching."),
    ("bob", "Ravi Menon", "Your talk was clear and brave. Three slides was the right call."),
]
WINS = [
    (40, "I can ask for what I need in a one-to-one: I asked for a clear brief and got it."),
    (21, "I can run a meeting where people disagree and still leave with a decision."),
    (6, "I can say no to a request kindly and hold to it."),
]


def seed(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    if Program.objects.filter(org=org, name=COHORT).exists():
        return
    olga, bob = nw["olga"], nw["bob"]
    now = timezone.now()
    program = programs.program_create(
        actor=olga,
        template_key="mentoring",
        name=COHORT,
        starts_on=timezone.localdate() - timedelta(weeks=27),
        pool=[
            programs.PoolPlace(nw["marcus"], 4, "Mentors on career moves."),
            programs.PoolPlace(nw["sofia"], 4, "Runs Operations; mentors new leads."),
        ],
    )
    people = {"bob": bob}
    for n, (name, zone) in enumerate(PEERS):
        people[name] = _person(org, name, zone, team=bob.team if n % 2 == 0 else None)
    programs.program_enrol(actor=olga, program=program, members=list(people.values()))
    _measures(olga, program, list(people.values()), now)
    for author, title, text, anonymous in STORIES:
        story = services.story_submit(
            actor=people[author],
            program=program,
            title=title,
            text=text,
            anonymous=anonymous,
            now=now - timedelta(days=30),
        )
        services.story_review(actor=nw["marcus"], story=story, decision="publish")
    author, title, text = WAITING
    services.story_submit(actor=people[author], program=program, title=title, text=text)
    for sender, recipient, text in NOTES:
        services.note_send(
            actor=people[sender], program=program, recipient=people[recipient], text=text
        )
    if not SmallWin.objects.filter(member=bob).exists():
        for days, text in WINS:
            services.win_add(actor=bob, text=text, now=now - timedelta(days=days))
        services.mood_add(actor=bob, level=3, now=now - timedelta(days=6))
        services.mood_add(actor=bob, level=4, now=now - timedelta(days=1))


def _person(org: Organization, name: str, zone: str, team: Team | None) -> Membership:
    email = name.lower().replace(" ", ".") + "@northwind.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, name=name, time_zone=zone)
        user.set_unusable_password()  # in the demo to be read about, not to sign in
        user.save()
    member, _ = Membership.objects.get_or_create(
        org=org, user=user, defaults={"is_coachee": True, "team": team}
    )
    return member


def _measures(olga: Membership, program: Program, people: list[Membership], now: datetime) -> None:
    """The career confidence check at enrolment and at the end: everyone a little more
    confident, some by more than measurement error."""
    instrument = load_builtin("career-confidence")
    rng = random.Random(15)
    levels = {m.pk: rng.choice((2, 2, 3)) for m in people}
    baseline = None
    for moment, lift in (("start", 0), ("end", 1)):
        given = instruments.administration_create(
            actor=olga,
            key="career-confidence",
            target="cohort",
            title=f"{program.name}: {moment}",
            cohort=f"{program.cohort} {moment}",
            cohort_members=people,
            program=program,
            baseline=baseline,
            now=now - timedelta(weeks=27 if moment == "start" else 1),
        )
        for respondent in given.respondents.order_by("id"):
            member_id = respondent.member_id or 0
            level = levels[member_id] + (lift if member_id % 3 else 2 * lift)
            answers: dict[str, object] = {}
            for item in instrument.spec.items:
                value = max(1, min(5, level + rng.choice((0, 0, 0, 1, -1))))
                answers[item.key] = 6 - value if item.reverse else value
            instruments.answers_submit(respondent=respondent, answers=answers)
        instruments.administration_close(actor=olga, administration=given)
        baseline = given
