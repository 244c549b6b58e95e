"""Stakeholder feedback through the API: the coachee names stakeholders, the coach sends the 360,
rounds carry figures only at the threshold and never a name; a bad relation is refused by field."""

from trellis.stakeholders.tests.helpers import answer, plan_with_stakeholders, send_round


def _client(client, api_token, member):
    headers = {"Authorization": f"Bearer {api_token(member)}"}

    def call(method, path, body=None):
        return getattr(client, method)(
            f"/api/v1/stakeholders{path}", body, content_type="application/json", headers=headers
        )

    return call


def test_rounds_carry_figures_only_at_the_threshold(world, client, api_token):
    plan = plan_with_stakeholders(world)
    tokens = list(send_round(plan).values())
    bob = _client(client, api_token, world.bob)
    path = f"/goals/{plan.leadership_goal.uuid}"
    for token in tokens[:2]:
        answer(token, improvement=2, text="Ask first")
    (round_,) = bob("get", path).json()["rounds"]
    assert not round_["shown"] and round_["behaviours"] == [] and round_["answered"] == 2
    answer(tokens[2], improvement=-1, text="")
    (round_,) = bob("get", path).json()["rounds"]
    assert not round_["shown"]  # three is enough, but the fourth may still answer
    answer(tokens[3], improvement=1, text="")
    (round_,) = bob("get", path).json()["rounds"]
    assert round_["shown"] and [b["mean"] for b in round_["behaviours"]] == [1.0, 1.0]
    assert round_["behaviours"][0]["feedforward"] == ["Ask first", "Ask first"]
    listed = bob("get", "/goals").json()
    assert [g["uuid"] for g in listed["items"]] == [str(plan.leadership_goal.uuid)]


def test_the_coachee_names_and_removes_and_the_coach_sends_the_360(world, client, api_token):
    plan = plan_with_stakeholders(world)
    bob = _client(client, api_token, world.bob)
    path = f"/goals/{plan.leadership_goal.uuid}"
    bad = bob(
        "post", path + "/stakeholders", {"name": "X", "email": "x@o.test", "relation": "boss"}
    )
    assert bad.status_code == 400 and "relation" in bad.content.decode()
    added = bob(
        "post", path + "/stakeholders", {"name": "Vic", "email": "vic@o.test", "relation": "peer"}
    )
    assert added.status_code == 201
    assert bob("delete", f"{path}/stakeholders/{added.json()['uuid']}").status_code == 204
    alice = _client(client, api_token, world.alice)
    sent = alice("post", path + "/360", {"phase": "start"})
    assert sent.status_code == 201 and sent.json()["invited"] == 5
    again = alice("post", path + "/360", {"phase": "start"})
    assert again.status_code == 400


def test_the_coach_sees_the_same_aggregates_as_the_coachee(world, client, api_token):
    plan = plan_with_stakeholders(world)
    tokens = list(send_round(plan).values())
    path = f"/goals/{plan.leadership_goal.uuid}"
    bob = _client(client, api_token, world.bob)
    alice = _client(client, api_token, world.alice)
    answer(tokens[0], improvement=2, text="Ask first")
    # below the threshold the coach, like the coachee, sees only how many answered
    (withheld,) = alice("get", path).json()["rounds"]
    assert not withheld["shown"] and withheld["behaviours"] == []
    for token in tokens[1:]:
        answer(token, improvement=1, text="")
    coachee, coach = bob("get", path).json(), alice("get", path).json()
    assert coach["rounds"][0]["shown"]
    # the same means and counts (the feed-forward texts are shuffled for each reader)
    pairs = zip(coach["rounds"][0]["behaviours"], coachee["rounds"][0]["behaviours"], strict=True)
    for theirs, ours in pairs:
        assert (theirs["mean"], theirs["count"]) == (ours["mean"], ours["count"])
        assert sorted(theirs["feedforward"]) == sorted(ours["feedforward"])
