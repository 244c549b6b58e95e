"""What the instructional tests share: Alice coaches Bob, a teacher, in an instructional
engagement that Dana sponsors; a cycle with a goal, a baseline and an observation with notes."""

from datetime import date
from uuid import uuid4

from trellis.engagements.lifecycle import engagement_accept, engagement_propose
from trellis.engagements.models import Engagement
from trellis.instructional import services
from trellis.instructional.models import Cycle, Visit

GOAL = "80% of the class read a grade-level passage aloud at 90 words a minute"


def instructional_for(world) -> Engagement:
    engagement = engagement_propose(
        actor=world.alice,
        coach=world.alice,
        coachee=world.bob,
        sponsor=world.dana,
        kind=Engagement.Kind.INSTRUCTIONAL,
        topic="Reading fluency in grade 3",
    )
    engagement_accept(actor=world.bob, engagement=engagement)
    engagement_accept(actor=world.dana, engagement=engagement)
    engagement.refresh_from_db()
    world.instructional = engagement
    return engagement


def cycle_for(world) -> Cycle:
    engagement = instructional_for(world)
    cycle = services.cycle_start(actor=world.alice, engagement=engagement, subject="Reading")
    cycle = services.cycle_save(
        actor=world.alice,
        cycle=cycle,
        reality_source="observation",
        reality="Eleven of 24 students read the passage at pace.",
        goal_text=GOAL,
        standard="reads a grade-level passage aloud at 90 words a minute",
        target_percent=80,
        teacher_cares=True,
    )
    services.check_add(
        actor=world.alice, cycle=cycle, students=24, reached=11, taken_on=date(2026, 9, 14)
    )
    world.cycle = cycle
    return cycle


def observation_for(world, cycle: Cycle) -> Visit:
    visit = services.visit_add(
        actor=world.alice,
        cycle=cycle,
        kind=Visit.Kind.OBSERVATION,
        minutes=40,
        rubric_key="trellis-classroom",
    )
    services.note_save(
        actor=world.alice,
        visit=visit,
        client_id=uuid4(),
        at_seconds=65,
        text="Partners read aloud; most pairs start at once.",
    )
    services.rating_save(actor=world.alice, visit=visit, indicator="talk", level=3)
    world.observation = visit
    return visit
