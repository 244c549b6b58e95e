"""A principal (not a matrix persona) sees that coaching happens and the five-feature totals of
their school, never a teacher's coaching content; a principal of another school sees nothing."""

from django.urls import reverse
from django.utils import timezone

from trellis.schools import services
from trellis.schools.models import School, SchoolAssignment
from trellis.schools.tests.helpers import person, school_for


def _visit(world):
    services.record_activity(
        actor=world.alice,
        teacher=world.bob,
        kind="one_on_one",
        activity_type="visit",
        on=timezone.localdate(),
        minutes=90,
        features={"content", "active", "sustained"},
        subject="Mathematics",
        title="Observation",
    )


def test_the_principal_sees_hours_by_feature_and_no_import(world, client):
    lincoln = school_for(world)
    _visit(world)
    client.force_login(lincoln.principal.user)
    page = client.get(reverse("schools:detail", args=[world.org.slug, lincoln.school.uuid]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hours by feature" in body and "Content focus" in body
    assert "1.5 hours" in body
    teacher = client.get(
        reverse("schools:teacher", args=[world.org.slug, world.bob.teacher_profile.uuid])
    )
    assert teacher.status_code == 200
    assert "Record a workshop" not in teacher.content.decode()
    assert client.get(reverse("schools:import", args=[world.org.slug])).status_code == 403
    url = reverse("schools:activity_add", args=[world.org.slug, world.bob.teacher_profile.uuid])
    assert client.post(url).status_code == 403


def test_a_principal_of_another_school_sees_nothing_of_this_one(world, client):
    lincoln = school_for(world)
    other = School.objects.create(org=world.org, name="Roosevelt Middle")
    rex = person(world.org, "rex@acme.test", "Rex Principal")
    SchoolAssignment.objects.create(
        org=world.org, school=other, membership=rex, role=SchoolAssignment.Role.PRINCIPAL
    )
    client.force_login(rex.user)
    assert (
        client.get(
            reverse("schools:detail", args=[world.org.slug, lincoln.school.uuid])
        ).status_code
        == 403
    )
    teacher = reverse("schools:teacher", args=[world.org.slug, world.bob.teacher_profile.uuid])
    assert client.get(teacher).status_code == 403
    listing = client.get(reverse("schools:list", args=[world.org.slug])).content.decode()
    assert "Roosevelt Middle" in listing and "Lincoln Elementary" not in listing


def test_a_teacher_does_not_see_colleagues_hours_on_the_school_page(world, client):
    lincoln = school_for(world)
    _visit(world)
    client.force_login(world.bob.user)
    body = client.get(
        reverse("schools:detail", args=[world.org.slug, lincoln.school.uuid])
    ).content.decode()
    assert "Hours by feature" not in body


def test_the_principal_makes_a_community_and_adds_a_shared_goal_under_the_school_goal(
    world, client
):
    from trellis.goals.models import Goal
    from trellis.schools.models import LearningCommunity

    lincoln = school_for(world)
    school_goal = Goal.objects.create(
        org=world.org, level=Goal.Level.ORGANIZATION, title="Readers by grade 3"
    )
    client.force_login(lincoln.principal.user)
    url = reverse("schools:community_create", args=[world.org.slug, lincoln.school.uuid])
    made = client.post(
        url,
        {"name": "Grade 3 team", "focus": "grade", "grade": "3", "invite": [str(world.bob.uuid)]},
    )
    assert made.status_code == 302
    community = LearningCommunity.objects.get(name="Grade 3 team")
    assert community.members.get().membership == world.bob
    goal_url = reverse("schools:community_goal", args=[world.org.slug, community.uuid])
    added = client.post(goal_url, {"title": "Explain in writing", "parent": str(school_goal.uuid)})
    assert added.status_code == 302
    assert community.goals.get().parent == school_goal
    settings_url = reverse("schools:settings", args=[world.org.slug])
    assert client.get(settings_url).status_code == 403
