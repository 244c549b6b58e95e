"""An admin assigns a school's principals and instructional coaches and adds one teacher, on the
staff page and in the API; a refused form keeps what was typed and names the field; random input
never answers 500 (hypothesis)."""

import json

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.schools.models import SchoolAssignment, TeacherProfile
from trellis.schools.tests.helpers import person, school_for


def _url(world, school):
    return reverse("schools:staff", args=[world.org.slug, school.uuid])


def test_the_admin_assigns_a_principal_and_adds_a_teacher(world, client):
    lincoln = school_for(world)
    rex = person(world.org, "rex@acme.test", "Rex Reading")
    client.force_login(world.olga.user)
    url = _url(world, lincoln.school)
    page = client.get(url)
    assert page.status_code == 200 and "Pam Principal" in page.content.decode()
    made = client.post(url, {"action": "assign", "role": "principal", "member": str(rex.uuid)})
    assert made.status_code == 302
    assert lincoln.school.relations_of(rex) == {"principal"}
    added = client.post(
        url,
        {"action": "teacher", "member": str(world.dana.uuid), "grades": "k;1", "subjects": "Art"},
    )
    assert added.status_code == 302
    profile = TeacherProfile.objects.get(membership=world.dana)
    assert (profile.school, profile.grades, profile.subjects) == (
        lincoln.school,
        ["K", "1"],
        ["Art"],
    )
    # the school's page now names the new principal; taking the assignment back removes it
    assignment = SchoolAssignment.objects.get(membership=rex)
    gone = client.post(url, {"action": "remove", "assignment": str(assignment.uuid)})
    assert gone.status_code == 302
    assert not SchoolAssignment.objects.filter(membership=rex).exists()


def test_a_refused_teacher_keeps_what_was_typed_and_names_the_field(world, client):
    lincoln = school_for(world)
    client.force_login(world.olga.user)
    page = client.post(
        _url(world, lincoln.school),
        {"action": "teacher", "member": str(world.dana.uuid), "grades": "3;13", "subjects": "Art"},
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "Expected grades PK, K or 1 to 12" in body and "&#x27;13&#x27;" in body
    assert 'value="3;13"' in body and 'value="Art"' in body
    assert not TeacherProfile.objects.filter(membership=world.dana).exists()


def test_a_member_of_another_organization_cannot_be_chosen(world, client):
    lincoln = school_for(world)
    client.force_login(world.olga.user)
    page = client.post(
        _url(world, lincoln.school),
        {"action": "assign", "role": "coach", "member": str(world.carol.uuid)},
    )
    assert page.status_code == 400
    assert "Select a valid choice" in page.content.decode()
    assert not SchoolAssignment.objects.filter(membership=world.carol).exists()


def test_the_api_assigns_lists_removes_and_adds_a_teacher(world, client, api_token):
    lincoln = school_for(world)
    headers = {"Authorization": f"Bearer {api_token(world.olga)}"}
    base = f"/api/v1/schools/{lincoln.school.uuid}"

    def post(path, body):
        return client.post(
            base + path, data=json.dumps(body), content_type="application/json", headers=headers
        )

    made = post("/staff", {"role": "coach", "member": str(world.dana.uuid)})
    assert made.status_code == 201 and made.json()["name"] == world.dana.user.display_name
    assert post("/staff", {"role": "coach", "member": str(world.dana.uuid)}).status_code == 200
    listed = client.get(base + "/staff", headers=headers).json()["items"]
    assert {(a["role"], a["name"]) for a in listed} >= {("coach", world.dana.user.display_name)}
    gone = client.delete(f"{base}/staff/{made.json()['uuid']}", headers=headers)
    assert gone.status_code == 204
    refused = post("/teachers", {"member": str(world.dana.uuid), "grades": ["14"]})
    assert refused.status_code in (400, 422)
    assert "grades" in json.dumps(refused.json())
    teacher = post("/teachers", {"member": str(world.dana.uuid), "grades": ["2"]})
    assert teacher.status_code == 201 and teacher.json()["grades"] == ["2"]
    stranger = post("/teachers", {"member": str(world.carol.uuid)})
    assert stranger.status_code in (400, 422) and "member" in json.dumps(stranger.json())


FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "action": st.sampled_from(["assign", "teacher", "remove", "x", ""]),
        "role": st.sampled_from(["principal", "coach", "dean", ""]),
        "member": st.text(max_size=40),
        "grades": st.text(alphabet=st.sampled_from("K1;3|P x\x00é"), max_size=30),
        "subjects": st.text(max_size=120),
        "assignment": st.text(max_size=40),
    },
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=FIELDS)
def test_random_staff_forms_answer_a_redirect_or_a_named_refusal(world, client, data):
    lincoln = getattr(world, "_lincoln", None) or school_for(world)
    world._lincoln = lincoln
    client.force_login(world.olga.user)
    page = client.post(_url(world, lincoln.school), data)
    assert page.status_code in (302, 400)
    if page.status_code == 400:
        body = page.content.decode()
        assert 'role="alert"' in body or "errorlist" in body


def test_a_german_speaking_admin_reads_the_staff_page_in_german(world, client):
    lincoln = school_for(world)
    world.olga.user.language = "de"
    world.olga.user.save(update_fields=["language"])
    client.force_login(world.olga.user)
    page = client.get(_url(world, lincoln.school)).content.decode()
    assert "Schulleitungen und Instructional Coaches" in page
    assert "Eine Lehrkraft hinzufügen" in page
    refused = client.post(_url(world, lincoln.school), {"action": "dance"}).content.decode()
    assert "action: erwartet assign, remove oder teacher." in refused
