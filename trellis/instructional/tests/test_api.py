from uuid import uuid4

from trellis.instructional.models import ObservationNote, StudentCheck
from trellis.instructional.tests.helpers import GOAL, cycle_for, observation_for

BASE = "/api/v1/instructional"


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_a_note_put_twice_is_one_note(world, client, api_token):
    visit = observation_for(world, cycle_for(world))
    headers = _auth(api_token(world.alice))
    note = uuid4()
    url = f"{BASE}/visits/{visit.uuid}/notes/{note}"
    for text in ("Pairs", "Pairs read"):
        response = client.put(
            url, {"at_seconds": 61, "text": text}, content_type="application/json", headers=headers
        )
        assert response.status_code == 200
    assert ObservationNote.objects.get(visit=visit, client_id=note).text == "Pairs read"


def test_student_checks_take_whole_numbers_and_no_names(world, client, api_token):
    cycle = cycle_for(world)
    headers = _auth(api_token(world.alice))
    url = f"{BASE}/cycles/{cycle.uuid}/checks"
    for body in (
        {"students": 24, "reached": 12.5},
        {"students": "24", "reached": 12},
        {"students": 24, "reached": 12, "names": "Maya, Leo"},
    ):
        response = client.post(url, body, content_type="application/json", headers=headers)
        assert response.status_code == 422, body
        assert response["Content-Type"].startswith("application/problem+json")
    assert StudentCheck.objects.filter(cycle=cycle).count() == 1  # the baseline only


def test_a_sponsor_gets_the_cycle_without_its_content(world, client, api_token):
    cycle = cycle_for(world)
    observation_for(world, cycle)
    body = client.get(f"{BASE}/cycles/{cycle.uuid}", headers=_auth(api_token(world.dana))).json()
    assert body["stage"] == "identify" and body["content"] is None
    assert [v["kind"] for v in body["visits"]] == ["observation"]
    mine = client.get(f"{BASE}/cycles/{cycle.uuid}", headers=_auth(api_token(world.bob))).json()
    assert mine["content"]["goal_text"] == GOAL


def test_a_bad_rubric_is_refused_with_its_field_path(world, client, api_token):
    response = client.post(
        f"{BASE}/rubrics",
        {"text": 'key = "x"\nname = "X"\nversion = 0\n', "filename": "x.toml"},
        content_type="application/json",
        headers=_auth(api_token(world.olga)),
    )
    assert response.status_code in (400, 422)
    assert "text.version" in response.content.decode()


def test_a_visit_is_edited_and_its_checklist_ticked_through_the_api(world, client, api_token):
    from trellis.instructional import services

    cycle = cycle_for(world)
    services.cycle_save(
        actor=world.alice, cycle=cycle, strategy="Partner reading", checklist=["Pairs", "One book"]
    )
    visit = observation_for(world, cycle)
    headers = _auth(api_token(world.bob))  # the teacher
    url = f"{BASE}/visits/{visit.uuid}"
    edited = client.put(
        url,
        {"on": "2026-09-22", "minutes": 50, "summary": "Pairs read"},
        content_type="application/json",
        headers=headers,
    )
    assert edited.status_code == 200
    assert edited.json()["minutes"] == 50 and edited.json()["summary"] == "Pairs read"
    refused = client.put(
        url, {"on": "2026-09-22", "minutes": 0}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 422 and "minutes" in refused.content.decode()
    ticked = client.put(
        url + "/checklist", {"done": ["One book"]}, content_type="application/json", headers=headers
    )
    assert ticked.json()["items"] == [
        {"text": "Pairs", "done": False},
        {"text": "One book", "done": True},
    ]
    wrong = client.put(
        url + "/checklist", {"done": ["Alone"]}, content_type="application/json", headers=headers
    )
    assert wrong.status_code in (400, 422) and "done" in wrong.content.decode()
