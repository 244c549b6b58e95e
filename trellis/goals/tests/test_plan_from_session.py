from datetime import date

import time_machine

from trellis.goals import services
from trellis.goals.models import Action, Goal, Revision
from trellis.goals.tests.helpers import finished_session, grow_artifacts


@time_machine.travel("2026-03-02 09:00Z")
def test_it_turns_a_finished_grow_session_into_bobs_plan(world):
    session = finished_session()
    goals = services.goals_from_artifacts(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        artifacts=grow_artifacts(),
        source_session=session,
    )
    (goal,) = goals
    assert goal.title == "Lead the Q3 platform migration as tech lead"
    assert goal.owner == world.bob and goal.engagement == world.engagement
    assert goal.due_date == date(2026, 9, 30)
    assert goal.visibility == Goal.Visibility.PRIVATE
    assert goal.gas_expected.startswith("At 8/10")
    actions = list(goal.actions.order_by("due_date"))
    assert [a.what for a in actions] == [
        "Ask Greg to name me migration lead",
        "Draft the migration design doc with Priya",
    ]
    assert actions[0].owner == world.bob and actions[0].commitment == 9
    assert actions[0].due_date == date(2026, 4, 10)
    assert "With: Priya" in actions[1].support
    assert Revision.objects.filter(goal=goal, kind="created").count() == 3
    assert Revision.objects.filter(goal=goal).first().why_shown == "From a GROW session"


@time_machine.travel("2026-03-02 09:00Z")
def test_it_makes_the_plan_once_however_often_the_session_is_finished(world):
    session = finished_session()
    for _ in range(2):
        services.goals_from_artifacts(
            actor=world.alice,
            coachee=world.bob,
            engagement=world.engagement,
            artifacts=grow_artifacts(),
            source_session=session,
        )
    assert Goal.objects.count() == 1 and Action.objects.count() == 2


@time_machine.travel("2026-03-02 09:00Z")
def test_it_still_makes_the_plan_when_the_coachee_has_since_lost_the_role(world):
    world.bob.is_coachee = False
    world.bob.save()
    goals = services.goals_from_artifacts(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        artifacts=grow_artifacts(),
    )
    assert [g.owner for g in goals] == [world.bob]
