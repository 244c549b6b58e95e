"""A person who reads Trellis in German sees the engagement pages in German, and the emails an
engagement sends reach them in German whoever proposed it."""

from django.core import mail

from trellis.engagements.models import Engagement


def _speaks_german(member) -> None:
    member.user.language = "de"
    member.user.save(update_fields=["language"])


def test_it_shows_bob_his_engagement_in_german(world, login):
    _speaks_german(world.bob)
    page = login(world.bob).get(f"/o/acme/engagements/{world.engagement.uuid}/").content.decode()
    assert "Personen und Status" in page and "Sitzungen" in page
    assert "People and status" not in page


def test_it_writes_the_proposal_to_bob_in_german_though_alice_reads_english(
    world, login, django_capture_on_commit_callbacks
):
    _speaks_german(world.bob)
    client = login(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            "/o/acme/engagements/new/",
            {"coach": world.alice.uuid, "coachee": world.bob.uuid},
            follow=True,
        ).content.decode()
    assert "it starts when the coachee accepts it" in page  # Alice's own page stays English
    assert Engagement.objects.filter(status="proposed").exists()
    to_bob = next(m for m in mail.outbox if "bob@acme.test" in m.to)
    assert "hat Ihnen ein Coaching-Mandat vorgeschlagen" in to_bob.subject
    assert "Hier annehmen oder ablehnen" in to_bob.body
