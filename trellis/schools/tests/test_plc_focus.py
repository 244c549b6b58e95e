"""Issue 16: learning communities 'by grade, subject or school'. A grade's community names one
grade (checked as the CSV checks grades), a subject's its subject, the whole school's neither; a
refusal names the field (service, page keeping what was typed, API); any form is a redirect or a
named refusal (hypothesis)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.schools import plc
from trellis.schools.models import LearningCommunity
from trellis.schools.tests.helpers import school_for


def test_each_focus_names_what_it_is_about(world):
    lincoln = school_for(world)
    made = plc.community_create(
        actor=world.alice, school=lincoln.school, name="Kindergarten", focus="grade", grade="k"
    )
    assert made.grade == "K"
    plc.community_create(actor=world.alice, school=lincoln.school, name="All", focus="school")
    for grade in ("", "14", "3;4"):
        with pytest.raises(ValidationError) as refused:
            plc.community_create(
                actor=world.alice, school=lincoln.school, name="G", focus="grade", grade=grade
            )
        assert list(refused.value.message_dict) == ["grade"]
    with pytest.raises(ValidationError) as refused:
        plc.community_create(actor=world.alice, school=lincoln.school, name="M", focus="subject")
    assert list(refused.value.message_dict) == ["subject"]
    assert LearningCommunity.objects.count() == 2


def test_the_page_and_the_api_name_the_field(world, client, api_token):
    lincoln = school_for(world)
    client.force_login(lincoln.principal.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("schools:community_create", args=[world.org.slug, lincoln.school.uuid])
    page = client.post(url, {"name": "Grade team", "focus": "grade", "grade": "14"})
    body = page.content.decode()
    assert page.status_code == 400 and 'id="id_grade_error"' in body
    assert 'value="Grade team"' in body and 'value="14"' in body
    headers = {"Authorization": f"Bearer {api_token(world.olga)}"}
    answer = client.post(
        f"/api/v1/schools/{lincoln.school.uuid}/communities",
        json.dumps({"name": "Maths team", "focus": "subject"}),
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 400 and "subject" in json.dumps(answer.json())
    assert not LearningCommunity.objects.exists()


FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(max_size=160),
        "focus": st.sampled_from(["grade", "subject", "school", "club", ""]),
        "grade": st.one_of(
            st.sampled_from(["3", "k", "PK", "12", "14", "3;4"]), st.text(max_size=22)
        ),
        "subject": st.text(max_size=90),
        "invite": st.lists(st.one_of(st.just("BOB"), st.text(max_size=40)), max_size=3),
    },
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=FIELDS)
def test_random_community_forms_answer_a_redirect_or_a_named_refusal(world, client, data):
    lincoln = getattr(world, "_lincoln", None) or school_for(world)
    world._lincoln = lincoln
    data["invite"] = [str(world.bob.uuid) if i == "BOB" else i for i in data.get("invite", [])]
    client.force_login(lincoln.principal.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("schools:community_create", args=[world.org.slug, lincoln.school.uuid])
    page = client.post(url, data)
    assert page.status_code in (302, 400)
    if page.status_code == 400:
        assert "errorlist" in page.content.decode()
