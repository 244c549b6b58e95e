"""Nothing typed in the session runner is lost; replies reach every summary; sessions connect."""

import html

import time_machine
from django.urls import reverse

from trellis.engagements import selectors, services
from trellis.engagements.models import CoachingSession

HTMX = {"HX-Request": "true"}


def start(world, framework="grow"):
    return services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key=framework
    )


def url(name, session):
    return reverse(f"engagements:{name}", args=["acme", session.uuid])


def test_it_saves_the_answers_typed_when_moving_to_another_stage(world, login):
    session = start(world)
    client = login(world.alice)
    typed = {"draft_stage": "goal", "goal-statement": "Lead the platform team", "stage": "reality"}
    response = client.post(url("session_move", session), typed, headers=HTMX)
    assert "Stage 2 of 4: Reality" in response.content.decode()
    session.refresh_from_db()
    assert session.state["answers"]["goal"]["goal"]["data"]["statement"] == "Lead the platform team"
    client.post(url("session_move", session), {"stage": "goal"}, headers=HTMX)
    assert 'value="Lead the platform team"' in client.get(url("session", session)).content.decode()


def test_it_keeps_what_cannot_be_saved_yet_as_a_draft_and_shows_it_after_a_reload(world, login):
    session = start(world)
    client = login(world.alice)
    client.post(url("session_move", session), {"stage": "reality"}, headers=HTMX)
    typed = {"draft_stage": "reality", "scaling-now": "eleven", "notes-text": "Half a thought"}
    client.post(url("session_move", session), {**typed, "stage": "options"}, headers=HTMX)
    session.refresh_from_db()
    assert "scaling" not in session.state["answers"].get("reality", {})
    client.post(url("session_move", session), {"stage": "reality"}, headers=HTMX)
    page = client.get(url("session", session)).content.decode()
    assert 'value="eleven"' in page and "Half a thought" in page
    assert "What you typed here earlier is back; it is not saved yet." in page


def test_it_autosaves_typing_and_a_save_drops_the_draft(world, login):
    session = start(world)
    client = login(world.bob)
    typed = {"draft": "stage", "draft_stage": "goal", "goal-statement": "Speak at the all-hands"}
    response = client.post(url("session_draft", session), typed, headers=HTMX)
    assert response.content.decode() == "Kept as you typed it; not saved yet."
    assert 'value="Speak at the all-hands"' in client.get(url("session", session)).content.decode()
    client.post(url("session_answers", session), {"goal-statement": "Speak at the all-hands"})
    session.refresh_from_db()
    assert session.state["drafts"] == {}


def test_it_keeps_a_note_being_typed_for_its_author_only(world, login):
    session = start(world)
    alice = login(world.alice)
    note = {"draft": "note", "text": "Bob may leave if passed over", "visibility": "private"}
    alice.post(url("session_draft", session), note, headers=HTMX)
    assert "Bob may leave if passed over" in alice.get(url("session", session)).content.decode()
    bob = login(world.bob)
    assert "Bob may leave" not in bob.get(url("session", session)).content.decode()
    alice = login(world.alice)
    alice.post(
        url("session_note_create", session), {"text": "Bob may leave", "visibility": "private"}
    )
    session.refresh_from_db()
    assert session.state["drafts"] == {}


def test_it_shows_replies_on_the_page_in_the_summary_the_export_and_the_api(
    world, login, client, api_token
):
    session = start(world)
    question = selectors.session_engine(session).next_question()
    services.coaching_session_reply(
        actor=world.alice, session=session, question_id=question.id, reply="Be the tech lead"
    )
    alice = login(world.alice)
    page = alice.get(url("session", session)).content.decode()
    assert "Replies recorded in Goal" in page and "Be the tech lead" in page
    services.coaching_session_finish(actor=world.alice, session=session)
    summary = alice.get(url("session_summary", session)).content.decode()
    assert "Replies to the questions" in summary and "Be the tech lead" in summary
    export = alice.get(url("session_export", session)).content.decode()
    assert f"- Goal: *{question.text}* Be the tech lead" in export
    alice.logout()
    body = client.get(
        f"/api/v1/sessions/{session.uuid}",
        headers={"Authorization": f"Bearer {api_token(world.bob)}"},
    ).json()
    assert body["replies"] == [
        {"stage": "goal", "question": question.text, "reply": "Be the tech lead"}
    ]


@time_machine.travel("2026-03-02 09:00Z")
def test_it_opens_the_next_oskar_session_at_review_with_last_times_plan(world, login):
    first = start(world, "oskar")
    services.coaching_session_submit(
        actor=world.bob,
        session=first,
        stage="affirm-action",
        answers={"actions": [{"what": "Send the agenda on Friday", "when": "2026-03-06"}]},
    )
    services.coaching_session_finish(actor=world.alice, session=first)
    second = start(world, "oskar")
    assert second.state["current"] == "review"
    page = html.unescape(login(world.alice).get(url("session", second)).content.decode())
    assert "Planned last time" in page and "Send the agenda on Friday" in page
    assert 'Last time you planned "Send the agenda on Friday". What is better since then?' in page
    assert "Next: Outcome" in page  # the conversation goes on from the top
    self_session = services.coaching_session_create(actor=world.bob, framework_key="oskar")
    assert self_session.state["current"] == "outcome"  # no engagement, nothing to review


def test_it_takes_steppa_back_to_target_on_low_buy_in(world, login):
    session = start(world, "steppa")
    client = login(world.bob)
    client.post(url("session_move", session), {"stage": "target"}, headers=HTMX)
    client.post(url("session_answers", session), {"goal-statement": "Head of sales"}, headers=HTMX)
    client.post(url("session_move", session), {"stage": "emotion"}, headers=HTMX)
    answers = {"emotions-feelings": "flat", "emotions-buy_in": "3"}
    response = client.post(url("session_answers", session), answers, headers=HTMX)
    page = response.content.decode()
    assert "Stage 2 of 7: Target" in page
    assert "Buy-in is 3 out of 10, below 7: back to Target" in page
    assert 'value="Head of sales"' in page
    session = CoachingSession.objects.get(pk=session.pk)
    assert session.state["answers"]["emotion"]["emotions"]["data"]["buy_in"] == 3


def test_it_keeps_a_reply_being_typed_until_it_is_recorded(world, login):
    session = start(world)
    question = selectors.session_engine(session).next_question()
    client = login(world.bob)
    typed = {"draft": "reply", "question_id": question.id, "reply": "Be the tech lead"}
    client.post(url("session_draft", session), typed, headers=HTMX)
    assert ">Be the tech lead</textarea>" in client.get(url("session", session)).content.decode()
    client.post(url("session_reply", session), {"question_id": question.id, "reply": "Be the lead"})
    session.refresh_from_db()
    assert session.state["drafts"] == {}


def test_it_keeps_a_stage_typed_in_while_the_other_person_moved_the_session(world, login):
    session = start(world)
    services.coaching_session_move(actor=world.bob, session=session, stage="options")
    client = login(world.alice)  # her screen still shows Goal
    typed = {"draft": "stage", "draft_stage": "goal", "goal-statement": "Lead the platform team"}
    client.post(url("session_draft", session), typed, headers=HTMX)
    session.refresh_from_db()
    assert session.state["drafts"] == {"stage:goal": {"goal-statement": "Lead the platform team"}}
