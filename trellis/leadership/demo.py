"""Demo leadership development at Northwind: the mission and values; Greg Hollis, the engineering
manager, on the new-manager track ("New managers 2026", Marcus his coach) with the leadership goal
"Bring my team into the decisions that affect them" (Adair, competency "team") and two observable
behaviours (`models.DEMO_BEHAVIOURS`; trellis.stakeholders adds six months of ratings from four
stakeholders to them), an innovation experiment, and a decision record revisited at its review date.
Idempotent: another app's demo may call `seed(demo)` first and find the goal with `demo_goal(org)`."""

from datetime import timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Organization
from trellis.engagements import services as engagements
from trellis.engagements.models import Engagement
from trellis.leadership import services
from trellis.leadership.models import (
    DEMO_BEHAVIOURS,
    DEMO_GOAL_TITLE,
    DecisionRecord,
    LeadershipGoal,
    MissionPart,
)
from trellis.programs import services as programs
from trellis.programs.models import Program

TRACK = "New managers 2026"
MISSION = [
    ("Ship software our customers can rely on", "Reliable releases, on the dates we promise."),
    ("Grow the people who build it", "Every engineer learns something new each quarter."),
]
VALUES = [
    ("Candour", "We say what we think, kindly, to the person who needs to hear it."),
    ("Ownership", "We finish what we start and say early when we cannot."),
    ("Fairness", "Decisions that affect people are explained to them."),
]
DECISION = "Do we move Sam to the platform team before the spring release?"


def demo_goal(org: Organization) -> LeadershipGoal | None:
    return LeadershipGoal.objects.filter(goal__org=org, goal__title=DEMO_GOAL_TITLE).first()


def seed(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    parts = _mission(org)
    if demo_goal(org) is not None:
        return
    engagement = _track(org, nw)
    leadership = services.leadership_goal_create(
        actor=nw["marcus"],
        engagement=engagement,
        model_key="action-centred-leadership",
        competency_key="team",
        title=DEMO_GOAL_TITLE,
        behaviours=list(DEMO_BEHAVIOURS),
        questions=3,  # stakeholders also give an example they saw
        gas=[
            "The team hears of decisions that affect them after they are made",
            "Greg asks for views on some decisions, after he has a favourite",
            "The team is asked for options on most decisions that affect them",
            "The team is asked first, and hears the decision and the reasons in the meeting",
            "The team brings options to Greg before he asks",
        ],
        parts=[parts["Grow the people who build it"], parts["Fairness"]],
    )
    experiment = services.experiment_add(
        leadership=leadership,
        hypothesis="A silent first round in the team meeting brings more options from quieter people",
        test="Two weekly meetings: five minutes of writing options before anyone speaks",
    )
    services.experiment_conclude(
        experiment=experiment,
        learnt="Nine options instead of four; two from people who rarely speak. Keep it.",
    )
    _decision(nw, engagement, parts)


def _mission(org: Organization) -> dict[str, MissionPart]:
    found = {p.name: p for p in MissionPart.objects.filter(org=org)}
    for kind, rows in ((MissionPart.Kind.MISSION, MISSION), (MissionPart.Kind.VALUE, VALUES)):
        for position, (name, description) in enumerate(rows, start=1):
            if name not in found:
                found[name] = services.mission_part_save(
                    org=org, kind=kind, name=name, description=description, position=position
                )
    return found


def _track(org: Organization, nw: dict) -> Engagement:
    """Greg enrolled in the new-manager track; he chose Marcus from the pool."""
    program = Program.objects.filter(org=org, name=TRACK).first()
    if program is None:
        program = programs.program_create(
            actor=nw["olga"],
            template_key="new-manager",
            name=TRACK,
            starts_on=timezone.localdate() - timedelta(days=180),
            pool=[programs.PoolPlace(nw["marcus"], 3, "Coaches first-time managers.")],
        )
        programs.program_enrol(actor=nw["olga"], program=program, members=[nw["greg"]])
    enrolment = program.enrolments.get(member=nw["greg"])
    if enrolment.engagement_id is None:
        return programs.enrolment_choose_coach(
            actor=nw["greg"], enrolment=enrolment, coach=nw["marcus"]
        )
    return enrolment.engagement  # type: ignore[return-value]


def _decision(nw: dict, engagement: Engagement, parts: dict[str, MissionPart]) -> None:
    if DecisionRecord.objects.filter(owner=nw["greg"], question=DECISION).exists():
        return
    # thought through in a coaching session of the track (its page links to recording a decision
    # and to the mission and values)
    session = engagements.coaching_session_create(
        actor=nw["marcus"],
        engagement=engagement,
        framework_key="grow",
        topic="Moving Sam to the platform team",
    )
    # what the session worked on: Greg's page counts it under each
    services.session_links_set(
        actor=nw["marcus"], session=session, parts=[parts["Fairness"], parts["Ownership"]]
    )
    engagements.coaching_session_finish(actor=nw["marcus"], session=session)
    record = services.decision_create(
        actor=nw["greg"],
        session=session,
        question=DECISION,
        options="Move Sam now\nMove Sam after the release\nAsk Sam and the two teams first",
        consequences=(
            "Sam: growth now, or a promise kept for three months\n"
            "The product team: loses its most experienced reviewer before the release\n"
            "Customers: a later, riskier release if the team is short\n"
            "The platform team: waits three months for the help it asked for"
        ),
        values=[parts["Fairness"], parts["Ownership"]],
        values_note="Fairness to Sam, who was promised the move, against our promise to customers.",
        decision="Ask Sam and both teams; move Sam after the release with a date in writing",
        why="Keeps the promise to customers and makes the one to Sam concrete.",
        review_on=timezone.localdate() - timedelta(days=14),
    )
    DecisionRecord.objects.filter(pk=record.pk).update(
        engagement=engagement, created_at=timezone.now() - timedelta(days=100)
    )
    services.decision_revisit(
        record=record,
        outcome="Sam moved the week after the release; the release shipped on time and the "
        "platform team says the wait was worth the clear date.",
    )
