"""The engagement's people and life through /api/v1: propose, accept, pause, end, reopen, history,
agreement, closing review; bad input names the field and changes nothing."""

import pytest

from trellis.engagements import contracts, lifecycle, lifecycle_base
from trellis.engagements.models import Agreement, ClosingReview, Engagement


@pytest.fixture
def call(client, api_token):
    def make(member):
        headers = {"Authorization": f"Bearer {api_token(member)}"}

        def request(method, path, body=None):
            kwargs: dict[str, object] = {"headers": headers}
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            return getattr(client, method)(f"/api/v1{path}", **kwargs)

        return request

    return make


def _errors(response):
    return {e["field"]: e["msg"] for e in response.json()["errors"]}


def test_it_proposes_and_the_coachee_accepts_through_the_api(world, call):
    response = call(world.alice)(
        "post",
        "/engagements",
        {"coach_id": str(world.alice.uuid), "coachee_id": str(world.bob.uuid)},
    )
    assert response.status_code == 201 and response.json()["status"] == "proposed"
    uuid = response.json()["id"]
    bob = call(world.bob)
    body = bob("get", f"/engagements/{uuid}/lifecycle").json()
    assert len(body["waiting_for_you"]) == 1
    assert {(p["role"], p["acceptance"]) for p in body["participants"]} == {
        ("lead_coach", "accepted"),
        ("coachee", "pending"),
    }
    body = bob("post", f"/engagements/{uuid}/accept").json()
    assert body["status"] == "active" and body["waiting_for_you"] == []
    history = bob("get", f"/engagements/{uuid}/history").json()
    assert [t["action"] for t in history["items"]] == ["propose", "accept"]
    assert history["next"] is None


def test_it_pauses_ends_and_reopens_with_reasons(world, call):
    alice = call(world.alice)
    path = f"/engagements/{world.engagement.uuid}"
    assert alice("post", path + "/pause", {"reason": "Leave"}).json()["status"] == "paused"
    body = alice("post", path + "/end", {"reason": "Goals met"}).json()
    assert (body["status"], body["end_reason"]) == ("ended", "Goals met")
    assert alice("post", path + "/reopen", {}).json()["status"] == "active"


def test_it_names_the_field_of_a_bad_end_and_changes_nothing(world, call):
    alice = call(world.alice)
    path = f"/engagements/{world.engagement.uuid}/end"
    response = alice("post", path, {"reason": "  "})
    assert response.status_code == 400
    assert _errors(response) == {"reason": lifecycle_base.REASON_REQUIRED}
    response = alice("post", path, {"reason": "x", "ended_on": "2999-01-01"})
    assert _errors(response) == {"ended_on": lifecycle_base.END_IN_FUTURE}
    assert alice("post", path, {}).status_code == 422
    assert Engagement.objects.get(pk=world.engagement.pk).status == "active"


def test_it_refuses_resuming_an_active_engagement(world, call):
    response = call(world.bob)("post", f"/engagements/{world.engagement.uuid}/resume", {})
    assert response.status_code == 400
    assert _errors(response) == {"status": "An engagement that is active cannot be resumed."}


def test_it_writes_and_accepts_the_agreement(world, call):
    path = f"/engagements/{world.engagement.uuid}/agreement"
    terms = {
        "goals": "Lead planning",
        "length": "Six months",
        "cadence": "Fortnightly",
        "confidentiality_limits": "Serious harm",
        "sponsor_sees": ["attendance", "private_notes"],
    }
    response = call(world.alice)("post", path, terms)
    assert response.status_code == 400 and "sponsor_sees" in _errors(response)
    assert not Agreement.objects.exists()
    response = call(world.alice)("post", path, terms | {"sponsor_sees": ["attendance"]})
    assert response.status_code == 201 and response.json()["in_force_version"] is None
    call(world.bob)("post", path + "/accept")
    body = call(world.dana)("post", path + "/accept").json()
    assert body["in_force_version"] == 1
    response = call(world.dana)("post", path + "/accept")
    assert _errors(response) == {"agreement": contracts.ALREADY.format(version=1)}
    assert call(world.olga)("get", path).status_code == 403  # content of the contract


def test_it_records_a_closing_review_once_ended(world, call):
    path = f"/engagements/{world.engagement.uuid}/closing-review"
    response = call(world.bob)("post", path, {"what_changed": "I lead planning"})
    assert response.status_code == 400 and "engagement" in _errors(response)
    lifecycle.engagement_end(actor=world.bob, engagement=world.engagement, reason="Done")
    response = call(world.bob)("post", path, {"what_changed": "I lead planning"})
    assert response.status_code == 201
    assert ClosingReview.objects.get().what_changed == "I lead planning"


def test_it_hides_acme_from_carol(world, call):
    assert (
        call(world.carol)("get", f"/engagements/{world.engagement.uuid}/lifecycle").status_code
        == 404
    )
