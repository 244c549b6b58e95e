"""The demo shows a leader on the new-manager track with a leadership goal of two behaviours,
linked to the mission, and a decision record revisited."""

from trellis.leadership.models import DEMO_BEHAVIOURS, DecisionRecord


def test_the_demo_has_greg_on_the_new_manager_track_with_two_behaviours(db):
    from trellis.accounts.demo import orgs
    from trellis.accounts.models import Organization
    from trellis.leadership import demo
    from trellis.web.demo import seed

    seed()
    demo.seed(orgs())  # idempotent
    org = Organization.objects.get(slug="northwind")
    leadership = demo.demo_goal(org)
    assert leadership is not None
    assert leadership.goal.owner.user.email == "greg@northwind.example"
    assert leadership.goal.engagement.enrolments.get().program.template_key == "new-manager"
    assert [b.text for b in leadership.current_behaviours()] == list(DEMO_BEHAVIOURS)
    assert {link.part.name for link in leadership.links.all()} == {
        "Grow the people who build it",
        "Fairness",
    }
    record = DecisionRecord.objects.get(owner=leadership.goal.owner)
    assert record.reviewed_at is not None and record.outcome
    assert record.engagement == leadership.goal.engagement


def test_the_demo_decision_comes_from_a_session_that_links_to_it(db, client):
    from trellis.accounts.demo import orgs
    from trellis.leadership import demo
    from trellis.web.demo import seed

    seed()
    demo.seed(orgs())  # idempotent
    record = DecisionRecord.objects.get(owner__user__email="greg@northwind.example")
    assert record.session is not None and record.session.coach.user.email.startswith("marcus")
    client.force_login(record.session.coachee.user)
    page = client.get(f"/o/northwind/sessions/{record.session.uuid}/summary/").content.decode()
    assert "Record a decision" in page and "mission and values" in page
    assert "This session worked on" in page and "Fairness" in page
    mine = client.get("/o/northwind/leadership/").content.decode()
    assert "Your sessions on it" in mine
