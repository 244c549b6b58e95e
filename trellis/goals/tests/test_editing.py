"""Editing a plan: optimistic locking, wording versions after feedback, who may share, due dates."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from trellis.goals import services
from trellis.goals.models import Goal, GoalVersion, Revision
from trellis.goals.services.common import DUE_UNREADABLE, ONLY_COACHEE_SHARES, REASON_REQUIRED
from trellis.goals.tests.helpers import bob_plan

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        yield


def test_it_refuses_the_second_of_two_saves_from_the_same_version(world):
    plan = bob_plan(world)
    seen = plan.goal.version
    services.goal_update(
        actor=world.alice,
        goal=plan.goal,
        changes={"due_date": date(2026, 7, 31)},
        version=seen,
        why="The launch moved",
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.goal_update(
            actor=world.bob, goal=plan.goal, changes={"title": "Run planning alone"}, version=seen
        )
    message = conflict.value.message
    assert "Alice Coach" in message and "due date from 2026-06-30 to 2026-07-31" in message
    assert "nothing was overwritten" in message
    goal = Goal.objects.get(pk=plan.goal.pk)
    assert goal.title == "Run the team's weekly planning on my own"
    assert goal.due_date == date(2026, 7, 31)
    assert conflict.value.current_version == goal.version


def test_it_refuses_a_stale_action_save_and_keeps_the_first(world):
    plan = bob_plan(world)
    seen = plan.first.version
    services.check_in_record(actor=world.bob, action=plan.first, percent=40, note="Half drafted")
    with pytest.raises(services.EditConflict) as conflict:
        services.action_update(
            actor=world.alice, action=plan.first, changes={"what": "Draft it"}, version=seen
        )
    assert "percent from 0 to 40" in conflict.value.message
    plan.first.refresh_from_db()
    assert plan.first.what == "Draft next week's planning agenda" and plan.first.percent == 40


def test_it_keeps_the_old_wording_once_stakeholders_gave_feedback(world):
    plan = bob_plan(world)
    services.goal_feedback_add(
        actor=world.bob,
        goal=plan.goal,
        stakeholder="Greg, my manager",
        text="Make it about the whole team's planning, not only the meeting.",
    )
    goal = Goal.objects.get(pk=plan.goal.pk)
    assert goal.wording_frozen
    goal = services.goal_update(
        actor=world.bob,
        goal=goal,
        changes={"title": "Lead the team's weekly planning, start to finish"},
        version=goal.version,
        why="Greg's feedback",
    )
    assert goal.wording_version == 2 and not goal.wording_frozen
    (old,) = GoalVersion.objects.filter(goal=goal)
    assert old.number == 1 and old.title == "Run the team's weekly planning on my own"
    assert goal.feedback.get().wording_version == 1
    assert goal.revisions.filter(kind=Revision.Kind.NEW_VERSION).exists()


def test_it_lets_only_the_coachee_share_a_goal_with_the_sponsor(world):
    plan = bob_plan(world)
    with pytest.raises(ValidationError) as refused:
        services.goal_update(
            actor=world.alice, goal=plan.goal, changes={"visibility": "shared"}, version=None
        )
    assert refused.value.message_dict == {"visibility": [ONLY_COACHEE_SHARES]}
    goal = services.goal_update(
        actor=world.bob, goal=plan.goal, changes={"visibility": "shared"}, version=None
    )
    assert goal.visibility == Goal.Visibility.SHARED


def test_it_reads_a_due_date_written_in_words_and_names_one_it_cannot_read(world):
    goal = services.goal_create(
        actor=world.bob,
        owner=world.bob,
        engagement=world.engagement,
        title="Present the roadmap to the leadership team",
        due_text="by the end of March",
    )
    assert goal.due_date == date(2026, 3, 31) and goal.due_text == "by the end of March"
    with pytest.raises(ValidationError) as refused:
        services.goal_create(actor=world.bob, owner=world.bob, title="Speak up", due_text="soonish")
    assert refused.value.message_dict == {"due_text": [DUE_UNREADABLE.format(text="soonish")]}
    assert Goal.objects.count() == 1


def test_it_needs_a_reason_to_drop_an_action_and_keeps_it(world):
    plan = bob_plan(world)
    with pytest.raises(ValidationError) as refused:
        services.action_update(
            actor=world.bob, action=plan.second, changes={"status": "dropped"}, version=None
        )
    assert refused.value.message_dict == {"drop_reason": [REASON_REQUIRED.format(what="action")]}
    action = services.action_update(
        actor=world.bob,
        action=plan.second,
        changes={"status": "dropped"},
        version=None,
        why="Found a better checklist myself",
    )
    assert action.drop_reason == "Found a better checklist myself"


def test_it_remembers_each_due_date_so_a_slip_shows(world):
    plan = bob_plan(world)
    action = services.action_update(
        actor=world.bob, action=plan.first, changes={"due_date": date(2026, 3, 13)}, version=None
    )
    assert action.due_history == ["2026-03-06", "2026-03-13"]


def test_it_marks_an_action_done_from_a_check_in(world):
    plan = bob_plan(world)
    services.check_in_record(actor=world.bob, action=plan.first, percent=30)
    plan.first.refresh_from_db()
    assert plan.first.status == "in_progress" and plan.first.percent == 30
    services.check_in_record(actor=world.bob, action=plan.first, done=True, note="Sent it round")
    plan.first.refresh_from_db()
    assert plan.first.status == "done" and plan.first.percent == 100
    revision = plan.first.revisions.filter(kind="check_in").last()
    assert revision.why == "Sent it round" and revision.changes["status"]["to"] == "done"


def test_it_refuses_an_empty_check_in(world):
    plan = bob_plan(world)
    with pytest.raises(ValidationError):
        services.check_in_record(actor=world.bob, action=plan.first)
    assert not plan.first.check_ins.exists()


def test_it_keeps_person_goals_under_team_and_organization_goals(world):
    org_goal = services.goal_create(
        actor=world.olga, owner=None, level="organization", title="Grow leaders from within"
    )
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            actor=world.olga, owner=None, level="organization", title="x", parent=org_goal
        )
    assert "parent" in refused.value.message_dict
    goal = services.goal_create(
        actor=world.bob, owner=world.bob, title="Become a tech lead by Q4", parent=org_goal
    )
    assert goal.parent == org_goal
