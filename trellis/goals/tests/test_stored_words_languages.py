"""Words Trellis writes when it makes a goal, an action or a review read in the reader's language: a
plan made from a session ("From a GROW session" in its history), a closing review's note, and the
goal and actions a German coachee's session becomes (written in their language: it is their text
from then on)."""

from importlib import import_module

import time_machine
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import translation

from trellis.engagements import contracts, lifecycle
from trellis.goals import services
from trellis.goals.models import CLOSING_REVIEW, Review, Revision
from trellis.goals.tests.helpers import bob_plan, finished_session, grow_artifacts

MIGRATION = import_module("trellis.goals.migrations.0004_revision_from_session")


def _speaks(member, language):
    member.user.language = language
    member.user.save(update_fields=["language"])


@time_machine.travel("2026-03-02 09:00Z")
def test_a_plan_from_a_session_says_where_it_came_from_in_the_readers_language(
    world, login, api_token
):
    (goal,) = services.goals_from_artifacts(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        artifacts=grow_artifacts(),
        source_session=finished_session(),
    )
    created = Revision.objects.filter(goal=goal, kind="created").first()
    assert created.why == "" and created.params == {"because": "session", "framework": "GROW"}
    _speaks(world.bob, "de")
    page = login(world.bob).get(reverse("goals:goal_history", args=["acme", goal.uuid]))
    assert "Aus einer GROW-Sitzung" in page.content.decode()
    assert "From a GROW session" not in page.content.decode()
    headers = {"Authorization": f"Bearer {api_token(world.alice)}", "Accept-Language": "pt-BR"}
    history = Client().get(f"/api/v1/goals/{goal.uuid}/history", headers=headers).json()
    assert history["revisions"][0]["why"] == "De uma sessão GROW"


@time_machine.travel("2026-03-02 09:00Z")
def test_a_german_coachees_session_becomes_a_plan_in_german(world):
    _speaks(world.bob, "de")
    (goal,) = services.goals_from_artifacts(
        actor=world.alice,  # the coach finishes it, in whatever language the coach reads
        coachee=world.bob,
        engagement=world.engagement,
        artifacts=grow_artifacts(),
        source_session=finished_session(),
    )
    assert goal.gas_expected.startswith("Bei 8/10 auf meiner eigenen Skala")
    assert "Mit: Priya" in goal.actions.get(what__contains="Priya").support


def test_a_closing_reviews_note_reads_in_the_readers_language(world, login, api_token):
    goal = services.goal_create(
        actor=world.bob, owner=world.bob, engagement=world.engagement, title="Lead the stand-up"
    )
    lifecycle.engagement_end(actor=world.bob, engagement=world.engagement, reason="Done")
    contracts._record_scores(world.bob, world.engagement, {str(goal.uuid): 1})
    review = Review.objects.get(engagement=world.engagement)
    assert review.note == CLOSING_REVIEW == "Closing review"  # stored as Trellis wrote it
    _speaks(world.bob, "de")
    page = login(world.bob).get(reverse("goals:review_detail", args=["acme", review.uuid]))
    assert "Abschlussgespräch" in page.content.decode()
    headers = {"Authorization": f"Bearer {api_token(world.alice)}", "Accept-Language": "es"}
    found = Client().get(f"/api/v1/goals/reviews/{review.uuid}", headers=headers).json()
    assert found["note"] == "Revisión de cierre"
    with translation.override("en"):
        review.note = "Closing review, and what a year"  # a person's own note stays theirs
        assert review.note_shown == "Closing review, and what a year"


def test_an_old_english_from_a_session_is_read_into_a_code_and_a_typed_why_kept(world):
    goal = bob_plan(world).goal

    def old(kind: str, why: str) -> Revision:
        return Revision.objects.create(
            org=world.org, goal=goal, actor=world.bob, kind=kind, why=why, version=goal.version
        )

    made, typed = old("created", "From a TGROW session"), old("changed", "From a chat session")
    MIGRATION.forwards(apps, None)
    made.refresh_from_db()
    typed.refresh_from_db()
    assert (made.why, made.params) == ("", {"because": "session", "framework": "TGROW"})
    assert (typed.why, typed.params) == ("From a chat session", {})
    with translation.override("es"):
        assert made.why_shown == "De una sesión TGROW"
    MIGRATION.backwards(apps, None)
    made.refresh_from_db()
    assert (made.why, made.params) == ("From a TGROW session", {})
