"""The demo shows stakeholder feedback: Greg's leadership goal rated monthly for six months by four
stakeholders with a rising trend, and a start and end 360 with the change per competency."""

import contextlib
import importlib

from django.urls import reverse

from trellis.accounts.demo import orgs
from trellis.engagements.lifecycle import engagement_places_from_pair
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.leadership import services as leadership
from trellis.leadership.models import DEMO_BEHAVIOURS, DEMO_GOAL_TITLE, LeadershipGoal
from trellis.stakeholders import demo, selectors


def _leaders_goal(demo_orgs):
    """Leadership's demo when it exists; otherwise its contract's goal, made here."""
    with contextlib.suppress(ModuleNotFoundError):
        importlib.import_module("trellis.leadership.demo").seed(demo_orgs)
    if not LeadershipGoal.objects.filter(goal__title=DEMO_GOAL_TITLE).exists():
        nw = demo_orgs.nw
        engagement, _ = Engagement.objects.get_or_create(
            org=demo_orgs.northwind, coach=nw["marcus"], coachee=nw["greg"]
        )
        engagement_places_from_pair(engagement=engagement)
        goal = Goal.objects.create(
            org=demo_orgs.northwind,
            owner=nw["greg"],
            engagement=engagement,
            title=DEMO_GOAL_TITLE,
            created_by=nw["greg"],
        )
        leadership.make_leadership_goal(
            goal,
            model_key="action-centred-leadership",
            competency_key="team",
            behaviours=list(DEMO_BEHAVIOURS),
        )


def test_it_seeds_six_months_of_rising_ratings_and_two_360s(db, client):
    demo_orgs = orgs()
    _leaders_goal(demo_orgs)
    demo.seed(demo_orgs)
    demo.seed(demo_orgs)  # idempotent
    plan = demo._leadership_goal().stakeholder_plan
    rounds = selectors.rounds_of(plan)
    assert len(rounds) == 6 and all(r.shown and r.answered == 4 for r in rounds)
    for trend in selectors.trends_of(rounds):
        means = [mean for _, mean in trend.points]
        assert len(means) == 6 and means[-1] - means[0] >= 1.5
    assert all(b.is_frozen for b in plan.leadership_goal.current_behaviours())
    greg = plan.leadership_goal.goal.owner
    views, changes = selectors.threesixties_of(plan, member=greg)
    assert [v.threesixty.phase for v in views] == ["start", "end"]
    assert all(c.change is not None and c.change > 0 for c in changes)
    client.force_login(greg.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(
        reverse("stakeholders:plan", args=["northwind", plan.leadership_goal.uuid])
    ).content.decode()
    assert "Round 6" in page and "<svg" in page and "Change per competency" in page
