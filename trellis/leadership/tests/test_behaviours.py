"""The behaviour contract: one or two behaviours, frozen once rated, a change after that is a new
version and the rated wording stays."""

import pytest
from django.core.exceptions import ValidationError

from trellis.leadership import services
from trellis.leadership.models import Behaviour
from trellis.leadership.tests.helpers import leadership_goal_for


def test_a_leadership_goal_has_one_or_two_behaviours(world):
    leadership = leadership_goal_for(world)
    assert [b.text for b in leadership.current_behaviours()] == [
        "Asks the team for options before deciding",
        "Says what was decided and why in the team meeting",
    ]
    assert leadership.goal.leadership == leadership
    with pytest.raises(ValidationError):
        leadership_goal_for(world, behaviours=["a", "b", "c"])
    with pytest.raises(ValidationError):
        leadership_goal_for(world, behaviours=["  "])


def test_an_unfrozen_behaviour_is_edited_in_place(world):
    leadership = leadership_goal_for(world)
    first = leadership.current_behaviours()[0]
    revised = services.revise_behaviour(first, "Asks for two options before deciding")
    assert revised.pk == first.pk and revised.version == 1
    assert Behaviour.objects.filter(leadership_goal=leadership).count() == 2


def test_a_frozen_behaviour_gets_a_new_version_and_keeps_the_old_wording(world):
    leadership = leadership_goal_for(world)
    assert services.freeze_behaviours(leadership.goal) == 2
    assert services.freeze_behaviours(leadership) == 0  # idempotent
    first = leadership.current_behaviours()[0]
    assert first.is_frozen
    new = services.revise_behaviour(first, "Asks for two options before deciding")
    assert new.pk != first.pk and new.version == 2 and new.replaces == first
    assert not new.is_frozen
    first.refresh_from_db()
    assert first.text == "Asks the team for options before deciding" and not first.is_current
    assert [(b.position, b.version) for b in leadership.current_behaviours()] == [(1, 2), (2, 1)]
    with pytest.raises(ValidationError):
        services.revise_behaviour(first, "Another wording")


def test_whoever_sees_the_goal_sees_its_behaviours(world):
    leadership = leadership_goal_for(world)
    behaviour = leadership.current_behaviours()[0]
    assert "coachee" in behaviour.relations_of(world.bob)
    assert "coach" in behaviour.relations_of(world.alice)
    assert behaviour.relations_of(world.carol) == set()
