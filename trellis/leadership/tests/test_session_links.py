"""A coaching session of an engagement with a leadership track links to recording a decision
from it and to the organization's mission and values; other sessions do not."""

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
