"""Leadership through the API: a goal with behaviours, a rated behaviour reworded as a new
version, a bad competency model refused naming the field, decisions revisited."""

from trellis.leadership import services
from trellis.leadership.tests.helpers import leadership_goal_for


def _headers(api_token, member):
    return {"Authorization": f"Bearer {api_token(member)}"}


def test_a_rated_behaviour_reworded_through_the_api_is_a_new_version(world, client, api_token):
    leadership = leadership_goal_for(world)
    services.freeze_behaviours(leadership)
    first = leadership.current_behaviours()[0]
    response = client.put(
        f"/api/v1/leadership/goals/{leadership.uuid}/behaviours/{first.uuid}",
        {"text": "Asks for two options before deciding"},
        content_type="application/json",
        headers=_headers(api_token, world.bob),
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2 and response.json()["replaces"] == str(first.uuid)
    goal = client.get(
        f"/api/v1/leadership/goals/{leadership.uuid}", headers=_headers(api_token, world.alice)
    ).json()
    texts = [(b["text"], b["version"], b["current"]) for b in goal["behaviours"]]
    assert ("Asks for two options before deciding", 2, True) in texts
    assert ("Asks the team for options before deciding", 1, False) in texts


def test_a_goal_is_made_and_listed_for_its_coachee(world, client, api_token):
    response = client.post(
        "/api/v1/leadership/goals",
        {
            "engagement": str(world.engagement.uuid),
            "model_key": "transformational-leadership",
            "competency_key": "intellectual-stimulation",
            "title": "Invite challenge",
            "behaviours": ["Asks 'what would you do?' first", "Thanks people for challenging"],
            "gas": ["", "", "Asks first in most meetings", "", ""],
        },
        content_type="application/json",
        headers=_headers(api_token, world.alice),
    )
    assert response.status_code == 201, response.content
    listed = client.get("/api/v1/leadership/goals", headers=_headers(api_token, world.bob))
    assert [g["title"] for g in listed.json()["items"]] == ["Invite challenge"]
    assert listed.json()["items"][0]["gas"][2] == "Asks first in most meetings"


def test_a_bad_model_is_refused_naming_the_field(world, client, api_token):
    response = client.post(
        "/api/v1/leadership/models",
        {"text": 'key = "Ours"\n', "filename": "ours.toml"},
        content_type="application/json",
        headers=_headers(api_token, world.olga),
    )
    assert response.status_code == 400
    assert "expected a key of lowercase letters" in response.content.decode()


def test_a_decision_is_recorded_and_revisited(world, client, api_token):
    headers = _headers(api_token, world.bob)
    made = client.post(
        "/api/v1/leadership/decisions",
        {"question": "Move Sam?", "options": ["Now", "Later"], "review_on": "2026-01-01"},
        content_type="application/json",
        headers=headers,
    ).json()
    assert made["options"] == ["Now", "Later"]
    done = client.post(
        f"/api/v1/leadership/decisions/{made['uuid']}/revisit",
        {"outcome": "Sam thrived"},
        content_type="application/json",
        headers=headers,
    ).json()
    assert done["outcome"] == "Sam thrived" and done["reviewed_at"]
