"""The demo holds plans with history, overdue items, a stalled engagement and GAS scores over time."""

from trellis.accounts.models import Membership
from trellis.goals import selectors, services
from trellis.goals.models import Goal, GoalVersion, Revision
from trellis.web import demo


def test_it_seeds_plans_with_history_once(db):
    demo.seed()
    alice = Membership.objects.get(user__email="alice@northwind.example")
    page = selectors.plans_for(member=alice, today=services.local_today(alice))
    by_name = {row.engagement.coachee.user.name: row.plan for row in page.coaching}
    assert by_name["Hannah Fischer"].attention.stalled
    assert page.coaching[0].engagement.coachee.user.name == "Hannah Fischer"  # most in need first
    bob = by_name["Bob Okafor"]
    assert len(bob.trend) == 3 and bob.direction == "up"
    assert bob.overdue and any(line.slipped_days for line in bob.actions)
    whole = selectors.plan_build(  # the list's rows leave the progress history out
        coachee=bob.coachee, engagement=bob.engagement, today=services.local_today(alice)
    )
    assert len(whole.progress_points) >= 5
    assert GoalVersion.objects.filter(goal__owner__user__email="bob@northwind.example").exists()
    assert Goal.objects.filter(org__slug="northwind", level="organization").count() == 2
    assert Goal.objects.filter(visibility="shared").exists()
    counts = (Goal.objects.count(), Revision.objects.count())
    demo.seed()
    assert (Goal.objects.count(), Revision.objects.count()) == counts
