"""Issue 16: learning communities 'by grade, subject or school'. A grade's community names one
grade (checked as the CSV checks grades), a subject's its subject, the whole school's neither; a
refusal names the field (service, page keeping what was typed, API)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

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
