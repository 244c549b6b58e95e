"""A school's page (the coach's: each teacher's hours; the principal's: the totals at the
anonymity threshold) and a teacher's page answer in a constant number of queries, however many
teachers and activities there are."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trellis.schools import services
from trellis.schools.models import TeacherProfile
from trellis.schools.tests.helpers import person, school_for


def _queries(client, member, route, *args):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(route, args=[member.org.slug, *args])
    client.get(url)  # warm caches (the session)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, school, start, n):
    """n more teachers at the school, each with two activities; Bob gets two more."""
    for i in range(start, start + n):
        t = person(world.org, f"q{i}@acme.test", f"Teacher {i}", is_coachee=True)
        TeacherProfile.objects.create(org=world.org, membership=t, school=school, grades=["3"])
        for teacher in (t, world.bob):
            for kind, features in (("one_on_one", {"sustained"}), ("group", {"collective"})):
                services.record_activity(
                    actor=world.alice,
                    teacher=teacher,
                    kind=kind,
                    activity_type="visit" if kind == "one_on_one" else "workshop",
                    on=timezone.localdate(),
                    minutes=30,
                    features=features,
                )


@override_settings(ANONYMITY_THRESHOLD=5)
def test_the_school_and_teacher_pages_answer_in_constant_queries(world, client):
    lincoln = school_for(world)
    _grow(world, lincoln.school, 0, 5)
    pages = [
        (world.alice, "schools:detail", lincoln.school.uuid),
        (lincoln.principal, "schools:detail", lincoln.school.uuid),
        (world.alice, "schools:teacher", world.bob.teacher_profile.uuid),
    ]
    before = [_queries(client, *p) for p in pages]
    _grow(world, lincoln.school, 5, 7)
    after = [_queries(client, *p) for p in pages]
    assert after == before
