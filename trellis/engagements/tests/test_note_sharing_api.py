"""Through the API a coachee shares a note with a named person, the sponsor of today, and reads back
who it is shared with; the older yes/no form still works."""

import pytest

from trellis.engagements import services, sessions_api
from trellis.engagements.models import SessionNote
from trellis.engagements.tests.test_note_sharing_per_person import hand_over_to_sam


@pytest.fixture
def note(world):
    session = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    return services.session_note_create(
        actor=world.bob, session=session, text="Asked for the role."
    )


def share(call, world, note, body):
    return call(world.bob)("post", f"/sessions/{note.session.uuid}/notes/{note.uuid}/sponsor", body)


def person(member):
    return {"id": str(member.uuid), "name": member.user.display_name, "email": member.user.email}


def test_it_shares_a_note_with_the_sponsor_the_coachee_names(world, call, note):
    response = share(call, world, note, {"shared_with": str(world.dana.uuid)})
    assert response.status_code == 200
    assert response.json()["shared_with"] == person(world.dana)
    assert response.json()["shared_with_sponsor"] is True
    (listed,) = call(world.bob)("get", f"/sessions/{note.session.uuid}/notes").json()["items"]
    assert listed["shared_with"] == person(world.dana)
    assert SessionNote.objects.get(pk=note.pk).shared_with == world.dana


def test_it_refuses_to_share_with_anyone_but_the_sponsor(world, call, note):
    response = share(call, world, note, {"shared_with": str(world.alice.uuid)})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "shared_with"
    assert error["msg"] == services.SHARE_SPONSOR_ONLY.format(
        name=world.dana.user.display_name, id=world.dana.uuid
    )
    assert SessionNote.objects.get(pk=note.pk).shared_with is None


def test_it_still_takes_the_yes_or_no_form(world, call, note):
    response = share(call, world, note, {"shared": True})
    assert response.json()["shared_with"] == person(world.dana)
    response = share(call, world, note, {"shared": False})
    assert response.json()["shared_with"] is None
    assert response.json()["shared_with_sponsor"] is False


def test_it_stops_sharing_when_the_coachee_names_nobody(world, call, note):
    share(call, world, note, {"shared_with": str(world.dana.uuid)})
    response = share(call, world, note, {"shared_with": None})
    assert response.status_code == 200 and response.json()["shared_with"] is None
    assert SessionNote.objects.get(pk=note.pk).shared_with is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, sessions_api.SHARE_NOTHING),
        ({"shared": True, "shared_with": None}, sessions_api.SHARE_ONE_OF),
    ],
)
def test_it_asks_for_one_answer(world, call, note, body, message):
    response = share(call, world, note, body)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"loc": ["shared_with"], "field": "shared_with", "msg": message}
    ]


def test_it_tells_who_a_note_was_shared_with_after_the_sponsor_changed(world, call, note):
    share(call, world, note, {"shared_with": str(world.dana.uuid)})
    sam = hand_over_to_sam(world)
    (listed,) = call(world.bob)("get", f"/sessions/{note.session.uuid}/notes").json()["items"]
    assert listed["shared_with"] == person(world.dana)
    assert listed["shared_with_sponsor"] is False  # not with the sponsor of today
    assert share(call, world, note, {"shared_with": str(world.dana.uuid)}).status_code == 400
    response = share(call, world, note, {"shared_with": str(sam.uuid)})
    assert response.json()["shared_with"] == person(sam)
    assert response.json()["shared_with_sponsor"] is True


def test_it_shares_nothing_from_a_page_that_named_the_sponsor_before_the_hand_over(
    world, login, note
):
    page = login(world.bob).get(f"/o/acme/sessions/{note.session.uuid}/").content.decode()
    assert f'name="shared_with" value="{world.dana.uuid}"' in page
    hand_over_to_sam(world)
    login(world.bob).post(
        f"/o/acme/sessions/{note.session.uuid}/notes/{note.uuid}/sponsor",
        {"shared": "yes", "shared_with": str(world.dana.uuid)},
    )
    assert SessionNote.objects.get(pk=note.pk).shared_with is None  # neither Dana nor Sam
