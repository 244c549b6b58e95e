"""Issue 16: 'instructional coaches work across schools'. A coach assigned to two schools opens
both schools' pages with each teacher's hours and their teachers' pages; a coach assigned to one
school only is refused the other (403)."""

from django.urls import reverse
from django.utils import timezone

from trellis.schools import services
from trellis.schools.models import School, SchoolAssignment, TeacherProfile
from trellis.schools.tests.helpers import person, school_for


def test_a_coach_assigned_to_two_schools_works_in_both_and_another_in_one(world, client):
    lincoln = school_for(world)  # Alice coaches at Lincoln
    roosevelt = School.objects.create(org=world.org, name="Roosevelt Middle")
    SchoolAssignment.objects.create(
        org=world.org, school=roosevelt, membership=world.alice, role=SchoolAssignment.Role.COACH
    )
    rita = person(world.org, "rita@acme.test", "Rita Teacher", is_coachee=True)
    profile = TeacherProfile.objects.create(
        org=world.org, membership=rita, school=roosevelt, grades=["7"], subjects=["Science"]
    )
    services.record_activity(
        actor=world.alice,
        teacher=rita,
        kind="one_on_one",
        activity_type="visit",
        on=timezone.localdate(),
        minutes=45,
        features={"sustained"},
    )
    cody = person(world.org, "cody@acme.test", "Cody Coach", is_coach=True)
    SchoolAssignment.objects.create(
        org=world.org, school=lincoln.school, membership=cody, role=SchoolAssignment.Role.COACH
    )
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")
    for school in (lincoln.school, roosevelt):
        page = client.get(reverse("schools:detail", args=[world.org.slug, school.uuid]))
        assert page.status_code == 200 and "Hours this year" in page.content.decode()
    teacher = reverse("schools:teacher", args=[world.org.slug, profile.uuid])
    assert client.get(teacher).status_code == 200
    client.force_login(cody.user, backend="django.contrib.auth.backends.ModelBackend")
    assert (
        client.get(
            reverse("schools:detail", args=[world.org.slug, lincoln.school.uuid])
        ).status_code
        == 200
    )
    assert (
        client.get(reverse("schools:detail", args=[world.org.slug, roosevelt.uuid])).status_code
        == 403
    )
    assert client.get(teacher).status_code == 403
