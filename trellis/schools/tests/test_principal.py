"""A principal (not a matrix persona) sees that coaching happens and the five-feature totals of
their school, withheld below the anonymity threshold, never one teacher's hours or coaching
content; a principal of another school sees nothing."""

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from trellis.schools import selectors, services
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


def _teachers(world, school, n):
    """n more teachers at the school, each with a 90-minute visit."""
    from trellis.schools.models import TeacherProfile

    for i in range(n):
        t = person(world.org, f"t{i}@acme.test", f"Teacher {i}", is_coachee=True)
        TeacherProfile.objects.create(org=world.org, membership=t, school=school, grades=["3"])
        services.record_activity(
            actor=world.alice,
            teacher=t,
            kind="one_on_one",
            activity_type="visit",
            on=timezone.localdate(),
            minutes=90,
            features={"content", "active", "sustained"},
            subject="Mathematics",
        )


@override_settings(ANONYMITY_THRESHOLD=5)
def test_a_school_with_one_teacher_shows_its_principal_no_figure(world, client):
    lincoln = school_for(world)
    _visit(world)
    client.force_login(lincoln.principal.user)
    page = client.get(reverse("schools:detail", args=[world.org.slug, lincoln.school.uuid]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "fewer than 5 teachers" in body and "Hours by feature" not in body
    assert "1.5 hours" not in body
    api = selectors.school_hours(lincoln.school)
    assert api.withheld and api.total == 0 and api.by_feature == []


@override_settings(ANONYMITY_THRESHOLD=5)
def test_the_principal_sees_totals_of_five_teachers_but_no_teacher_and_no_import(world, client):
    lincoln = school_for(world)
    _visit(world)
    _teachers(world, lincoln.school, 4)
    # one teacher alone did a workshop: its kind is withheld, never that teacher's minutes
    services.record_activity(
        actor=world.olga,
        teacher=world.bob,
        kind="group",
        activity_type="workshop",
        on=timezone.localdate(),
        minutes=120,
        features={"collective"},
    )
    client.force_login(lincoln.principal.user)
    page = client.get(reverse("schools:detail", args=[world.org.slug, lincoln.school.uuid]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hours by feature" in body and "Content focus" in body
    assert "9.5 hours" in body  # 5 x 1.5 + 2
    hidden = (
        "Not shown, as fewer than 5 teachers took part: Collective participation, One-on-one, Group"
    )
    assert hidden in body  # one-on-one too: else the total minus it would give the group hours
    assert "Hours this year" not in body  # no teacher's own hours
    teacher = reverse("schools:teacher", args=[world.org.slug, world.bob.teacher_profile.uuid])
    assert client.get(teacher).status_code == 403
    assert client.get(reverse("schools:import", args=[world.org.slug])).status_code == 403
    url = reverse("schools:activity_add", args=[world.org.slug, world.bob.teacher_profile.uuid])
    assert client.post(url).status_code == 403


def test_the_school_coach_sees_each_teacher_but_not_the_school_totals(world, client):
    lincoln = school_for(world)
    _visit(world)
    client.force_login(world.alice.user)
    body = client.get(
        reverse("schools:detail", args=[world.org.slug, lincoln.school.uuid])
    ).content.decode()
    assert "Hours by feature" not in body and "Hours this year" in body


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
