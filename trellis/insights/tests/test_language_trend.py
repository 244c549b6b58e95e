"""The coachee's player-language share over time: by week in their own time zone, on their plan
page, and for their coach only when the coachee shares it."""

from datetime import date

import pytest
import time_machine

from trellis.goals.services import check_in_record
from trellis.goals.tests.helpers import bob_plan
from trellis.insights import selectors, services
from trellis.insights.models import WritingSample

VICTIM = "They never tell me anything, so I have to redo everything."
PLAYER = "I decided to ask for the brief, and I will send it on Monday."


def opt_in(member, share=False):
    coach = selectors.coaches_of(member=member).first() if share else None
    services.preference_update(actor=member, language_insight=True, trend_shared_with=coach)


def write(member, when, text):
    with time_machine.travel(when, tick=False):
        services.reflection_create(actor=member, text=text)


@pytest.fixture
def rising(world):
    """Bob writes over three weeks in March 2026, moving toward player language."""
    opt_in(world.bob)
    write(world.bob, "2026-03-02 09:00Z", VICTIM)
    write(world.bob, "2026-03-04 09:00Z", f"{VICTIM} {PLAYER}")
    write(world.bob, "2026-03-10 09:00Z", f"{PLAYER} {VICTIM}")
    write(world.bob, "2026-03-17 09:00Z", PLAYER)
    return world


def test_it_adds_up_sentences_by_week(rising):
    trend = selectors.language_trend(member=rising.bob)
    # a text read as player language counts no victim sentence: its grievance is not shown
    # as victim language either (docs/language.md)
    assert [(w.starts_on, w.player, w.victim, w.pieces) for w in trend.weeks] == [
        (date(2026, 3, 2), 1, 1, 2),
        (date(2026, 3, 9), 1, 0, 1),
        (date(2026, 3, 16), 1, 0, 1),
    ]
    assert [w.share for w in trend.weeks] == [0.5, 1.0, 1.0]
    assert (trend.share, trend.first_and_last) == (0.75, (50, 100))


def test_it_reads_weeks_in_the_coachees_time_zone(world):
    world.bob.user.time_zone = "Pacific/Auckland"
    world.bob.user.save()
    opt_in(world.bob)
    write(world.bob, "2026-03-08 20:00Z", PLAYER)  # Monday 9 March, 09:00 in Auckland
    assert [w.starts_on for w in selectors.language_trend(member=world.bob).weeks] == [
        date(2026, 3, 9)
    ]


def test_it_shows_the_coachee_their_trend_on_their_plan_page(rising, login):
    bob_plan(rising)
    page = login(rising.bob).get("/o/acme/plan/").content.decode()
    assert "Your language over time" in page
    assert "Player language: share of sentences, by week" in page  # the SVG chart's title
    assert "50% in the first week, 100% in the latest" in page


def test_it_keeps_the_plan_page_free_of_it_for_a_coachee_who_did_not_opt_in(world, login):
    bob_plan(world)
    page = login(world.bob).get("/o/acme/plan/").content.decode()
    assert "language over time" not in page.lower()


def test_it_shows_the_coach_the_trend_only_when_the_coachee_shares_it(rising, login):
    bob_plan(rising)
    plan = f"/o/acme/engagements/{rising.engagement.uuid}/plan/"
    trend = f"/o/acme/insight/people/{rising.bob.uuid}/"
    alice = login(rising.alice)
    assert "Language over time" not in alice.get(plan).content.decode()
    assert alice.get(trend).status_code == 403

    opt_in(rising.bob, share=True)
    assert "Language over time: Bob Coachee" in alice.get(plan).content.decode()
    page = alice.get(trend).content.decode()
    assert "Bob Coachee chose to share it with you" in page
    assert VICTIM not in page  # counts, never the words


def test_it_never_shows_the_sponsor_or_the_admin_the_trend(rising, login):
    opt_in(rising.bob, share=True)
    bob_plan(rising)
    for member in (rising.dana, rising.olga):
        client = login(member)
        assert client.get(f"/o/acme/insight/people/{rising.bob.uuid}/").status_code == 403
        plan = client.get(f"/o/acme/engagements/{rising.engagement.uuid}/plan/")
        assert "Language over time" not in plan.content.decode()


def test_it_stops_sharing_when_the_engagement_ends(rising, login):
    opt_in(rising.bob, share=True)
    rising.engagement.status = "ended"
    rising.engagement.save()
    response = login(rising.alice).get(f"/o/acme/insight/people/{rising.bob.uuid}/")
    assert response.status_code == 403


def test_it_counts_a_check_in_note_toward_the_trend(world):
    opt_in(world.bob)
    plan = bob_plan(world)
    check_in_record(actor=world.bob, action=plan.first, percent=40, note=PLAYER)
    sample = WritingSample.objects.get(member=world.bob)
    assert (sample.source, sample.player_sentences) == ("check_in", 1)


def test_it_counts_nothing_for_a_check_in_by_a_coachee_who_did_not_opt_in(world):
    plan = bob_plan(world)
    check_in_record(actor=world.bob, action=plan.first, percent=40, note=VICTIM)
    assert not WritingSample.objects.exists()


def test_it_shows_the_trend_and_the_recent_counts_on_the_settings_page(rising, login):
    page = login(rising.bob).get("/o/acme/insight/").content.decode()
    assert "Your language over time" in page
    assert "Recent writing counted" in page
    assert VICTIM not in page


def test_it_counts_what_the_coachee_writes_in_a_session_but_not_what_the_coach_writes(world):
    from trellis.engagements import services as sessions

    opt_in(world.bob)
    session = sessions.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    goal = {"goal": {"statement": "I will lead the platform team by June", "due": "end of June"}}
    sessions.coaching_session_submit(actor=world.alice, session=session, stage="goal", answers=goal)
    assert not WritingSample.objects.exists()
    sessions.coaching_session_submit(actor=world.bob, session=session, stage="goal", answers=goal)
    sessions.session_note_create(actor=world.bob, session=session, text=VICTIM)
    sessions.session_note_create(actor=world.alice, session=session, text=VICTIM)
    assert sorted(WritingSample.objects.values_list("source", flat=True)) == [
        "session_answer",
        "session_note",
    ]
