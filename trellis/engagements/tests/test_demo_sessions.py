"""The demo organization holds finished and in-progress sessions with several frameworks."""

from trellis.engagements.models import CoachingSession, SessionNote
from trellis.web import demo


def test_it_seeds_sessions_with_several_frameworks_once(db):
    demo.seed()
    sessions = CoachingSession.objects.filter(org__slug="northwind")
    finished = sessions.filter(status="finished")
    in_progress = sessions.filter(status="in_progress")
    assert finished.count() >= 4 and in_progress.count() >= 3
    keys = set(sessions.values_list("framework_version__key", flat=True))
    assert {"grow", "oskar", "tgrow", "steppa", "oscar", "northwind-career"} <= keys
    assert sessions.filter(kind="self").exists() and sessions.filter(kind="event").exists()
    assert SessionNote.objects.filter(visibility="private").exists()
    assert SessionNote.objects.filter(shared_with_sponsor=True).exists()
    bob = finished.get(topic="First month as acting tech lead")
    assert bob.artifacts["goal"]["statement"].startswith("Be confirmed as tech lead")
    assert bob.artifacts["open_stages"] == [] and bob.finished_at > bob.started_at
    count = CoachingSession.objects.count()
    demo.seed()
    assert CoachingSession.objects.count() == count


def test_it_shows_a_review_that_opens_with_the_previous_sessions_plan(db, client):
    demo.seed()
    follow_up = CoachingSession.objects.get(
        topic="Follow-up: what is better since the last session"
    )
    grow = CoachingSession.objects.get(topic="First month as acting tech lead")
    assert follow_up.state["current"] == "review"
    planned = follow_up.state["previous"]
    assert planned["goal"] == grow.artifacts["goal"]["statement"]
    assert [a["what"] for a in planned["actions"]] == [a["what"] for a in grow.artifacts["actions"]]
    client.force_login(follow_up.coach.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/northwind/sessions/{follow_up.uuid}/").content.decode()
    assert "Planned last time" in page and grow.artifacts["actions"][0]["what"] in page


def test_it_shows_a_steppa_session_taken_back_to_target_by_low_buy_in(db):
    demo.seed()
    session = CoachingSession.objects.get(topic="A team lead role I am not sure I want")
    assert session.state["current"] == "target"
    assert "Buy-in is 4 out of 10" in session.state["went_back"][-1]["message"]
    assert session.state["answers"]["target"]["goal"]["data"]["statement"].startswith("Apply")
