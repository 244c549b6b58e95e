"""Language insight in the pages: for the coachee who opted in, absent for everyone else, gone
when the organization switches it off; it never blocks saving."""

import pytest
import time_machine

from trellis.insights import selectors, services, views
from trellis.insights.models import Reflection, WritingSample

VICTIM = "They never tell me anything, so I have to redo everything."
PLAYER = "I decided to ask my manager for the brief, and I will send it on Monday."
STANCE = "/o/acme/insight/stance/"


def opt_in(member, share=False):
    coach = selectors.coaches_of(member=member).first() if share else None
    services.preference_update(actor=member, language_insight=True, trend_shared_with=coach)


def switch_off(org):
    org.language_insight_enabled = False
    org.save(update_fields=["language_insight_enabled"])


def test_it_shows_the_insight_panel_where_an_opted_in_coachee_writes(world, login):
    opt_in(world.bob)
    page = login(world.bob).get("/o/acme/reflect/").content.decode()
    assert f'hx-post="{STANCE}"' in page
    assert 'hx-trigger="keyup changed delay:800ms from:#id_text"' in page
    assert "Language insight is on for you" in page


def test_it_offers_no_insight_to_a_coachee_who_did_not_opt_in(world, login):
    page = login(world.bob).get("/o/acme/reflect/").content.decode()
    assert STANCE not in page
    assert "Language insight is off" in page  # and where to turn it on
    assert login(world.bob).post(STANCE, {"text": VICTIM}).status_code == 403


def test_it_highlights_the_words_noticed_with_their_explanation_and_one_question(world, login):
    opt_in(world.bob)
    response = login(world.bob).post(STANCE, {"text": VICTIM}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="noticed"' in page
    assert "Worth a second look" in page
    assert "Necessity without choice" in page  # the category's label, from the lexicon
    assert "To reflect on:" in page
    assert "victim" not in page.lower()  # words are noticed; the person is never labelled


def test_it_notices_choice_and_plans_as_strengths(world, login):
    opt_in(world.bob)
    page = login(world.bob).post(STANCE, {"text": PLAYER}).content.decode()
    assert '<mark class="strength"' in page
    assert "Working for you" in page
    assert "Worth a second look" not in page


def test_a_move_read_as_player_from_the_whole_text_says_so_without_highlighting_words(world, login):
    opt_in(world.bob)
    text = "Headcount froze, so I moved two projects to next quarter and told the sponsors why."
    page = login(world.bob).post(STANCE, {"text": text}).content.decode()
    assert "Read as a whole, this sounds like you choosing what to do next" in page
    assert "To reflect on:" in page
    assert '<mark class="noticed"' not in page and "Worth a second look" not in page


def test_it_answers_quietly_for_plain_or_empty_text(world, login):
    opt_in(world.bob)
    client = login(world.bob)
    assert client.post(STANCE, {"text": ""}).content.decode().strip() == ""
    plain = client.post(STANCE, {"text": "The meeting is in room 4."}).content.decode()
    assert "Nothing in particular noticed" in plain
    assert "<mark" not in plain


def test_it_never_blocks_saving_a_reflection_and_counts_its_sentences(world, login):
    opt_in(world.bob)
    response = login(world.bob).post("/o/acme/reflect/", {"text": f"{VICTIM} {PLAYER}"})
    assert response.status_code == 302
    assert Reflection.objects.get(member=world.bob).text == f"{VICTIM} {PLAYER}"
    sample = WritingSample.objects.get(member=world.bob)
    # read as player language: the grievance the writer answers is not counted as victim
    assert (sample.source, sample.victim_sentences, sample.player_sentences) == (
        "reflection",
        0,
        1,
    )
    assert views.REFLECTION_SAVED in login(world.bob).get("/o/acme/reflect/").content.decode()


def test_it_keeps_no_language_counts_for_a_coachee_who_did_not_opt_in(world, login):
    login(world.bob).post("/o/acme/reflect/", {"text": VICTIM})
    assert Reflection.objects.filter(member=world.bob).exists()
    assert not WritingSample.objects.exists()


def test_it_refuses_an_empty_reflection_and_names_the_field(world, login):
    page = login(world.bob).post("/o/acme/reflect/", {"text": "   "}).content.decode()
    assert "This field is required." in page
    assert not Reflection.objects.exists()


def test_it_lets_a_coachee_switch_the_insight_on_and_off(world, login):
    client = login(world.bob)
    page = client.get("/o/acme/insight/").content.decode()
    assert "Show language insight where I write" in page
    client.post("/o/acme/insight/", {"language_insight": "on"})
    assert STANCE in client.get("/o/acme/reflect/").content.decode()
    client.post("/o/acme/insight/", {})
    assert STANCE not in client.get("/o/acme/reflect/").content.decode()


def test_it_shows_nothing_of_the_feature_when_the_organization_switched_it_off(world, login):
    opt_in(world.bob, share=True)
    switch_off(world.org)
    client = login(world.bob)
    reflect = client.get("/o/acme/reflect/").content.decode()
    assert STANCE not in reflect
    assert "Language insight" not in reflect
    assert client.get("/o/acme/insight/").status_code == 403
    assert client.post(STANCE, {"text": VICTIM}).status_code == 403
    assert client.get(f"/o/acme/insight/people/{world.bob.uuid}/").status_code == 403
    # reflections are still the coachee's to write, without counts
    client.post("/o/acme/reflect/", {"text": VICTIM})
    assert Reflection.objects.exists() and not WritingSample.objects.exists()
    alice = login(world.alice)
    assert alice.post("/o/acme/insight/inclusive/", {"text": "guys"}).status_code == 403
    assert alice.get(f"/o/acme/insight/people/{world.bob.uuid}/").status_code == 403


def test_it_gives_a_coach_an_inclusive_hint_with_alternatives(world, login):
    page = (
        login(world.alice)
        .post("/o/acme/insight/inclusive/", {"text": "Hi guys, the chairman wants a sanity check."})
        .content.decode()
    )
    assert '<mark class="hint"' in page
    assert "Gendered wording" in page and "Ableist idiom" in page
    assert "Try: chair, chairperson." in page


def test_it_keeps_quiet_about_a_term_being_discussed(world, login):
    page = (
        login(world.alice)
        .post("/o/acme/insight/inclusive/", {"text": 'We stopped saying "guys" in the team.'})
        .content.decode()
    )
    assert "<mark" not in page


def test_it_refuses_the_inclusive_hint_to_a_coachee(world, login):
    assert login(world.bob).post("/o/acme/insight/inclusive/", {"text": "guys"}).status_code == 403


@pytest.mark.parametrize("persona", ["bob", "alice"])
def test_it_caps_what_the_live_panels_read(world, login, persona):
    opt_in(world.bob)
    url = STANCE if persona == "bob" else "/o/acme/insight/inclusive/"
    page = login(world.member(persona)).post(url, {"text": "a" * 20_001}).content.decode()
    assert views.TEXT_TOO_LONG in page


def test_it_clears_the_trend_but_not_the_writing(world, login):
    opt_in(world.bob)
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        services.reflection_create(actor=world.bob, text=VICTIM)
    response = login(world.bob).post("/o/acme/insight/forget/")
    assert response.status_code == 302
    assert not WritingSample.objects.exists()
    assert Reflection.objects.filter(member=world.bob).exists()


def test_it_offers_each_their_own_panel_on_a_coaching_session_page(world, login):
    from trellis.engagements import services as sessions

    opt_in(world.bob)
    session = sessions.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    url = f"/o/acme/sessions/{session.uuid}/"
    bob = login(world.bob).get(url).content.decode()
    assert 'from:#reply"' in bob and 'from:#id_text"' in bob  # the reply and his note
    assert "insight/inclusive/" not in bob
    alice = login(world.alice).get(url).content.decode()
    assert STANCE not in alice
    assert "insight/inclusive/" in alice and 'from:#id_text"' in alice  # her notes
