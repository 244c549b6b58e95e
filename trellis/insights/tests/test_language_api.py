"""Language insight through /api/v1/insights: the same rules as the pages."""

from trellis.insights.models import WritingSample

L = "/api/v1/insights/language"
VICTIM = "They never tell me anything, so I have to redo everything."


def api(client, token):
    def call(method, path, body=None):
        kwargs: dict[str, object] = {"headers": {"Authorization": f"Bearer {token}"}}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        return getattr(client, method)(path, **kwargs)

    return call


def test_it_lets_a_coachee_opt_in_and_read_the_stance_of_a_text(world, client, api_token):
    bob = api(client, api_token(world.bob))
    assert bob("get", L + "/settings").json() == {
        "language_insight": False,
        "trend_shared_with": None,
    }
    assert bob("post", L + "/analyze", {"text": VICTIM}).status_code == 403
    bob("put", L + "/settings", {"language_insight": True})
    answer = bob("post", L + "/analyze", {"text": VICTIM}).json()
    assert answer["stance"] == "victim"
    assert answer["reflection"].endswith("?")
    necessity = next(m for m in answer["markers"] if m["category"] == "necessity")
    assert necessity["category_label"] == "Necessity without choice"
    assert VICTIM[necessity["start"] : necessity["end"]] == necessity["text"]


def test_it_names_the_field_of_a_text_too_long(world, client, api_token):
    bob = api(client, api_token(world.bob))
    bob("put", L + "/settings", {"language_insight": True})
    response = bob("post", L + "/analyze", {"text": "a" * 20_001})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "text"


def test_it_refuses_everything_when_the_organization_switched_it_off(world, client, api_token):
    bob = api(client, api_token(world.bob))
    bob(
        "put",
        L + "/settings",
        {"language_insight": True, "trend_shared_with": str(world.alice.uuid)},
    )
    world.org.language_insight_enabled = False
    world.org.save()
    alice = api(client, api_token(world.alice))
    assert bob("get", L + "/settings").status_code == 403
    assert bob("post", L + "/analyze", {"text": VICTIM}).status_code == 403
    assert alice("get", f"{L}/trend/{world.bob.uuid}").status_code == 403
    assert alice("post", L + "/inclusive", {"text": "Hi guys"}).status_code == 403


def test_it_gives_the_coach_the_trend_only_when_shared(world, client, api_token):
    bob = api(client, api_token(world.bob))
    alice = api(client, api_token(world.alice))
    bob("put", L + "/settings", {"language_insight": True})
    assert bob("post", "/api/v1/insights/reflections", {"text": VICTIM}).status_code == 201
    assert WritingSample.objects.filter(member=world.bob).count() == 1
    assert alice("get", f"{L}/trend/{world.bob.uuid}").status_code == 403
    bob(
        "put",
        L + "/settings",
        {"language_insight": True, "trend_shared_with": str(world.alice.uuid)},
    )
    trend = alice("get", f"{L}/trend/{world.bob.uuid}").json()
    assert trend["player_share"] == 0.0
    assert trend["weeks"][0]["victim_sentences"] == 1
    assert bob("get", L + "/trend").json() == trend


def test_it_hints_inclusive_wording_to_a_coach(world, client, api_token):
    alice = api(client, api_token(world.alice))
    findings = alice("post", L + "/inclusive", {"text": "The chairman asked."}).json()["findings"]
    assert [(f["text"], f["category_label"]) for f in findings] == [
        ("chairman", "Gendered wording")
    ]
    assert "chair" in findings[0]["alternatives"]


def test_it_refuses_an_empty_reflection_naming_the_field(world, client, api_token):
    bob = api(client, api_token(world.bob))
    response = bob("post", "/api/v1/insights/reflections", {"text": "  "})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "text"
