"""Coaching session pages: start, move between stages with htmx, answer, note, finish, export."""

import re

import pytest
import time_machine

from trellis.engagements import services
from trellis.engagements.models import CoachingSession, SessionNote
from trellis.engagements.tests.agreements import agree

HTMX = {"HX-Request": "true"}


@pytest.fixture
def grow(world):
    return services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )


def url(session, action=""):
    base = f"/o/acme/sessions/{session.uuid}/"
    return base + (f"{action}/" if action and not action.endswith(".md") else action)


def test_it_starts_a_session_from_the_engagement(world, login):
    client = login(world.alice)
    page = client.get(f"/o/acme/engagements/{world.engagement.uuid}/").content.decode()
    assert "Start a session" in page and 'value="steppa"' in page
    response = client.post(
        f"/o/acme/engagements/{world.engagement.uuid}/sessions/new/",
        {"framework_key": "grow", "style": "non-directive", "topic": "Tech lead"},
    )
    session = CoachingSession.objects.get()
    assert response["Location"] == url(session)
    page = client.get(url(session)).content.decode()
    assert "Stage 1 of 4: Goal" in page
    assert "Agree what the coachee wants" in page
    assert "What would you like to be different when we finish today?" in page
    assert 'name="goal-statement"' in page and 'name="goal-due"' in page


def test_it_moves_between_stages_with_an_htmx_fragment(world, login, grow):
    client = login(world.alice)
    response = client.post(url(grow, "move"), {"stage": "options"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="runner"' in body
    assert "Stage 3 of 4: Options" in body
    assert 'name="options-0-option"' in body and 'name="options-1-pros"' in body
    grow.refresh_from_db()
    assert grow.state["current"] == "options"


def test_it_saves_answers_and_names_each_wrong_field(world, login, grow):
    client = login(world.alice)
    client.post(url(grow, "move"), {"stage": "will"}, headers=HTMX)
    body = client.post(
        url(grow, "answers"),
        {
            "actions-0-what": "Book the talk",
            "actions-0-commitment": "12",
            "actions-1-when": "2026-02-30",
        },
        headers=HTMX,
    ).content.decode()
    assert "Not saved." in body
    assert "actions[0].commitment" in body and "a whole number from 1 to 10" in body
    assert "actions[1].what" in body
    assert 'value="Book the talk"' in body  # what was typed stays on the page
    grow.refresh_from_db()
    assert "will" not in grow.state["answers"]
    body = client.post(
        url(grow, "answers"),
        {
            "actions-0-what": "Book the talk",
            "actions-0-commitment": "5",
            "actions-0-when": "2026-05-01",
        },
        headers=HTMX,
    ).content.decode()
    assert "Will: answers saved." in body
    assert "Follow-up question" in body and "What would make it a 6?" in body
    assert "Commitment to &quot;Book the talk&quot; is 5 out of 10" in body


def test_it_asks_permission_before_an_idea_in_a_non_directive_session(world, login, grow):
    client = login(world.alice)
    for _ in range(4):
        question = re.search(
            r'name="question_id" value="([^"]+)"', client.get(url(grow)).content.decode()
        )
        client.post(url(grow, "reply"), {"question_id": question.group(1), "skip": "1"})
    page = client.get(url(grow)).content.decode()
    assert "No more suggested questions here." in page
    grow.refresh_from_db()
    assert len(grow.state["history"]) == 4


def test_it_shows_the_coachs_private_notes_to_the_coach_alone(world, login, grow):
    alice = login(world.alice)
    alice.post(
        url(grow, "notes"), {"text": "Bob sounds tired", "visibility": "private"}, headers=HTMX
    )
    alice.post(
        url(grow, "notes"), {"text": "Agreed to meet monthly", "visibility": "shared"}, headers=HTMX
    )
    assert "Bob sounds tired" in alice.get(url(grow)).content.decode()
    bob = login(world.bob)
    page = bob.get(url(grow)).content.decode()
    assert "Agreed to meet monthly" in page and "Bob sounds tired" not in page
    # Bob cannot make a private note: his notes are shared with his coach.
    bob.post(url(grow, "notes"), {"text": "My own note", "visibility": "private"})
    assert not SessionNote.objects.filter(text="My own note").exists()
    assert login(world.dana).get(url(grow)).status_code == 403
    assert login(world.olga).get(url(grow)).status_code == 403


def test_it_lets_the_coachee_alone_share_a_note_with_the_sponsor(world, login, grow):
    agree(world.engagement)  # the accepted agreement shows the sponsor shared notes
    note = services.session_note_create(
        actor=world.alice, session=grow, text="Ready for the lead role"
    )
    engagement_page = f"/o/acme/engagements/{world.engagement.uuid}/"
    assert "Ready for the lead role" not in login(world.dana).get(engagement_page).content.decode()
    assert (
        login(world.alice)
        .post(url(grow, f"notes/{note.uuid}/sponsor"), {"shared": "yes"})
        .status_code
        == 403
    )
    login(world.bob).post(url(grow, f"notes/{note.uuid}/sponsor"), {"shared": "yes"}, headers=HTMX)
    page = login(world.dana).get(engagement_page).content.decode()
    assert "Shared with you by Bob Coachee" in page and "Ready for the lead role" in page
    assert "GROW" in page  # the session happened; its content stays closed
    assert f"/sessions/{grow.uuid}/" not in page


@time_machine.travel("2026-03-02 09:00Z")
def test_it_finishes_to_a_summary_and_a_markdown_export(world, login):
    grow = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    alice = login(world.alice)
    alice.post(
        url(grow, "answers"),
        {"goal-statement": "Lead the platform team", "goal-due": "end of June"},
    )
    alice.post(url(grow, "notes"), {"text": "Keep this between us", "visibility": "private"})
    alice.post(url(grow, "notes"), {"text": "Next time: the budget", "visibility": "shared"})
    response = alice.post(url(grow, "finish"), headers=HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == url(grow, "summary")
    assert alice.get(url(grow))["Location"] == url(grow, "summary")
    summary = alice.get(url(grow, "summary")).content.decode()
    assert "Lead the platform team" in summary and "2026-06-30" in summary
    assert "This goal has no success measure" in summary
    export = alice.get(url(grow, "export.md"))
    assert export["Content-Disposition"] == 'attachment; filename="grow-session-2026-03-02.md"'
    text = export.content.decode()
    assert text.startswith("# GROW session, 2026-03-02")
    assert "Lead the platform team" in text and "Next time: the budget" in text
    assert "Keep this between us" not in text


def test_it_starts_self_coaching_for_a_coachee(world, login):
    bob = login(world.bob)
    page = bob.get("/o/acme/sessions/").content.decode()
    assert "Start a self-coaching session" in page
    response = bob.post(
        "/o/acme/sessions/self/", {"framework_key": "oskar", "style": "non-directive"}
    )
    session = CoachingSession.objects.get()
    assert session.kind == "self" and session.coach is None
    assert response["Location"] == url(session)
    assert "Stage 1 of 5: Outcome" in bob.get(url(session)).content.decode()
    assert (
        "Start a self-coaching session"
        not in login(world.dana).get("/o/acme/sessions/").content.decode()
    )


def test_it_names_the_problem_with_a_session_it_cannot_start(world, login):
    response = login(world.alice).post(
        f"/o/acme/engagements/{world.engagement.uuid}/sessions/new/",
        {"framework_key": "achieve", "style": "directive"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CoachingSession.objects.exists()


def test_it_offers_a_question_in_another_voice_asking_permission_first(world, login, grow):
    client = login(world.alice)
    body = client.get(url(grow) + "?voice=directive", headers=HTMX).content.decode()
    assert "<html" not in body and "Ask permission first" in body
    client.post(
        url(grow, "reply"), {"question_id": "goal/directive/0/permission", "granted": "yes"}
    )
    body = client.get(url(grow) + "?voice=directive", headers=HTMX).content.decode()
    assert "Write the goal as one sentence that starts with &#x27;I will&#x27;." in body
    client.post(url(grow, "reply"), {"question_id": "goal/directive/0", "reply": "I will lead"})
    grow.refresh_from_db()
    assert [h["reply"] for h in grow.state["history"]] == ["yes", "I will lead"]
