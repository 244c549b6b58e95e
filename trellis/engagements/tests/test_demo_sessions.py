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
