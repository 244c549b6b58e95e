"""The demo shows a district with Lincoln Elementary: a principal, an instructional coach, five
grade 3 teachers (the anonymity threshold), the Grade 3 team with two huddles, and hours by feature for each teacher and
the school."""

from django.urls import reverse

from trellis.schools import selectors
from trellis.schools.models import Huddle, School


def test_it_seeds_a_school_with_a_plc_two_huddles_and_hours_by_feature(db, client):
    from trellis.accounts.demo import orgs
    from trellis.schools import demo

    demo.seed(orgs())
    demo.seed(orgs())  # idempotent
    lincoln = School.objects.get(org__slug="riverside", name="Lincoln Elementary")
    assert Huddle.objects.filter(community__school=lincoln).count() == 2
    teachers = list(selectors.teachers_of(lincoln))
    assert len(teachers) == 5  # the anonymity threshold: the principal sees the school's totals
    for teacher in teachers:
        if teacher.membership.user.email.split("@")[0] in demo.MORE_TEACHERS:
            continue  # not in the Grade 3 team: no huddle
        hours = {k: h for k, _, h in selectors.teacher_hours(teacher).by_feature}
        assert hours["collective"] == 5.0  # two huddles of an hour and a 3-hour workshop
        assert all(hours[k] > 0 for k in hours)
    school = selectors.school_hours(lincoln)
    assert school.teachers == 5 and school.total > 0 and not school.withheld
    paula = lincoln.assignments.get(role="principal").membership
    client.force_login(paula.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("schools:detail", args=["riverside", lincoln.uuid]))
    assert page.status_code == 200 and "Collective participation" in page.content.decode()
