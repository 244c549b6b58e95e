"""Demo mentoring: Northwind's "Mentors and mentees" program (enrolled through the form's answers,
matched by the engine, published with explanations: most pairs said yes, one pair stalled, one
ended early and the mentee matched again), and a peer coaching program of circles. Idempotent."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership, User
from trellis.programs.models import Program
from trellis.programs.services import PoolPlace, program_create

from . import selfmatch, services
from .models import Enrolment, MentoringProgram, Pair
from .tests.helpers import answers, rules_text

MENTORING = "Mentors and mentees 2027"
RAN_WEEKS = 24
CIRCLES = "Peer coaching circles"
PEOPLE = [
    "Ada Lin", "Bram de Vries", "Cleo Mensah", "Dev Rao", "Esme Clarke", "Femi Ade",
    "Gita Bose", "Hugo Lamb", "Iris Novak", "Jae Park", "Kofi Owusu", "Lena Vogel",
    "Milo Grant", "Nia Evans", "Omar Aziz", "Pia Ross", "Ravi Shah", "Sofia Neri",
]  # fmt: skip
PEERS = [
    "Tomas Ruiz", "Ulla Berg", "Vera Holm", "Will Chen", "Xander Poe", "Yusuf Kaya",
    "Zara Khan", "Anton Gray",
]  # fmt: skip


def _people(org, names, prefix):
    members = []
    for name in names:
        email = f"{prefix}.{name.split()[0].lower()}@northwind.example"
        user, _ = User.objects.get_or_create(email=email, defaults={"name": name})
        member, _ = Membership.objects.get_or_create(
            org=org, user=user, defaults={"is_coachee": True}
        )
        members.append(member)
    return members


def seed(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    olga, marcus = nw["olga"], nw["marcus"]
    if not Program.objects.filter(org=org, name=MENTORING).exists():
        _mentoring(org, olga)
    _efficacy_end(olga, Program.objects.get(org=org, name=MENTORING))
    if not Program.objects.filter(org=org, name=CIRCLES).exists():
        _circles(org, olga, marcus)


def _mentoring(org, olga) -> None:
    # as the admin's setup page does it: the program and its rules in one step
    program = services.mentoring_program_create(
        actor=olga,
        name=MENTORING,
        kind=MentoringProgram.Kind.MENTORING,
        mode=MentoringProgram.Mode.ADMIN,
        # it has run its six monthly meetings: its end check is answered (_efficacy_end)
        starts_on=timezone.localdate() - timedelta(weeks=RAN_WEEKS),
        rules_text=rules_text("mentoring"),
    )
    for i, member in enumerate(_people(org, PEOPLE, "m")):
        role = "mentor" if i % 3 == 0 else "mentee"
        services.enrol(actor=member, program=program, role=role, answers=answers(i, role))
    services.match_request(actor=olga, program=program)
    pairs = list(Pair.objects.filter(program=program, status="proposed").order_by("-score"))
    if pairs:
        services.pair_lock(actor=olga, pair=pairs[0])  # the admin's review: this one stays
    services.publish(actor=olga, program=program)
    published = list(
        Pair.objects.filter(program=program, status="published")
        .select_related("left__member", "right__member")
        .order_by("-score")
    )
    for pair in published[:-1]:  # the last pair has not answered yet
        services.pair_answer(actor=pair.left.member, pair=pair, yes=True)
        services.pair_answer(actor=pair.right.member, pair=pair, yes=True)
    if len(published) >= 3:
        stalled = published[1]  # opened two months ago, never met since
        long_ago = timezone.now() - timedelta(days=60)
        Pair.objects.filter(pk=stalled.pk).update(published_at=long_ago, created_at=long_ago)
        ended = published[2]
        services.pair_end(
            actor=ended.right.member, pair=ended, reason="Our goals turned out too different"
        )
        # a mentor who joined late, free and close to the mentee: the re-match finds them
        (late,) = _people(org, ["Quinn Hart"], "m")
        fits = {k: ended.right.answers[k] for k in ("timezone", "languages")}
        late_answers = {**answers(len(PEOPLE), "mentor"), **fits}
        services.enrol(actor=late, program=program, role="mentor", answers=late_answers)
        again = services.rematch(actor=olga, enrolment=ended.right)
        if again is not None:
            services.publish(actor=olga, program=program)
    _efficacy(olga, program, published)


STORIES = [
    ("I led the design review", "My mentor and I rehearsed it twice. I ran it myself last week."),
    ("I asked for the stretch role", "We wrote the case together; I asked, and I start in May."),
    ("I mentored back", "I showed my mentor our new tooling: teaching it showed me I know it."),
]


def _efficacy(olga, program, published) -> None:
    """The mentoring program's own self-efficacy side: everyone's first check answered at
    enrolment (the program page counts them) and three role-model stories by its mentees,
    published after review."""
    from trellis.core.instruments import load_builtin
    from trellis.efficacy import services as efficacy
    from trellis.instruments.models import Respondent
    from trellis.instruments.services import answers_submit

    instrument = load_builtin("career-confidence")
    for n, respondent in enumerate(
        Respondent.objects.filter(
            administration__program=program, answered_at__isnull=True
        ).order_by("id")
    ):
        level = 2 + n % 3
        answers: dict[str, object] = {
            i.key: (6 - level if i.reverse else level) for i in instrument.spec.items
        }
        answers_submit(respondent=respondent, answers=answers)
    for pair, (title, text) in zip(published, STORIES, strict=False):
        story = efficacy.story_submit(
            actor=pair.right.member, program=program, title=title, text=text
        )
        efficacy.story_review(actor=olga, story=story, decision="publish")


def _efficacy_end(olga, program) -> None:
    """The program's end check (the career confidence instrument again, measured against the
    first checks), answered by everyone who answered a first one and closed, so that the program
    page shows the start-to-end change: most a little more confident, every third by more than
    measurement error. Once: a program that has its end check is left as it is."""
    from trellis.core.instruments import load_builtin
    from trellis.instruments import services as instruments
    from trellis.instruments.models import Administration, Respondent
    from trellis.programs.models import ProgramInstrument

    first = (
        Administration.objects.filter(
            program=program, instrument__key="career-confidence", baseline=None
        )
        .order_by("id")
        .first()
    )
    if first is None or Administration.objects.filter(program=program, baseline=first).exists():
        return
    before = {
        r.member_id: r.answers
        for r in Respondent.objects.filter(
            administration__program=program,
            administration__baseline=None,
            answered_at__isnull=False,
        ).order_by("-id")  # a person's earliest answer wins
    }
    people = list(
        Membership.objects.filter(pk__in=[pk for pk in before if pk is not None]).order_by("pk")
    )
    end = instruments.administration_create(
        actor=olga,
        key="career-confidence",
        target="cohort",
        title=f"{program.name}: end",
        cohort=f"{program.cohort} end"[:120],
        cohort_members=people,
        program=program,
        baseline=first,
    )
    items = load_builtin("career-confidence").spec.items
    for n, respondent in enumerate(end.respondents.order_by("id")):
        lift = 2 if n % 3 == 0 else 1
        answers: dict[str, object] = {}
        for item in items:
            was = int(before[respondent.member_id][item.key])
            level = min(5, (6 - was if item.reverse else was) + lift)
            answers[item.key] = 6 - level if item.reverse else level
        instruments.answers_submit(respondent=respondent, answers=answers)
    instruments.administration_close(actor=olga, administration=end)
    ProgramInstrument.objects.get_or_create(
        program=program,
        key="career-confidence",
        moment="end",
        defaults={"due_on": timezone.localdate(), "administration": end, "sent_at": timezone.now()},
    )


def _circles(org, olga, marcus) -> None:
    program = program_create(
        actor=olga,
        template_key="peer-coaching-circle",
        name=CIRCLES,
        starts_on=timezone.localdate(),
        pool=[PoolPlace(marcus, 10, "Facilitates the circles.")],
    )
    services.mentoring_setup(
        actor=olga,
        program=program,
        rules_text=rules_text("peer"),
        kind=MentoringProgram.Kind.PEER,
        mode=MentoringProgram.Mode.CIRCLES,
        circle_size=4,
    )
    for i, member in enumerate(_people(org, PEERS, "c")):
        services.enrol(actor=member, program=program, answers=answers(i, "person"))
    selfmatch.circles_form(actor=olga, program=program)


def demo_summary(org) -> dict[str, int]:
    """What the demo shows, for its test."""
    program = Program.objects.get(org=org, name=MENTORING)
    return {
        "enrolled": Enrolment.objects.filter(program=program).count(),
        "published": Pair.objects.filter(program=program, status="published").count(),
        "ended": Pair.objects.filter(program=program, status="ended").count(),
        "circles": Program.objects.get(org=org, name=CIRCLES).mentoring_circles.count(),
        "with_why": Pair.objects.filter(program=program).filter(~Q(explanation=[])).count(),
    }
