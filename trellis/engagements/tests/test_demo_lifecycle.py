"""The demo shows engagements' lives: a proposal waiting for Bob, a paused one with why, an ended
one with its closing review, agreements in versions, and attendance with a no-show."""

from trellis.engagements import demo_lifecycle
from trellis.engagements.models import Agreement, ClosingReview, Engagement
from trellis.scheduling.models import ScheduledSession
from trellis.web import demo


def test_it_seeds_lifecycles_contracts_and_attendance(db, client, capsys):
    demo.seed()
    proposed = Engagement.objects.get(topic=demo_lifecycle.PROPOSED_TOPIC)
    assert proposed.status == "proposed"
    assert proposed.coachee.user.email == "bob@northwind.example"
    yuki = Engagement.objects.get(coachee__user__email="yuki@northwind.example", status="paused")
    assert yuki.history.filter(action="pause").exists()
    ended = Engagement.objects.get(topic=demo_lifecycle.ENDED_TOPIC)
    assert ended.status == "ended"
    assert ClosingReview.objects.filter(engagement=ended).exists()
    bob = Engagement.objects.filter(
        coach__user__email="alice@northwind.example", coachee__user__email="bob@northwind.example"
    ).get()
    versions = Agreement.objects.filter(engagement=bob).values_list("version", flat=True)
    assert list(versions) == [1, 2]
    outcomes = set(ScheduledSession.objects.values_list("outcome", flat=True))
    assert {"held", "no_show_coachee"} <= outcomes
    client.post(
        "/accounts/login/",
        {"login": "bob@northwind.example", "password": demo.DEMO_PASSWORD},
    )
    page = client.get(f"/o/northwind/engagements/{proposed.uuid}/").content.decode()
    assert "Waiting for your answer" in page and "Dana" in page
