"""The plan: overdue and due-soon first, slipped dates, progress, stalled engagements, attention."""

from datetime import date

import time_machine

from trellis.engagements.models import Engagement
from trellis.engagements.tests.agreements import agree
from trellis.goals import selectors, services
from trellis.goals.tests.helpers import bob_plan


def test_it_puts_overdue_then_due_soon_first_and_shows_slips(world):
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        plan = bob_plan(world)
        later = services.action_create(
            actor=world.bob,
            goal=plan.goal,
            what="Ask two peers how they plan",
            due_date=date(2026, 5, 1),
        )
        services.action_update(
            actor=world.bob, action=later, changes={"due_date": date(2026, 5, 15)}, version=None
        )
    built = selectors.plan_build(
        coachee=world.bob, engagement=world.engagement, today=date(2026, 3, 16)
    )
    assert [line.action.what for line in built.actions] == [
        "Draft next week's planning agenda",  # due 6 March: overdue
        "Send Bob the facilitation checklist",  # due 20 March: due soon
        "Ask two peers how they plan",
    ]
    assert [line.state for line in built.actions] == ["overdue", "due_soon", "later"]
    assert built.actions[2].slipped_days == 14
    assert built.attention.overdue == 1


def test_it_derives_goal_progress_from_action_weights(world):
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        plan = bob_plan(world)
        services.action_update(
            actor=world.bob, action=plan.first, changes={"weight": 3}, version=None
        )
        services.check_in_record(actor=world.bob, action=plan.first, percent=50)
    with time_machine.travel("2026-03-04 09:00Z", tick=False):
        services.check_in_record(actor=world.alice, action=plan.second, done=True)
    built = selectors.plan_build(
        coachee=world.bob, engagement=world.engagement, today=date(2026, 3, 5)
    )
    # (3 * 50 + 1 * 100) / 4
    assert built.goals[0].progress == 62.5
    assert built.progress_points == [(date(2026, 3, 2), 37.5), (date(2026, 3, 4), 62.5)]


def test_it_marks_an_engagement_stalled_after_the_configured_days(world, settings):
    settings.STALLED_AFTER_DAYS = 21
    Engagement.objects.filter(pk=world.engagement.pk).update(started_on=date(2026, 1, 5))
    world.engagement.refresh_from_db()
    with time_machine.travel("2026-01-10 09:00Z", tick=False):
        plan = bob_plan(world)
        services.check_in_record(actor=world.bob, action=plan.first, percent=10)
    with time_machine.travel("2026-01-30 09:00Z", tick=False):
        page = selectors.plans_for(member=world.alice, today=date(2026, 1, 30))
        assert not page.coaching[0].plan.attention.stalled
    with time_machine.travel("2026-02-01 09:00Z", tick=False):
        page = selectors.plans_for(member=world.alice, today=date(2026, 2, 1))
        assert page.coaching[0].plan.attention.stalled


def test_it_sorts_the_coachs_list_by_what_needs_attention(world):
    from trellis.accounts.models import Membership, User

    user = User.objects.create(email="cleo@acme.test", name="Cleo Calm")
    cleo = Membership.objects.create(org=world.org, user=user, is_coachee=True)
    calm = Engagement.objects.create(org=world.org, coach=world.alice, coachee=cleo)
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        bob_plan(world)
        goal = services.goal_create(
            actor=cleo, owner=cleo, engagement=calm, title="Write the team charter by May"
        )
        services.action_create(
            actor=cleo, goal=goal, what="Outline it", due_date=date(2026, 4, 1), commitment=9
        )
    page = selectors.plans_for(member=world.alice, today=date(2026, 3, 16))
    assert [row.engagement.coachee for row in page.coaching] == [world.bob, cleo]
    assert page.coaching[0].plan.attention.overdue == 1


def test_it_shows_a_sponsor_only_the_goals_the_coachee_shared(world):
    agree(world.engagement)  # the accepted agreement shows the sponsor goal summaries
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        plan = bob_plan(world)
        services.goal_create(
            actor=world.bob,
            owner=world.bob,
            engagement=world.engagement,
            title="Be seen as the team's go-to person for releases",
            visibility="shared",
        )
    page = selectors.plans_for(member=world.dana, today=date(2026, 3, 3))
    (row,) = page.sponsoring
    assert row.shared_goals == 1
    summary = selectors.sponsor_plan(engagement=row.engagement, today=date(2026, 3, 3))
    assert [line.goal.title for line in summary.goals] == [
        "Be seen as the team's go-to person for releases"
    ]
    assert summary.actions == [] and plan.goal.title not in str(summary.goals)


def test_it_counts_a_held_session_as_activity_but_not_one_only_opened(world, settings):
    from trellis.engagements import services as session_services

    settings.STALLED_AFTER_DAYS = 21
    Engagement.objects.filter(pk=world.engagement.pk).update(started_on=date(2026, 1, 5))
    world.engagement.refresh_from_db()
    with time_machine.travel("2026-02-10 09:00Z", tick=False):
        session = session_services.coaching_session_create(
            actor=world.alice, engagement=world.engagement, framework_key="tgrow"
        )
        page = selectors.plans_for(member=world.alice, today=date(2026, 2, 10))
        assert page.coaching[0].plan.attention.stalled  # opened, not held
        session_services.coaching_session_finish(actor=world.alice, session=session)
        page = selectors.plans_for(member=world.alice, today=date(2026, 2, 10))
        assert not page.coaching[0].plan.attention.stalled
