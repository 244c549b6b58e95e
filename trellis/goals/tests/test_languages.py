"""A person who reads Trellis in German sees their plan, its forms and its messages in German."""

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from trellis.goals.tests.helpers import bob_plan

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        yield


@pytest.fixture
def plan(world):
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        return bob_plan(world)


def test_it_shows_bob_his_plan_in_german(world, login, plan):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    page = login(world.bob).get("/o/acme/plan/").content.decode()
    assert "Mein Plan" in page and "Überfällig" in page and "Check-in speichern" in page
    assert "Actions, overdue and due soon first" not in page


def test_it_says_a_saved_goal_in_german(world, login, plan):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    client = login(world.bob)
    form = client.get("/o/acme/goals/new/").content.decode()
    assert "Ziel speichern" in form and "Save goal" not in form
    response = client.post(
        "/o/acme/goals/new/",
        {
            "title": "Lead the Monday planning",
            "weight": "1",
            "visibility": "private",
            "coaching": str(world.engagement.uuid),
        },
        follow=True,
    )
    assert "Ziel gespeichert." in response.content.decode()


def test_it_names_the_changed_fields_of_a_goal_in_german(world, login, plan):
    from trellis.goals import services

    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    services.goal_update(
        actor=world.alice, goal=plan.goal, changes={"weight": 3}, version=None, why="Wichtig"
    )
    page = login(world.bob).get(f"/o/acme/goals/{plan.goal.uuid}/history/").content.decode()
    assert "Gewichtung: 1 → 3" in page and "Verlauf von" in page
