"""Team, group and peer engagements through the pages and the API: propose, answer, see who is in
it; bad input comes back naming the field."""

import pytest
from django.urls import reverse

from trellis.accounts.models import Membership, Team, User
from trellis.engagements import kinds, lifecycle
from trellis.engagements.models import Engagement


def _person(world, email: str, name: str, **fields) -> Membership:
    user = User.objects.create(email=email, name=name)
    return Membership.objects.create(org=world.org, user=user, **fields)


@pytest.fixture
def team(world):
    squad = Team.objects.create(org=world.org, name="Squad")
    lena = _person(world, "lena@acme.test", "Lena Lead")
    for name in ("Ann", "Ben", "Cat"):
        _person(world, f"{name.lower()}@acme.test", name, team=squad, manager=lena)
    return squad


def _url(name, world, *args):
    return reverse(f"engagements:{name}", args=[world.org.slug, *args])


def test_a_coach_proposes_a_team_on_the_page_and_a_member_accepts(world, team, login, client):
    login(world.alice)
    page = client.get(_url("propose", world, "team"))
    assert b"Squad" in page.content
    answer = client.post(
        _url("propose", world, "team"),
        {"team": team.pk, "coach": world.alice.uuid, "with_leader": "on", "topic": "Trust"},
    )
    engagement = Engagement.objects.get(kind="team")
    assert answer.status_code == 302
    assert engagement.participants.filter(role="coachee").count() == 4  # three and the leader
    ann = Membership.objects.get(user__email="ann@acme.test")
    login(ann)
    detail = client.get(_url("detail", world, engagement.uuid))
    assert b"Waiting for your answer" in detail.content
    client.post(_url("accept", world, engagement.uuid))
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.ACTIVE
    detail = client.get(_url("detail", world, engagement.uuid)).content.decode()
    assert "Team coaching: Trust" in detail
    for name in ("Ann", "Ben", "Cat", "Lena Lead"):
        assert name in detail
    listing = client.get(_url("list", world)).content.decode()
    assert "Team coaching" in listing and "1 accepted, 3 waiting" in listing


def test_the_group_form_names_the_line_of_an_unknown_email(world, login, client):
    login(world.alice)
    answer = client.post(
        _url("propose", world, "group"),
        {"coach": world.alice.uuid, "coachees": "BOB@acme.test\nnobody@acme.test"},
    )
    assert answer.status_code == 200
    assert "line 2: no member of this organization has the email" in answer.content.decode()
    assert "line 1" not in answer.content.decode()  # an email in any letter case is found
    assert not Engagement.objects.filter(kind="group").exists()


def test_a_peer_changes_the_rotation_on_the_page(world, login, client):
    erin = _person(world, "erin@acme.test", "Erin Peer")
    peer = kinds.engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin]
    )
    for member in (world.bob, erin):
        lifecycle.engagement_accept(actor=member, engagement=Engagement.objects.get(pk=peer.pk))
    login(erin)
    page = client.get(_url("detail", world, peer.uuid)).content.decode()
    assert "Bob Coachee</strong> coaches <strong>Erin Peer" in page
    client.post(_url("rotation", world, peer.uuid), {"order": "erin@acme.test\nbob@acme.test"})
    page = client.get(_url("detail", world, peer.uuid)).content.decode()
    assert "Erin Peer</strong> coaches <strong>Bob Coachee" in page


@pytest.fixture
def api_client(client, api_token):
    def make(member):
        headers = {"Authorization": f"Bearer {api_token(member)}"}

        class Caller:
            def get(self, path):
                return client.get(path, headers=headers)

            def post(self, path, body):
                return client.post(
                    path, data=body, content_type="application/json", headers=headers
                )

        return Caller()

    return make


def _errors(response):
    return {e["field"]: e["msg"] for e in response.json()["errors"]}


def test_the_api_proposes_each_kind_and_names_bad_fields(world, team, api_client):
    alice = api_client(world.alice)
    answer = alice.post(
        "/api/v1/engagements/team", {"team": "Squad", "coach_id": str(world.alice.uuid)}
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["kind"] == "team"
    assert {p["name"]: p["acceptance"] for p in body["participants"] if p["role"] == "coachee"} == {
        "Ann": "pending",
        "Ben": "pending",
        "Cat": "pending",
        "Lena Lead": "pending",
    }
    answer = alice.post(
        "/api/v1/engagements/team", {"team": "Nope", "coach_id": str(world.alice.uuid)}
    )
    assert answer.status_code == 400 and "Nope" in _errors(answer)["team"]
    answer = alice.post(
        "/api/v1/engagements/group",
        {"coach_id": str(world.alice.uuid), "coachee_ids": [str(world.bob.uuid)]},
    )
    assert answer.status_code == 400 and "at least two" in _errors(answer)["coachee_ids"]
    erin = _person(world, "erin@acme.test", "Erin Peer")
    answer = alice.post(
        "/api/v1/engagements/peer",
        {"coach_id": str(world.alice.uuid), "peer_ids": [str(world.bob.uuid), str(erin.uuid)]},
    )
    assert answer.status_code == 201
    peer_id = answer.json()["id"]
    assert alice.get(f"/api/v1/engagements/{peer_id}/rotation").json()["next_coach"] is None


def test_the_list_answers_in_constant_queries_with_team_engagements(world, team, login, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("list", world)).status_code == 200
        return len(queries)

    login(world.alice)
    kinds.engagement_propose_team(actor=world.alice, team=team, coach=world.alice)
    one = count()
    for _ in range(4):
        kinds.engagement_propose_team(actor=world.alice, team=team, coach=world.alice)
    assert count() == one


def test_a_circle_shows_who_observes_the_next_session(world, login, client, api_client):
    erin = _person(world, "erin@acme.test", "Erin Peer")
    finn = _person(world, "finn@acme.test", "Finn Peer")
    peer = kinds.engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin, finn]
    )
    for member in (world.bob, erin, finn):
        lifecycle.engagement_accept(actor=member, engagement=Engagement.objects.get(pk=peer.pk))
    login(finn)
    page = client.get(_url("detail", world, peer.uuid)).content.decode()
    assert "Bob Coachee</strong> coaches <strong>Erin Peer" in page
    assert "observing: Finn Peer" in page
    found = api_client(world.alice).get(f"/api/v1/engagements/{peer.uuid}/rotation").json()
    assert [o["name"] for o in found["next_observers"]] == ["Finn Peer"]
