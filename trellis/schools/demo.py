"""Demo schools: Riverside School District, with Lincoln Elementary. Paula is its principal, Irene
the district's instructional coach (assigned to Lincoln and to Hillcrest Middle), and Tom, Priya,
Sam, Lena and Marco teach grade 3 (mathematics, reading, science, art, music): five teachers, the
anonymity threshold a school needs before its principal sees its totals. The Grade 3 team, a
learning community the first three accepted, has a shared goal under the school's reading goal and
two huddles (one looking at student work, one tuning a lesson: the two protocols). Each teacher has a district workshop and a self-study, so every teacher's page and
the school's page show hours by feature and by kind against the 20-hour target; the instructional
demo (trellis/instructional/demo.py) adds Irene's visits on top. Idempotent.

Sign in as paula@riverside.example (the principal) or irene@riverside.example (the coach), with
the demo password."""

from datetime import date, timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs, Person, _org
from trellis.goals.models import Goal
from trellis.schools import plc, services
from trellis.schools.models import School, SchoolAssignment, SchoolSetup, TeacherProfile

SLUG = "riverside"
PEOPLE = [
    Person("olivia@riverside.example", "Olivia Grant", ("admin",), note="district admin"),
    Person("paula@riverside.example", "Paula Reyes", (), note="principal of Lincoln Elementary"),
    Person("irene@riverside.example", "Irene Novak", ("coach",), note="instructional coach"),
    Person("tom@riverside.example", "Tom Becker", ("coachee",), note="grade 3 teacher"),
    Person("priya@riverside.example", "Priya Shah", ("coachee",)),
    Person("sam@riverside.example", "Sam Okafor", ("coachee",)),
    Person("lena@riverside.example", "Lena Fischer", ("coachee",), note="grade 3 teacher"),
    Person("marco@riverside.example", "Marco Rossi", ("coachee",), note="grade 3 teacher"),
]
TEACHERS = {"tom": ["Mathematics"], "priya": ["Reading"], "sam": ["Science"]}
# Two more grade 3 teachers (not in the Grade 3 team), so that Lincoln reaches the anonymity
# threshold (5 teachers) and its principal sees the school's totals.
MORE_TEACHERS = {"lena": ["Art"], "marco": ["Music"]}
SCHOOL_GOAL = "Every student reads at grade level by the end of grade 3"
PLC_GOAL = "Grade 3 students explain their reasoning in writing, in every subject"
HUDDLES = [  # weeks ago, what it looked at, the standard, the protocol
    (3, "Exit tickets: fractions on a number line", "3.NF.A.2", "looking-at-student-work"),
    (1, "A lesson plan: explaining a character's choice", "RL.3.3", "tuning-a-lesson"),
]


def seed(demo: DemoOrgs) -> None:
    org, people = _org(SLUG, "Riverside School District", PEOPLE)
    found = School.objects.filter(org=org, name="Lincoln Elementary").first()
    if found is not None:
        _more_teachers(people, found)  # a database seeded before they were added
        return
    setup, _ = SchoolSetup.objects.update_or_create(
        org=org, defaults={"kind": SchoolSetup.Kind.DISTRICT, "hours_target": 20}
    )
    lincoln = School.objects.create(org=org, name="Lincoln Elementary", code="LIN")
    hillcrest = School.objects.create(org=org, name="Hillcrest Middle", code="HIL")
    admin, paula, irene = people["olivia"], people["paula"], people["irene"]
    SchoolAssignment.objects.create(
        org=org, school=lincoln, membership=irene, role=SchoolAssignment.Role.COACH
    )
    SchoolAssignment.objects.create(
        org=org, school=hillcrest, membership=irene, role=SchoolAssignment.Role.COACH
    )
    SchoolAssignment.objects.create(
        org=org, school=lincoln, membership=paula, role=SchoolAssignment.Role.PRINCIPAL
    )
    teachers = []
    for key, subjects in TEACHERS.items():
        TeacherProfile.objects.create(
            org=org, membership=people[key], school=lincoln, grades=["3"], subjects=subjects
        )
        teachers.append(people[key])
    school_goal = Goal.objects.create(org=org, level=Goal.Level.ORGANIZATION, title=SCHOOL_GOAL)
    community = plc.community_create(
        actor=paula,
        school=lincoln,
        name="Grade 3 team",
        focus="grade",
        grade="3",
        invite=teachers,
        facilitator=irene,
    )
    for teacher in teachers:
        plc.community_respond(actor=teacher, community=community, accept=True)
    shared = plc.community_goal_add(
        actor=paula, community=community, title=PLC_GOAL, parent=school_goal
    )
    today = timezone.localdate()
    year_start = setup.year_of(today)[0]

    def ago(delta: timedelta) -> date:  # never before this school year: its pages show it all
        return max(today - delta, year_start)

    for weeks, focus, standard, protocol in HUDDLES:
        plc.huddle_log(
            actor=irene,
            community=community,
            on=ago(timedelta(weeks=weeks)),
            minutes=60,
            present=teachers,
            focus=focus,
            standard=standard,
            goal=shared,
            protocol=protocol,
        )
    _more_teachers(people, lincoln)
    for index, teacher in enumerate(teachers):
        subject = TEACHERS[list(TEACHERS)[index]][0]
        services.record_activity(
            actor=admin,
            teacher=teacher,
            kind="group",
            activity_type="workshop",
            on=ago(timedelta(weeks=6)),
            minutes=180,
            features={"content", "active", "coherence", "sustained", "collective"},
            subject=subject,
            active_mode="practice",
            goal=school_goal,
            title="District workshop: talk moves",
        )
        services.record_activity(
            actor=teacher,
            teacher=teacher,
            kind="support",
            activity_type="self_study",
            on=ago(timedelta(weeks=4, days=index)),
            minutes=60 + 30 * index,
            features={"content", "sustained"},
            subject=subject,
            title="Reading on formative assessment",
        )


def _more_teachers(people: dict, lincoln: School) -> None:
    """Lena and Marco teach at Lincoln, each with a district workshop and a self-study: made once
    (their profile is the mark), so seeding again adds nothing."""
    org = lincoln.org
    admin = people["olivia"]
    setup = SchoolSetup.objects.filter(org=org).first() or SchoolSetup(org=org)
    today = timezone.localdate()
    year_start = setup.year_of(today)[0]
    goal = Goal.objects.filter(org=org, title=SCHOOL_GOAL).order_by("pk").first()
    for index, (key, subjects) in enumerate(MORE_TEACHERS.items()):
        teacher = people[key]
        _, made = TeacherProfile.objects.get_or_create(
            membership=teacher,
            defaults={"org": org, "school": lincoln, "grades": ["3"], "subjects": subjects},
        )
        if not made:
            continue
        services.record_activity(
            actor=admin,
            teacher=teacher,
            kind="group",
            activity_type="workshop",
            on=max(today - timedelta(weeks=6), year_start),
            minutes=180,
            features={"content", "active", "coherence", "sustained", "collective"}
            if goal
            else {"content", "active", "sustained", "collective"},
            subject=subjects[0],
            active_mode="practice",
            goal=goal,
            title="District workshop: talk moves",
        )
        services.record_activity(
            actor=teacher,
            teacher=teacher,
            kind="support",
            activity_type="self_study",
            on=max(today - timedelta(weeks=3, days=index), year_start),
            minutes=90,
            features={"content", "sustained"},
            subject=subjects[0],
            title="Reading on formative assessment",
        )
