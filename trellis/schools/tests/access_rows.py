"""Page access rows for schools (collected by the page access matrix). Lincoln Elementary in
Acme: Bob teaches grade 3 there and has accepted a place in its grade 3 community; Alice is the
instructional coach assigned to it; Olga administers Acme; Dana (a sponsor) has no part in any
school; Carol learns nothing of Acme. The principal, who is not a matrix persona, has her own
tests in test_principal.py."""

from django.utils import timezone

from trellis.schools import plc, services
from trellis.schools.tests.helpers import school_for
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    lincoln = school_for(world)
    world.school = lincoln.school
    world.teacher = world.bob.teacher_profile
    world.coach_assignment = lincoln.school.assignments.get(membership=world.alice)
    world.community = plc.community_create(
        actor=world.alice,
        school=lincoln.school,
        name="Grade 3 team",
        focus="grade",
        grade="3",
        invite=[world.bob],
    )
    plc.community_respond(actor=world.bob, community=world.community, accept=True)
    services.record_activity(
        actor=world.alice,
        teacher=world.bob,
        kind="one_on_one",
        activity_type="visit",
        on=timezone.localdate(),
        minutes=45,
        features={"active", "sustained"},
    )


def _school(w):
    return [w.org.slug, w.school.uuid]


def _teacher(w):
    return [w.org.slug, w.teacher.uuid]


def _community(w):
    return [w.org.slug, w.community.uuid]


PAGES = [
    row("schools:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("schools:import", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    row("schools:settings", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    # a school's principals, coaches and one teacher at a time: admins only
    row(
        "schools:staff",
        args=_school,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    # an empty form: 400 naming the role and the member
    row(
        "schools:staff",
        "POST",
        _school,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=400,
        carol=404,
    ),
    # the school's coach, principal and admins make a community
    row(
        "schools:community_create",
        args=_school,
        anon=LOGIN,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    # an empty form: 400, for those who manage the community
    row(
        "schools:community_goal",
        "POST",
        _community,
        anon=LOGIN,
        alice=400,
        bob=403,
        dana=403,
        olga=400,
        carol=404,
    ),
    # a teacher sees their school's page (teachers, communities) without the hours of others
    row(
        "schools:detail",
        args=_school,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    row(
        "schools:teacher",
        args=_teacher,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    # an empty form: 400 naming the fields, for the teacher, coaches and admins
    row(
        "schools:activity_add",
        "POST",
        _teacher,
        anon=LOGIN,
        alice=400,
        bob=400,
        dana=403,
        olga=400,
        carol=404,
    ),
    row(
        "schools:community",
        args=_community,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    # only an invited or accepted teacher answers (no answer given: they say no, back to the page)
    row(
        "schools:community_respond",
        "POST",
        _community,
        anon=LOGIN,
        alice=403,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "schools:huddle_log",
        args=_community,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
]
