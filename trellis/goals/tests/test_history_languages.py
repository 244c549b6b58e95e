"""A goal's history reads in its reader's language: what people typed stays as typed, and what
Trellis adds (a check-in's blockers, a review's score, a reason of its own, a status) is in the
reader's words. Rows written in English words before (goals 0003) are read the same way."""

from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.utils import translation

from trellis.goals import services
from trellis.goals.models import Revision
from trellis.goals.services import GoalDecision, NewGoal
from trellis.goals.tests.helpers import bob_plan

MIGRATION = import_module("trellis.goals.migrations.0003_revision_params")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def plan(world):
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        plan = bob_plan(world)
        services.check_in_record(
            actor=world.bob,
            action=plan.first,
            done=True,
            note="Agenda steht",
            blockers="Raum noch nicht gebucht",
        )
        services.review_record(
            actor=world.alice,
            coachee=world.bob,
            engagement=world.engagement,
            goals=[GoalDecision(plan.goal, score=1)],
            new_goals=[NewGoal(title="Eine Retro moderieren", due_text="2026-06-30")],
        )
    return plan


def _speaks(member, language: str):
    member.user.language = language
    member.user.save(update_fields=["language"])
    return member


def test_a_german_coachee_reads_his_goals_history_in_german(world, login, plan):
    client = login(_speaks(world.bob, "de"))
    goal = client.get(f"/o/acme/goals/{plan.goal.uuid}/history/").content.decode()
    assert "Bewertet mit +1: etwas mehr als erwartet" in goal  # no words of his for +1
    assert "Agenda steht Blocker: Raum noch nicht gebucht" in goal
    assert "Geplant → Erledigt" in goal  # the action's status, not its code
    assert "Blockers:" not in goal and "Scored" not in goal and "“done”" not in goal
    added = plan.goal.engagement.goals.get(title="Eine Retro moderieren")
    page = client.get(f"/o/acme/goals/{added.uuid}/history/").content.decode()
    assert "Bei einer Überprüfung hinzugefügt" in page and "Added at a review" not in page


def test_the_api_gives_the_why_in_the_readers_language(world, client, api_token, plan):
    token = api_token(_speaks(world.bob, "pt-br"))
    body = client.get(
        f"/api/v1/goals/{plan.goal.uuid}/history", headers={"Authorization": f"Bearer {token}"}
    ).json()
    whys = [r["why"] for r in body["revisions"]]
    assert "Pontuação +1: um pouco acima do esperado" in whys
    assert "Agenda steht Bloqueios: Raum noch nicht gebucht" in whys


def test_an_old_english_why_is_read_into_codes_and_a_typed_one_kept(world, plan):
    goal = plan.goal

    def old(kind: str, why: str) -> Revision:
        return Revision.objects.create(
            org=world.org, goal=goal, actor=world.bob, kind=kind, why=why, version=goal.version
        )

    rows = {
        "check_in": old("check_in", "Went well Blockers: waiting on IT"),
        "blockers": old("check_in", "Blockers: no room"),
        "scored": old("reviewed", "Scored -2: No meeting run"),
        "generic": old("reviewed", "Scored 0: the expected outcome"),
        "added": old("created", "Added at a review"),
        "typed": old("changed", "Scored well, Blockers: none, as I said"),
    }
    MIGRATION.forwards(apps, None)
    got = {key: Revision.objects.get(pk=row.pk) for key, row in rows.items()}
    assert (got["check_in"].why, got["check_in"].params) == (
        "Went well",
        {"blockers": "waiting on IT"},
    )
    assert (got["blockers"].why, got["blockers"].params) == ("", {"blockers": "no room"})
    assert got["scored"].params == {"score": -2, "level": "No meeting run"}
    assert got["generic"].params == {"score": 0, "level": ""}
    assert got["added"].params == {"because": "review"}
    assert (
        got["typed"].params == {} and got["typed"].why == "Scored well, Blockers: none, as I said"
    )
    with translation.override("de"):
        assert got["check_in"].why_shown == "Went well Blocker: waiting on IT"
        assert got["scored"].why_shown == "Bewertet mit -2: No meeting run"
        assert got["generic"].why_shown == "Bewertet mit 0: das erwartete Ergebnis"
        assert got["typed"].why_shown == "Scored well, Blockers: none, as I said"  # as typed
    with translation.override("en-gb"):  # English reads as it was stored
        for key, row in rows.items():
            assert got[key].why_shown == row.why

    MIGRATION.backwards(apps, None)
    for row in rows.values():
        assert Revision.objects.get(pk=row.pk).why == row.why


def test_a_new_check_in_keeps_the_note_as_typed(world, plan):
    revision = plan.first.revisions.get(kind=Revision.Kind.CHECK_IN)
    assert revision.why == "Agenda steht"
    assert revision.params == {"blockers": "Raum noch nicht gebucht"}
