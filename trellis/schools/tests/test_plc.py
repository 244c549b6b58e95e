"""Learning communities: invitations the teacher answers, goals under the school's, huddles that
count as collective participation for every member present, and hours by feature."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.core.frameworks.loader import load_framework_file
from trellis.goals.models import Goal
from trellis.schools import plc, selectors
from trellis.schools.models import LearningActivity, TeacherProfile
from trellis.schools.tests.helpers import person, school_for


def test_the_protocol_framework_loads_like_a_builtin_one():
    framework = load_framework_file(plc.PROTOCOL_DIR / "looking-at-student-work.toml")
    assert [s.key for s in framework.stages] == ["task", "describe", "interpret", "next-steps"]


def test_a_huddle_counts_for_every_member_present(world):
    lincoln = school_for(world)
    tess = person(world.org, "tess@acme.test", "Tess Teacher", is_coachee=True)
    TeacherProfile.objects.create(
        org=world.org, membership=tess, school=lincoln.school, grades=["3"]
    )
    community = plc.community_create(
        actor=lincoln.principal,
        school=lincoln.school,
        name="Grade 3 team",
        focus="grade",
        grade="3",
        subject="Mathematics",
        invite=[world.bob, tess],
    )
    with pytest.raises(ValidationError):  # nobody has accepted yet
        plc.huddle_log(
            actor=world.alice, community=community, on=date(2026, 10, 1), minutes=45, present=[tess]
        )
    plc.community_respond(actor=world.bob, community=community, accept=True)
    plc.community_respond(actor=tess, community=community, accept=True)
    school_goal = Goal.objects.create(
        org=world.org, level=Goal.Level.ORGANIZATION, title="Every child reads by grade 3"
    )
    shared = plc.community_goal_add(
        actor=lincoln.principal,
        community=community,
        title="Fractions on a number line",
        parent=school_goal,
    )
    assert shared.parent == school_goal
    huddle = plc.huddle_log(
        actor=world.bob,  # a member logs it
        community=community,
        on=date(2026, 10, 1),
        minutes=60,
        present=[world.bob, tess],
        focus="Exit tickets on fractions",
        standard="3.NF.A.2",
        goal=shared,
    )
    rows = LearningActivity.objects.filter(source_uuid=huddle.uuid)
    assert rows.count() == 2
    assert all(r.collective and r.content_focus and r.coherence for r in rows)
    hours = selectors.school_hours(lincoln.school, today=date(2027, 1, 10), k=1)  # no threshold
    assert hours.total == 2.0 and hours.teachers == 2 and hours.per_teacher == 1.0
    assert {k: h for k, _, h in hours.by_feature}["collective"] == 2.0
    assert {k: h for k, _, h in hours.by_kind}["group"] == 2.0


def test_a_teacher_not_invited_cannot_answer_and_dana_cannot_create(world):
    lincoln = school_for(world)
    community = plc.community_create(
        actor=world.alice,
        school=lincoln.school,
        name="Maths",
        focus="subject",
        subject="Mathematics",
    )
    with pytest.raises(PermissionDenied):
        plc.community_respond(actor=world.bob, community=community, accept=True)
    with pytest.raises(PermissionDenied):
        plc.community_create(actor=world.dana, school=lincoln.school, name="X", focus="school")


def test_a_huddle_runs_either_protocol_and_an_unknown_one_is_refused_by_name(world, client):
    from django.urls import reverse

    lincoln = school_for(world)
    community = plc.community_create(
        actor=lincoln.principal,
        school=lincoln.school,
        name="Grade 3 team",
        focus="grade",
        grade="3",
        invite=[world.bob],
    )
    plc.community_respond(actor=world.bob, community=community, accept=True)
    assert set(plc.protocols()) == {"looking-at-student-work", "tuning-a-lesson"}
    client.force_login(world.bob.user)
    url = reverse("schools:huddle_log", args=[world.org.slug, community.uuid])
    form = client.get(url).content.decode()
    assert "Tuning a lesson" in form and "Looking at student work" in form
    logged = client.post(
        url,
        {
            "on": "2026-10-01",
            "minutes": "45",
            "protocol": "tuning-a-lesson",
            "present": [str(world.bob.uuid)],
            "focus": "A lesson plan on fractions",
        },
    )
    assert logged.status_code == 302
    assert community.huddles.get().protocol == "tuning-a-lesson"
    page = client.get(reverse("schools:community", args=[world.org.slug, community.uuid]))
    assert "<td>Tuning a lesson</td>" in page.content.decode()
    refused = client.post(
        url,
        {
            "on": "2026-10-02",
            "minutes": "45",
            "protocol": "fishbowl",
            "present": [str(world.bob.uuid)],
            "focus": "kept",
        },
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Select a valid choice" in body and 'value="kept"' in body
    with pytest.raises(ValidationError) as caught:
        plc.huddle_log(
            actor=world.bob,
            community=community,
            on=date(2026, 10, 2),
            minutes=30,
            present=[world.bob],
            protocol="fishbowl",
        )
    assert "protocol" in caught.value.message_dict


def test_the_second_protocol_loads_like_a_builtin_one():
    framework = load_framework_file(plc.PROTOCOL_DIR / "tuning-a-lesson.toml")
    assert [s.key for s in framework.stages] == ["present", "clarify", "feedback", "reflect"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "on": st.text(max_size=12),
            "minutes": st.text(alphabet="0123456789-x", max_size=5),
            "protocol": st.sampled_from(["tuning-a-lesson", "looking-at-student-work", "", "x"]),
            "focus": st.text(max_size=40),
            "standard": st.text(max_size=40),
        },
    )
)
def test_random_huddle_forms_answer_a_redirect_or_a_named_refusal(world, client, data):
    from django.urls import reverse

    if not hasattr(world, "_plc"):
        lincoln = school_for(world)
        world._plc = plc.community_create(
            actor=lincoln.principal,
            school=lincoln.school,
            name="G3",
            focus="grade",
            grade="3",
            invite=[world.bob],
        )
        plc.community_respond(actor=world.bob, community=world._plc, accept=True)
    client.force_login(world.bob.user)
    url = reverse("schools:huddle_log", args=[world.org.slug, world._plc.uuid])
    answer = client.post(url, {**data, "present": [str(world.bob.uuid)]})
    assert answer.status_code in (302, 400)
    if answer.status_code == 400:
        assert "errorlist" in answer.content.decode()
