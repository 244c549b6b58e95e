from trellis.accounts.demo import DemoOrgs
from trellis.instructional import demo, selectors
from trellis.instructional.models import Cycle, Visit
from trellis.schools.models import LearningActivity, TeacherProfile
from trellis.schools.tests.helpers import person, school_for


def test_the_demo_coach_runs_two_cycles_one_at_improve_with_a_goal_chart(world):
    lincoln = school_for(world)
    eve = person(world.org, "eve@acme.test", "Eve Teacher", is_coachee=True)
    TeacherProfile.objects.create(
        org=world.org, membership=eve, school=lincoln.school, grades=["4"]
    )
    orgs = DemoOrgs(world.org, {}, world.carol_org, {})
    demo.seed(orgs)
    demo.seed(orgs)  # idempotent
    improve, identify = Cycle.objects.order_by("id")
    assert (improve.stage, identify.stage) == ("improve", "identify")
    assert improve.visits.filter(kind=Visit.Kind.OBSERVATION).count() == 3
    assert improve.visits.filter(kind=Visit.Kind.DEBRIEF).count() == 3
    ticked = [
        len(v.checklist_done)
        for v in improve.visits.filter(kind="observation", stage="improve").order_by("on", "id")
    ]
    assert ticked[0] >= 1 and ticked[-1] == len(improve.checklist)  # more of it each time
    assert improve.checks.count() == 4 and selectors.baseline_percent(improve) == 38
    assert selectors.evidence_chart(improve).startswith("<svg")
    assert identify.visits.count() == 2
    visits = Visit.objects.count()
    assert LearningActivity.objects.filter(source_kind="instructional.visit").count() == visits
