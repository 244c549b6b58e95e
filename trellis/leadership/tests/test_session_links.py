"""A coaching session of an engagement with a leadership track links to recording a decision
from it and to the organization's mission and values; other sessions do not."""

import pytest

from trellis.engagements import services as engagements
from trellis.leadership import services
from trellis.leadership.models import DecisionRecord
from trellis.leadership.tests.helpers import leadership_goal_for


def _session(world):
    return engagements.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )


def test_a_leadership_session_links_to_a_decision_and_the_mission(world, client, login):
    services.mission_part_save(org=world.org, kind="value", name="Fairness")
    leadership_goal_for(world)  # the engagement now has a leadership track
    session = _session(world)
    login(world.alice)
    page = client.get(f"/o/acme/sessions/{session.uuid}/").content.decode()
    decide = f"/o/acme/leadership/decisions/new/?session={session.uuid}"
    assert "Record a decision" in page and decide in page
    assert "/o/acme/leadership/mission/" in page and "Fairness" in page
    # the link leads to a decision recorded from this session, the coachee's
    login(world.bob)
    assert client.get(decide).status_code == 200
    made = client.post(
        decide,
        {"question": "Who leads the release?", "options": "Ana\nRui", "session": str(session.uuid)},
    )
    assert made.status_code == 302
    record = DecisionRecord.objects.get()
    assert record.session == session and record.owner == world.bob


def test_a_session_without_a_leadership_track_has_no_such_links(world, client, login):
    session = _session(world)
    login(world.alice)
    page = client.get(f"/o/acme/sessions/{session.uuid}/").content.decode()
    assert "Record a decision" not in page


def test_the_finished_sessions_summary_keeps_the_links(world, client, login):
    leadership_goal_for(world)
    session = _session(world)
    engagements.coaching_session_finish(actor=world.alice, session=session)
    login(world.bob)
    page = client.get(f"/o/acme/sessions/{session.uuid}/summary/").content.decode()
    assert "Record a decision" in page and "mission and values" in page


def test_the_coach_ticks_what_the_session_worked_on_and_the_leaders_page_counts_it(
    world, client, login, api_token
):
    fairness = services.mission_part_save(org=world.org, kind="value", name="Fairness")
    growth = services.mission_part_save(org=world.org, kind="mission", name="Grow our people")
    leadership_goal_for(world)
    session = _session(world)
    login(world.alice)
    url = f"/o/acme/leadership/sessions/{session.uuid}/mission/"
    assert client.post(url, {"parts": [str(fairness.uuid), str(growth.uuid)]}).status_code == 302
    page = client.get(f"/o/acme/sessions/{session.uuid}/").content.decode()
    assert f'value="{fairness.uuid}" checked' in page and f'value="{growth.uuid}" checked' in page

    # the coachee sees it on their leadership page, beside the goals serving each part
    login(world.bob)
    mine = client.get("/o/acme/leadership/").content.decode()
    assert "Your sessions on it" in mine and "<td>1</td>" in mine
    # untick one through the API: the links are replaced, not added to
    token = api_token(world.bob)
    answer = client.put(
        f"/api/v1/leadership/sessions/{session.uuid}/mission",
        {"parts": [str(growth.uuid)]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 200 and [p["name"] for p in answer.json()["parts"]] == [
        "Grow our people"
    ]
    assert [p.name for p in services.selectors.session_parts(session)] == ["Grow our people"]


def test_another_organizations_value_is_refused_naming_the_field(world, client, login, api_token):
    leadership_goal_for(world)
    session = _session(world)
    theirs = services.mission_part_save(org=world.carol_org, kind="value", name="Globex first")
    answer = client.put(
        f"/api/v1/leadership/sessions/{session.uuid}/mission",
        {"parts": [str(theirs.uuid)]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(world.alice)}",
    )
    assert answer.status_code == 400 and "parts" in answer.content.decode()
    login(world.alice)
    page = client.post(
        f"/o/acme/leadership/sessions/{session.uuid}/mission/",
        {"parts": [str(theirs.uuid)]},
        follow=True,
    ).content.decode()
    assert "Tick the organization&#x27;s own mission and values only." in page
    assert services.selectors.session_parts(session) == []


@pytest.mark.parametrize("bad", ["not-a-uuid", "", "\u0000", "1" * 300])
def test_a_tick_that_is_not_a_mission_part_is_refused_without_an_error_page(
    world, client, login, bad
):
    leadership_goal_for(world)
    session = _session(world)
    login(world.alice)
    answer = client.post(f"/o/acme/leadership/sessions/{session.uuid}/mission/", {"parts": [bad]})
    assert answer.status_code == 302  # back to the session with the refusal, nothing saved
    assert services.selectors.session_parts(session) == []
