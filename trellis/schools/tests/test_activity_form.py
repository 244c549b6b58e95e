"""A teacher records a workshop or a self-study on their page tagged with the five features,
coherence naming the school or district goal it serves and active learning saying how (issue 16);
their page shows the year's hours by feature and by kind against the target with charts, an
activity of last school year left out. A refused form keeps what was typed and names the field;
any input is a redirect or a named refusal (hypothesis)."""

import json
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.goals.models import Goal
from trellis.schools import selectors
from trellis.schools.models import LearningActivity
from trellis.schools.tests.helpers import school_for


def _goal(world) -> Goal:
    return Goal.objects.create(
        org=world.org, level=Goal.Level.ORGANIZATION, title="Every child reads by grade 3"
    )


def _url(world) -> str:
    return reverse("schools:activity_add", args=[world.org.slug, world.bob.teacher_profile.uuid])


def test_a_workshop_names_the_goal_it_serves_and_how_it_was_active(world, client):
    school_for(world)
    goal = _goal(world)
    client.force_login(world.bob.user)
    page = reverse("schools:teacher", args=[world.org.slug, world.bob.teacher_profile.uuid])
    assert "Every child reads by grade 3" in client.get(page).content.decode()  # offered
    done = client.post(
        _url(world),
        {
            "activity_type": "workshop",
            "kind": "group",
            "on": timezone.localdate().isoformat(),
            "minutes": "120",
            "title": "District workshop: fluency",
            "features": ["coherence", "active", "sustained"],
            "active_mode": "practice",
            "goal": str(goal.uuid),
        },
    )
    assert done.status_code == 302
    row = LearningActivity.objects.get(teacher=world.bob)
    assert (row.coherence, row.goal, row.active_mode) == (True, goal, "practice")
    body = client.get(page).content.decode()
    assert "Coherence (Every child reads by grade 3)" in body and "Active (Practice)" in body


def test_coherence_without_a_goal_is_refused_naming_it_and_keeps_what_was_typed(world, client):
    school_for(world)
    _goal(world)
    client.force_login(world.bob.user)
    refused = client.post(
        _url(world),
        {
            "activity_type": "self_study",
            "kind": "support",
            "on": timezone.localdate().isoformat(),
            "minutes": "45",
            "title": "Reading on fluency",
            "features": ["coherence"],
        },
    )
    body = refused.content.decode()
    assert refused.status_code == 400
    assert 'id="id_goal_error"' in body  # the error sits on the goal field
    assert 'value="Reading on fluency"' in body
    assert not LearningActivity.objects.exists()
    unknown = client.post(
        _url(world),
        {
            "activity_type": "self_study",
            "kind": "support",
            "on": timezone.localdate().isoformat(),
            "minutes": "45",
            "features": ["active"],
            "active_mode": "lecture",
        },
    )
    assert unknown.status_code == 400 and "lecture" in unknown.content.decode()


def test_the_api_records_the_active_mode_and_refuses_an_unknown_one(world, client, api_token):
    school_for(world)
    headers = {"Authorization": f"Bearer {api_token(world.bob)}"}
    url = f"/api/v1/schools/teachers/{world.bob.teacher_profile.uuid}/activities"
    body = {
        "type": "self_study",
        "kind": "support",
        "on": timezone.localdate().isoformat(),
        "minutes": 30,
        "features": ["active"],
        "active_mode": "feedback",
    }
    made = client.post(url, json.dumps(body), content_type="application/json", headers=headers)
    assert made.status_code == 201 and made.json()["active_mode"] == "feedback"
    bad = client.post(
        url,
        json.dumps(body | {"active_mode": "lecture"}),
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code in (400, 422) and "active_mode" in json.dumps(bad.json())


def test_the_teachers_page_shows_the_years_hours_by_feature_and_kind_against_the_target(
    world, client
):
    school_for(world)
    client.force_login(world.bob.user)
    today = timezone.localdate()
    hours = selectors.teacher_hours(world.bob.teacher_profile)
    for on, minutes in ((today, 90), (hours.year_start - timedelta(days=1), 600)):
        LearningActivity.objects.create(
            org=world.org,
            teacher=world.bob,
            kind="one_on_one",
            type="visit",
            on=on,
            minutes=minutes,
            sustained=True,
            collective=False,
        )
    page = reverse("schools:teacher", args=[world.org.slug, world.bob.teacher_profile.uuid])
    body = client.get(page).content.decode()
    assert "1.5 hours" in body and "11.5" not in body  # last school year's 10 hours left out
    assert "the target is 20 contact hours a teacher" in body
    assert body.count("<svg") >= 3  # against the target, by feature, by kind
    assert "Sustained duration" in body and "One-on-one" in body
    assert isinstance(hours.year_start, date)


FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "activity_type": st.sampled_from(["workshop", "self_study", "visit", "x", ""]),
        "kind": st.sampled_from(["one_on_one", "group", "support", "solo", ""]),
        "on": st.one_of(st.dates().map(str), st.text(max_size=12)),
        "minutes": st.one_of(st.integers(-5, 2000).map(str), st.text(max_size=6)),
        "title": st.text(max_size=200),
        "features": st.lists(
            st.sampled_from(["content", "active", "coherence", "sustained", "collective", "z"]),
            max_size=5,
        ),
        "subject": st.text(max_size=90),
        "standard": st.text(max_size=40),
        "active_mode": st.sampled_from(["observation", "practice", "feedback", "lecture", ""]),
        "goal": st.one_of(st.just("GOAL"), st.text(max_size=40)),
    },
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=FIELDS)
def test_random_activity_forms_answer_a_redirect_or_a_named_refusal(world, client, data):
    if getattr(world, "_goal", None) is None:
        school_for(world)
        world._goal = _goal(world)
    if data.get("goal") == "GOAL":
        data["goal"] = str(world._goal.uuid)
    client.force_login(world.bob.user)
    page = client.post(_url(world), data)
    assert page.status_code in (302, 400)
    if page.status_code == 400:
        assert "errorlist" in page.content.decode()
