"""Goals pages in the access matrix. Bob's plan is private to Bob and Alice; Dana (sponsor) sees
summaries of what Bob shares and the one action she is accountability partner for; Olga (admin)
sees counts only; Carol sees nothing of Acme."""

from trellis.goals import services
from trellis.goals.tests.helpers import bob_plan
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    from trellis.engagements.tests.agreements import agree

    agree(world.engagement)  # the accepted agreement shows Dana goal summaries (and the rest)
    plan = bob_plan(world)
    world.goal, world.action, world.alice_action = plan.goal, plan.first, plan.second
    world.shared_goal = services.goal_create(
        actor=world.bob,
        owner=world.bob,
        engagement=world.engagement,
        title="Be the team's go-to person for releases",
        visibility="shared",
    )
    world.org_goal = services.goal_create(
        actor=world.olga, owner=None, level="organization", title="Grow our leaders from within"
    )
    world.review = services.review_record(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        goals=[services.GoalDecision(world.goal, score=1)],
    )
    world.carol_goal = services.goal_create(
        actor=world.carol,
        owner=world.carol_engagement.coachee,
        engagement=world.carol_engagement,
        title="Globex-only goal",
    )


def slug_and(attr):
    return lambda w: [w.org.slug, getattr(w, attr).uuid]


ENGAGEMENT = slug_and("engagement")
GOAL = slug_and("goal")
ACTION = slug_and("action")
PRIVATE = {"anon": LOGIN, "alice": 200, "bob": 200, "dana": 403, "olga": 403, "carol": 404}

PAGES = [
    row("goals:my_plan", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("goals:my_plan_csv", anon=LOGIN, alice=403, bob=200, dana=403, olga=403, carol=404),
    row("goals:my_review", anon=LOGIN, alice=403, bob=200, dana=403, olga=403, carol=404),
    # coaches see their coachees' plans, sponsors the plans they sponsor, admins counts only
    row("goals:plans", anon=LOGIN, alice=200, bob=403, dana=200, olga=200, carol=404),
    # Dana gets the summary of shared goals; Olga administers but sees no plan content
    row(
        "goals:engagement_plan",
        args=ENGAGEMENT,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=403,
        carol=404,
    ),
    row("goals:engagement_plan_csv", args=ENGAGEMENT, **PRIVATE),
    row("goals:engagement_review", args=ENGAGEMENT, **PRIVATE),
    # without ?engagement= the form is for a coachee's own goal
    row("goals:goal_new", anon=LOGIN, alice=403, bob=200, dana=403, olga=403, carol=404),
    row("goals:smart_check", "POST", anon=LOGIN, alice=200, bob=200, dana=403, olga=200, carol=404),
    row("goals:aligned", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("goals:goal_detail", args=GOAL, **PRIVATE),
    # an organization goal is everyone's in Acme
    row(
        "goals:goal_detail",
        args=slug_and("org_goal"),
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    # Carol's goal asked for under Acme's address: no such thing in Acme for anyone
    row(
        "goals:goal_detail",
        args=slug_and("carol_goal"),
        anon=LOGIN,
        **dict.fromkeys(("alice", "bob", "dana", "olga", "carol"), 404),
    ),
    row("goals:goal_edit", args=GOAL, **PRIVATE),
    row("goals:goal_history", args=GOAL, **PRIVATE),
    # an empty form is refused with a message (302); Dana may comment on what Bob shares only
    row(
        "goals:goal_feedback",
        "POST",
        GOAL,
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "goals:goal_feedback",
        "POST",
        slug_and("shared_goal"),
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=302,
        olga=403,
        carol=404,
    ),
    row("goals:action_new", args=GOAL, **PRIVATE),
    # Dana is this action's accountability partner: she sees it and its check-ins
    row(
        "goals:action_detail",
        args=ACTION,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=403,
        carol=404,
    ),
    row("goals:action_detail", args=slug_and("alice_action"), **PRIVATE),
    row("goals:action_edit", args=ACTION, **PRIVATE),
    # the owner checks in (Bob owns the first action, Alice the second); an empty check-in is refused (302)
    row(
        "goals:check_in",
        "POST",
        ACTION,
        anon=LOGIN,
        alice=403,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "goals:check_in",
        "POST",
        slug_and("alice_action"),
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("goals:review_detail", args=slug_and("review"), **PRIVATE),
]
