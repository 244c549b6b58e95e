"""The career event an overdue action becomes reads in the reader's language: a German coachee and
a Portuguese coach read Trellis's title and notes in theirs (the action's own text as it is), while a
German sponsor and admin still see only the type and the date, never the title nor the action's
text (docs/confidentiality.md)."""

from datetime import UTC, datetime

import pytest
import time_machine

from trellis.engagements.models import CoachingSession
from trellis.scheduling import services
from trellis.scheduling.models import CareerEvent
from trellis.scheduling.services.events import log_overdue_actions

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ACTION = "Draft next week's planning agenda"


def _speaks(member, language):
    member.user.language = language
    member.user.save(update_fields=["language"])


@pytest.fixture
def missed(world):
    from trellis.goals.tests.helpers import bob_plan

    with time_machine.travel(NOW, tick=False):
        bob_plan(world)  # Bob's first action is due 6 March
        services.trigger_rule_create(actor=world.olga, event_type="setback", when="on_log")
    later = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        assert log_overdue_actions(now=later) == 1
    return CareerEvent.objects.get()


def pages(client, event):
    listing = client.get("/o/acme/events/").content.decode()
    detail = client.get(f"/o/acme/events/{event.uuid}/").content.decode()
    return listing + detail


def test_the_stored_words_stay_english(missed):
    assert missed.title == "Missed deadline"
    assert missed.notes == f"The action that went overdue: {ACTION}"


def test_a_german_coachee_reads_the_missed_deadline_in_german(world, missed, login):
    _speaks(world.bob, "de")
    page = pages(login(world.bob), missed)
    assert "Verpasste Frist" in page
    assert "Die überfällige Aktion: Draft next week&#x27;s planning agenda" in page
    assert "Missed deadline" not in page and "The action that went overdue" not in page


def test_a_portuguese_coach_reads_it_in_portuguese_in_the_api(world, missed, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(world.alice)}", "Accept-Language": "pt-BR"}
    (event,) = client.get("/api/v1/scheduling/events", headers=headers).json()["items"]
    assert event["title"] == "Prazo perdido"
    assert event["notes"] == f"A ação que ficou atrasada: {ACTION}"


@pytest.mark.parametrize("persona", ["dana", "olga"])
def test_a_german_sponsor_and_admin_see_the_type_never_the_title_nor_the_action(
    world, missed, login, client, api_token, persona
):
    member = world.member(persona)
    _speaks(member, "de")
    page = pages(login(member), missed)
    assert "Rückschlag oder verpasste Frist" in page  # the type, in German
    for hidden in ("Verpasste Frist", "Missed deadline", "planning agenda", "überfällige Aktion"):
        assert hidden not in page
    headers = {"Authorization": f"Bearer {api_token(member)}", "Accept-Language": "de"}
    (event,) = client.get("/api/v1/scheduling/events", headers=headers).json()["items"]
    assert event["title"] is None and event["notes"] is None


def test_a_coachee_who_wrote_missed_deadline_keeps_their_own_words(world, login):
    _speaks(world.bob, "de")
    with time_machine.travel(NOW, tick=False):
        own = services.career_event_log(
            actor=world.bob,
            coachee=world.bob,
            type=CareerEvent.Type.SETBACK,
            date=NOW.date(),
            title="Missed deadline",
        )
    assert "Missed deadline" in pages(login(world.bob), own)


def test_the_focused_session_it_opens_names_it_in_the_coachees_language(world):
    _speaks(world.bob, "de")
    from trellis.goals.tests.helpers import bob_plan

    with time_machine.travel(NOW, tick=False):
        bob_plan(world)
        services.trigger_rule_create(actor=world.olga, event_type="setback", when="on_log")
    later = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        log_overdue_actions(now=later)
    assert CoachingSession.objects.get().topic == "Verpasste Frist (6 Mär 2026)"
