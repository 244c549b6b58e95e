"""Demo instructional coaching, on top of the schools demo (trellis/schools/demo.py): the school's
instructional coach runs two Impact Cycles with two of its teachers. One is at Improve: a goal for
the class with a baseline and three later counts (the goal chart), a strategy with its checklist,
three observations with time-stamped notes, rubric ratings and engagement tallies, each debriefed,
and a modelling visit; the other has just started at Identify, with a planning meeting and a first
observation. Every visit counts in the teachers' professional-learning hours. Idempotent; nothing
is seeded when the schools demo has no coach and two teachers."""

from datetime import date, timedelta
from uuid import NAMESPACE_URL, uuid5

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership
from trellis.engagements.lifecycle import engagement_accept, engagement_propose
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.instructional import services
from trellis.instructional.models import Cycle, Visit

RUBRIC = "trellis-classroom"
STRATEGY = "Partner reading with timed repeated reads"
CHECKLIST = [
    "Pairs are set before the lesson, a stronger and a developing reader together",
    "The teacher models one timed read aloud first",
    "Each partner reads the passage three times; the listener counts words",
    "Partners record words a minute on their tracking sheet",
    "The teacher listens to two pairs each day and gives one tip",
]
GOAL = "80% of the class read a grade-level passage aloud at 90 words a minute by the end of term"
STANDARD = "reads an unseen grade-level passage aloud at 90 words a minute or more"
# (weeks ago, students, reached): the baseline, then three checks
CHECKS = [(7, 24, 9), (5, 24, 12), (3, 24, 15), (1, 24, 18)]
# per observation: weeks ago, notes (seconds, text), ratings, tallies (seconds, engaged, present)
OBSERVATIONS = [
    (
        6,
        [
            (40, "Lesson opens with a read-aloud by the teacher; students listen."),
            (310, "Independent reading: six students flick pages, two read aloud quietly."),
            (780, "Teacher hears three readers in turn; the rest wait."),
            (1320, "Exit ticket: words read in one minute, counted by the teacher."),
        ],
        {"clear-purpose": 2, "talk": 1, "on-task": 2, "feedback": 2},
        [(300, 14, 24), (900, 12, 24), (1500, 15, 24)],
    ),
    (
        3,
        [
            (60, "Teacher models a timed read; students count along."),
            (420, "Pairs start at once; the listener tracks with a finger."),
            (1020, "Two pairs swap roles too early; the teacher re-explains to them."),
            (1500, "Tracking sheets show a rise for most pairs."),
        ],
        {"clear-purpose": 3, "talk": 3, "on-task": 3, "feedback": 2},
        [(300, 19, 24), (900, 20, 23), (1500, 18, 23)],
    ),
    (
        1,
        [
            (30, "Purpose on the board: read smoothly, like talking."),
            (360, "Every pair reads three times; listeners give one tip each."),
            (900, "Teacher listens to two pairs and gives each a phrasing tip."),
            (1400, "Students graph their own words a minute."),
        ],
        {"clear-purpose": 4, "talk": 3, "on-task": 4, "feedback": 3},
        [(300, 22, 24), (900, 22, 24), (1500, 21, 24)],
    ),
]
DEBRIEFS = [
    ("Few students read aloud; most reading time went to waiting.", "Try partner reading for ten minutes a day."),
    ("Pairs work; two pairs lose the thread when roles swap.", "Post the role cards on each desk."),
    ("Nearly all pairs read three times with a tip each.", "Keep going; count the class again next week."),
]  # fmt: skip


def _ago(weeks: int) -> date:
    return timezone.localdate() - timedelta(weeks=weeks)


def _people() -> tuple[Membership, list[Membership]] | None:
    """The schools demo's instructional coach and two teachers of a school they coach at."""
    from trellis.schools.models import SchoolAssignment, TeacherProfile

    assignment = (
        SchoolAssignment.objects.filter(role=SchoolAssignment.Role.COACH, membership__is_coach=True)
        .select_related("membership")
        .order_by("id")
        .first()
    )
    if assignment is None:
        return None
    profiles = list(
        TeacherProfile.objects.filter(school=assignment.school)
        .exclude(membership=assignment.membership)
        .select_related("membership")
        .order_by("id")
    )
    # the reading-fluency cycle goes to a reading teacher when the school has one
    profiles.sort(key=lambda p: "Reading" not in (p.subjects or []))
    teachers = [p.membership for p in profiles[:2]]
    return (assignment.membership, teachers) if len(teachers) == 2 else None


def _reading_goal(coach: Membership) -> Goal | None:
    """The school's or district's reading goal, which the reading cycle serves (coherence)."""
    return (
        Goal.objects.filter(org_id=coach.org_id, title__icontains="read")
        .exclude(level=Goal.Level.PERSON)
        .order_by("id")
        .first()
    )


def _engagement(coach: Membership, teacher: Membership, topic: str) -> Engagement:
    found = Engagement.objects.filter(
        org_id=coach.org_id,
        kind=Engagement.Kind.INSTRUCTIONAL,
        coach=coach,
        coachee=teacher,
        status=Engagement.Status.ACTIVE,
    ).first()
    if found is not None:
        return found
    engagement = engagement_propose(
        actor=coach, coach=coach, coachee=teacher, kind=Engagement.Kind.INSTRUCTIONAL, topic=topic
    )
    engagement_accept(actor=teacher, engagement=engagement)
    engagement.refresh_from_db()
    return engagement


def _subject(teacher: Membership) -> str:
    profile = getattr(teacher, "teacher_profile", None)
    subjects = profile.subjects if profile else []
    return subjects[0] if subjects else "Reading"


def _observe(coach: Membership, cycle: Cycle, number: int, data: tuple) -> Visit:
    weeks, notes, ratings, tallies = data
    visit = services.visit_add(
        actor=coach,
        cycle=cycle,
        kind=Visit.Kind.OBSERVATION,
        minutes=45,
        on=_ago(weeks),
        rubric_key=RUBRIC,
    )
    for index, (seconds, text) in enumerate(notes):
        client_id = uuid5(NAMESPACE_URL, f"trellis-demo/{cycle.uuid}/{number}/note/{index}")
        services.note_save(
            actor=coach, visit=visit, client_id=client_id, at_seconds=seconds, text=text
        )
    for indicator, level in ratings.items():
        services.rating_save(actor=coach, visit=visit, indicator=indicator, level=level)
    for index, (seconds, engaged, present) in enumerate(tallies):
        client_id = uuid5(NAMESPACE_URL, f"trellis-demo/{cycle.uuid}/{number}/tally/{index}")
        services.tally_add(
            actor=coach,
            visit=visit,
            client_id=client_id,
            at_seconds=seconds,
            engaged=engaged,
            present=present,
        )
    return visit


def _at_improve(coach: Membership, teacher: Membership) -> None:
    engagement = _engagement(coach, teacher, "Reading fluency with the class")
    cycle = services.cycle_start(
        actor=coach,
        engagement=engagement,
        subject=_subject(teacher),
        school_goal=_reading_goal(coach),
        started_on=_ago(8),
    )
    services.visit_add(actor=coach, cycle=cycle, kind=Visit.Kind.PLANNING, minutes=30, on=_ago(8))
    first = _observe(coach, cycle, 0, OBSERVATIONS[0])
    services.cycle_save(
        actor=coach,
        cycle=cycle,
        reality_source=Cycle.Source.STUDENT_DATA,
        reality="9 of 24 students read a grade-level passage at 90 words a minute; in the observed "
        "lesson most reading time went to waiting for a turn.",
        goal_text=GOAL,
        standard=STANDARD,
        group=Cycle.Group.CLASS,
        target_percent=80,
        teacher_cares=True,
    )
    for weeks, students, reached in CHECKS:
        services.check_add(
            actor=coach,
            cycle=cycle,
            students=students,
            reached=reached,
            taken_on=_ago(weeks),
            is_baseline=weeks == 7,
        )
    summary, next_step = DEBRIEFS[0]
    services.visit_add(
        actor=coach, cycle=cycle, kind=Visit.Kind.DEBRIEF, minutes=30, on=_ago(6), of_visit=first,
        summary=summary, next_step=next_step,
    )  # fmt: skip
    services.cycle_advance(actor=coach, cycle=cycle, stage=Cycle.Stage.LEARN)
    services.cycle_save(actor=coach, cycle=cycle, strategy=STRATEGY, checklist=CHECKLIST)
    cycle.refresh_from_db()
    services.visit_add(actor=coach, cycle=cycle, kind=Visit.Kind.MODELLING, minutes=45, on=_ago(5))
    services.cycle_advance(actor=coach, cycle=cycle, stage=Cycle.Stage.IMPROVE)
    cycle.refresh_from_db()
    for number in (1, 2):
        visit = _observe(coach, cycle, number, OBSERVATIONS[number])
        summary, next_step = DEBRIEFS[number]
        services.visit_add(
            actor=coach, cycle=cycle, kind=Visit.Kind.DEBRIEF, minutes=25, on=visit.on, of_visit=visit,
            summary=summary, next_step=next_step,
        )  # fmt: skip


def _at_identify(coach: Membership, teacher: Membership) -> None:
    engagement = _engagement(coach, teacher, "Questions that get every student thinking")
    cycle = services.cycle_start(
        actor=coach, engagement=engagement, subject=_subject(teacher), started_on=_ago(1)
    )
    services.visit_add(actor=coach, cycle=cycle, kind=Visit.Kind.PLANNING, minutes=30, on=_ago(1))
    visit = services.visit_add(
        actor=coach, cycle=cycle, kind=Visit.Kind.OBSERVATION, minutes=40, on=timezone.localdate(),
        rubric_key=RUBRIC, video_url="https://video.example/lessons/questioning-1",
    )  # fmt: skip
    for index, (seconds, text) in enumerate(
        [
            (120, "Teacher asks a question; the same three hands go up."),
            (600, "Wait time under two seconds."),
        ]
    ):
        client_id = uuid5(NAMESPACE_URL, f"trellis-demo/{cycle.uuid}/identify/{index}")
        services.note_save(
            actor=coach, visit=visit, client_id=client_id, at_seconds=seconds, text=text
        )
    services.rating_save(actor=coach, visit=visit, indicator="questions", level=2)


def seed(demo: DemoOrgs) -> None:
    found = _people()
    if found is None:
        return
    coach, (first, second) = found
    if not Cycle.objects.filter(engagement__coach=coach).exists():
        _at_improve(coach, first)
        _at_identify(coach, second)
    _tick_checklists(coach)


def _tick_checklists(coach: Membership) -> None:
    """The Improve observations tick the strategy's checklist: more of it each time (the same
    ticks every seed, so seeding again changes nothing)."""
    for cycle in Cycle.objects.filter(engagement__coach=coach).exclude(checklist=[]):
        items = [item["text"] for item in cycle.checklist]
        observed = cycle.visits.filter(kind=Visit.Kind.OBSERVATION, stage=Cycle.Stage.IMPROVE)
        for number, visit in enumerate(observed.order_by("on", "id"), start=1):
            done = items[: max(1, len(items) * number // 2)]
            if visit.checklist_done != done:
                services.visit_checklist(actor=coach, visit=visit, done=done)
