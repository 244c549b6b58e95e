"""The engagement page: people, status, history, agreement; answering, pausing, ending, reopening."""

from django.core import mail

from trellis.engagements import contracts, lifecycle
from trellis.engagements.models import Agreement, ClosingReview, Engagement
from trellis.goals import services as goal_services


def _url(engagement: Engagement, tail: str = "") -> str:
    return f"/o/acme/engagements/{engagement.uuid}/{tail}"


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)


def test_it_proposes_from_the_page_and_bob_accepts(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/o/acme/engagements/new/",
            {"coach": world.alice.uuid, "coachee": world.bob.uuid, "sponsor": world.dana.uuid},
            follow=True,
        )
    assert "it starts when the coachee accepts it" in response.content.decode()
    engagement = Engagement.objects.get(status="proposed")
    assert "nothing is shared with anyone until the coachee accepts" in response.content.decode()
    assert any("bob@acme.test" in m.to for m in mail.outbox)
    bob = login(world.bob)
    page = bob.get(_url(engagement)).content.decode()
    assert "Waiting for your answer" in page and "Dana Sponsor as sponsor" in page
    bob.post(_url(engagement, "accept/"))
    assert _fresh(engagement).status == "active"


def test_it_lets_bob_decline_with_a_reason(world, login):
    engagement = lifecycle.engagement_propose(
        actor=world.alice, coach=world.alice, coachee=world.bob
    )
    response = login(world.bob).post(_url(engagement, "decline/"), {"reason": "Not now"})
    assert response.status_code == 302
    assert _fresh(engagement).status == "declined"
    assert _fresh(engagement).history.last().reason == "Not now"


def test_it_refuses_pausing_a_proposed_engagement_to_its_coach(world, login):
    engagement = lifecycle.engagement_propose(
        actor=world.alice, coach=world.alice, coachee=world.bob
    )
    assert login(world.alice).post(_url(engagement, "pause/")).status_code == 403
    assert _fresh(engagement).status == "proposed"


def test_it_pauses_ends_with_a_reason_and_reopens_showing_the_history(world, login):
    client = login(world.alice)
    client.post(_url(world.engagement, "pause/"), {"reason": "Holiday"})
    assert _fresh(world.engagement).status == "paused"
    client.post(_url(world.engagement, "resume/"))
    response = client.post(_url(world.engagement, "end/"), {"reason": ""})
    assert "This field is required." in response.content.decode()
    assert _fresh(world.engagement).status == "active"
    response = client.post(_url(world.engagement, "end/"), {"reason": "Goals met"})
    assert response.url == _url(world.engagement, "closing-review/")
    client.post(_url(world.engagement, "reopen/"), {"reason": "New role"})
    page = client.get(_url(world.engagement)).content.decode()
    for seen in ("Paused", "Resumed", "Ended", "Reopened", "Holiday", "Goals met", "New role"):
        assert seen in page


def test_it_keeps_a_closing_review_with_gas_scores(world, login):
    goal = goal_services.goal_create(
        actor=world.bob, owner=world.bob, engagement=world.engagement, title="Lead the stand-up"
    )
    lifecycle.engagement_end(actor=world.bob, engagement=world.engagement, reason="Done")
    client = login(world.bob)
    page = client.get(_url(world.engagement, "closing-review/")).content.decode()
    assert "GAS score: Lead the stand-up" in page
    client.post(
        _url(world.engagement, "closing-review/"),
        {f"score_{goal.uuid}": "1", "what_changed": "I run it now", "what_next": "Coach others"},
    )
    review = ClosingReview.objects.get(engagement=world.engagement)
    assert (review.what_changed, review.what_next) == ("I run it now", "Coach others")
    assert review.goal_review_uuid is not None
    assert "I run it now" in client.get(_url(world.engagement)).content.decode()
    # the sponsor sees that a closing review exists, not what it says
    assert "I run it now" not in login(world.dana).get(_url(world.engagement)).content.decode()


def test_it_refuses_an_empty_closing_review_beside_the_field(world, login):
    lifecycle.engagement_end(actor=world.bob, engagement=world.engagement, reason="Done")
    response = login(world.bob).post(_url(world.engagement, "closing-review/"), {})
    assert contracts.EMPTY_REVIEW in response.content.decode()
    assert not ClosingReview.objects.exists()


def test_it_writes_an_agreement_that_bob_and_dana_accept_and_a_change_needs_it_again(world, login):
    alice = login(world.alice)
    form = {
        "goals": "Lead the team's planning",
        "length": "Six months",
        "cadence": "Every two weeks",
        "sponsor_sees": ["attendance", "goal_summaries"],
        "confidentiality_limits": "A risk of serious harm",
    }
    alice.post(_url(world.engagement, "agreement/"), form)
    first = Agreement.objects.get()
    assert first.sponsor_sees == ["attendance", "goal_summaries"]
    login(world.bob).post(_url(world.engagement, "agreement/accept/"))
    page = login(world.dana).get(_url(world.engagement)).content.decode()
    assert "Accept version 1 of the agreement" in page
    login(world.dana).post(_url(world.engagement, "agreement/accept/"))
    assert "accepted, in force" in login(world.dana).get(_url(world.engagement)).content.decode()
    login(world.alice).post(_url(world.engagement, "agreement/"), form | {"cadence": "Monthly"})
    page = login(world.bob).get(_url(world.engagement)).content.decode()
    assert "version 1 stays in force until this one is accepted" in page
    assert "Accept version 2 of the agreement" in page


def test_it_refuses_an_item_the_confidentiality_table_does_not_allow(world, login):
    response = login(world.alice).post(
        _url(world.engagement, "agreement/"),
        {
            "goals": "g",
            "length": "l",
            "cadence": "c",
            "sponsor_sees": ["private_notes"],
            "confidentiality_limits": "x",
        },
    )
    assert "Select a valid choice. private_notes is not one of the available choices." in (
        response.content.decode()
    )
    assert not Agreement.objects.exists()


def test_it_changes_the_sponsor_from_the_page(world, login):
    from trellis.accounts.models import Membership, User

    sam = Membership.objects.create(
        org=world.org, user=User.objects.create(email="sam@acme.test", name="Sam"), is_sponsor=True
    )
    login(world.alice).post(_url(world.engagement, "people/sponsor/"), {"member": sam.uuid})
    assert _fresh(world.engagement).sponsor is None
    page = login(world.bob).get(_url(world.engagement)).content.decode()
    assert "Sam as sponsor" in page


def test_it_lists_what_waits_for_bobs_answer(world, login):
    engagement = lifecycle.engagement_propose(
        actor=world.olga, coach=world.alice, coachee=world.bob, topic="Negotiation"
    )
    page = login(world.bob).get("/o/acme/engagements/").content.decode()
    assert "Waiting for your answer" in page and "Negotiation" in page
    assert "proposed by Olga Admin" in page
    lifecycle.engagement_accept(actor=world.bob, engagement=engagement)
    assert (
        "Waiting for your answer"
        not in login(world.bob).get("/o/acme/engagements/").content.decode()
    )
