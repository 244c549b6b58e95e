"""What the leadership tests share: Bob's leadership goal in his engagement with Alice."""

from trellis.goals.models import Goal
from trellis.leadership import services

BEHAVIOURS = (
    "Asks the team for options before deciding",
    "Says what was decided and why in the team meeting",
)


def leadership_goal_for(world, behaviours=BEHAVIOURS):
    goal = Goal.objects.create(
        org=world.org,
        owner=world.bob,
        engagement=world.engagement,
        title="Bring the team into decisions",
        created_by=world.bob,
    )
    return services.make_leadership_goal(
        goal,
        model_key="action-centred-leadership",
        competency_key="team",
        behaviours=list(behaviours),
    )
