"""Issue 16's 'Done when' on the real demo, seeded as `make demo` seeds it (the schools demo, then
the instructional demo, twice): Riverside's Lincoln Elementary with five teachers, Irene running two
Impact Cycles (one at Improve with three observations rated on the shipped rubric and a goal
chart, one at Identify), the Grade 3 learning community with two huddles, and hours by feature
for every teacher and the school; the principal sees the totals and none of the cycles."""

from django.urls import reverse

from trellis.instructional import selectors as cycles
from trellis.instructional.models import Cycle, Rating, Visit
from trellis.schools import selectors
from trellis.schools.models import Huddle, LearningCommunity, School


def test_the_riverside_demo_has_everything_the_issue_asks_for(db, client):
    from trellis.accounts.demo import orgs
    from trellis.instructional import demo as instructional_demo
    from trellis.schools import demo as schools_demo

    for _ in range(2):  # idempotent
        made = orgs()
        schools_demo.seed(made)
        instructional_demo.seed(made)
    lincoln = School.objects.get(org__slug="riverside", name="Lincoln Elementary")
    assert lincoln.org.school_setup.kind == "district"
    assert lincoln.org.schools.count() == 2  # a district with schools
    community = LearningCommunity.objects.get(school=lincoln)
    assert (community.focus, community.grade) == ("grade", "3")
    assert Huddle.objects.filter(community=community).count() == 2
    assert len({h.protocol for h in Huddle.objects.filter(community=community)}) == 2

    found = Cycle.objects.filter(org=lincoln.org).order_by("id")
    assert [c.stage for c in found] == ["improve", "identify"]
    improve = found[0]
    assert improve.engagement.coach.user.email == "irene@riverside.example"
    observations = improve.visits.filter(kind=Visit.Kind.OBSERVATION)
    assert observations.count() == 3
    assert set(observations.values_list("rubric_key", flat=True)) == {"trellis-classroom"}
    assert Rating.objects.filter(visit__in=observations).count() >= 3 * 4
    assert cycles.evidence_chart(improve).startswith("<svg")

    teachers = list(selectors.teachers_of(lincoln))
    assert len(teachers) == 5
    for teacher in teachers:
        hours = selectors.teacher_hours(teacher)
        by_feature = {k: h for k, _, h in hours.by_feature}
        assert hours.total > 0 and by_feature["sustained"] > 0, teacher
    school = selectors.school_hours(lincoln)
    assert not school.withheld and school.teachers == 5 and school.by_feature

    paula = lincoln.assignments.get(role="principal").membership
    client.force_login(paula.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("schools:detail", args=["riverside", lincoln.uuid]))
    body = page.content.decode()
    assert page.status_code == 200 and "Hours by feature" in body
    assert improve.goal_text not in body
    cycle_page = client.get(reverse("instructional:cycle", args=["riverside", improve.uuid]))
    assert cycle_page.status_code in (403, 404)
