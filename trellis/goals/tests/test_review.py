"""Reviews walk the plan: GAS scores and T-scores, keep/change/add/drop/complete, history in full."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from trellis.core.goals import gas_t_score
from trellis.goals import selectors, services
from trellis.goals.models import Goal, Review, Revision
from trellis.goals.services import ActionDecision, GoalDecision, NewGoal
from trellis.goals.services.reviews import SCORE_RANGE
from trellis.goals.tests.helpers import bob_plan


def three_goals(world):
    plan = bob_plan(world)
    second = services.goal_create(
        actor=world.bob,
        owner=world.bob,
        engagement=world.engagement,
        title="Give one piece of feedback to each report every fortnight",
        due_date=date(2026, 6, 30),
    )
    third = services.goal_create(
        actor=world.bob,
        owner=world.bob,
        engagement=world.engagement,
        title="Hand the release checklist to Sam",
        due_date=date(2026, 4, 30),
        weight=2,
    )
    return plan, second, third


def test_it_matches_kiresuk_and_shermans_worked_values():
    assert round(gas_t_score([1, 1, 0]), 2) == 59.13
    assert gas_t_score([0, 0, 0, 0]) == 50
    assert gas_t_score([2]) == 70
    # weights 3 and 1, scores +1 and -1: 50 + 10*2/sqrt(0.7*10 + 0.3*16) = 55.822
    assert round(gas_t_score([1, -1], [3, 1]), 3) == 55.822


@time_machine.travel("2026-04-01 09:00Z", tick=False)
def test_it_scores_each_goal_and_stores_the_weighted_t_score(world):
    plan, second, third = three_goals(world)
    review = services.review_record(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        goals=[
            GoalDecision(plan.goal, score=1),
            GoalDecision(second, score=1),
            GoalDecision(third, score=0),
        ],
    )
    # weights 1, 1, 2: 50 + 10*2/sqrt(0.7*6 + 0.3*16) = 56.667
    assert round(review.t_score, 3) == 56.667
    assert list(review.scores.order_by("goal__id").values_list("score", flat=True)) == [1, 1, 0]
    revision = plan.goal.revisions.get(kind=Revision.Kind.REVIEWED)
    assert revision.why_shown == "Scored +1: somewhat more than expected"


@time_machine.travel("2026-04-01 09:00Z", tick=False)
def test_it_keeps_changes_completes_drops_and_adds_in_one_review(world):
    plan, second, third = three_goals(world)
    review = services.review_record(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        goals=[
            GoalDecision(plan.goal, score=0),
            GoalDecision(
                second,
                score=-1,
                decision="change",
                changes={"due_text": "by the end of July"},
                why="Two reports on leave in May",
            ),
            GoalDecision(third, score=2, decision="complete"),
        ],
        actions=[
            ActionDecision(plan.first, decision="done"),
            ActionDecision(plan.second, decision="drop", why="Bob found a better checklist"),
        ],
        new_goals=[NewGoal(title="Chair the architecture review twice by June")],
        note="Good month; feedback slipped while two people were away.",
    )
    second.refresh_from_db()
    third.refresh_from_db()
    plan.first.refresh_from_db()
    plan.second.refresh_from_db()
    assert second.due_date == date(2026, 7, 31)
    assert third.status == Goal.Status.COMPLETED
    assert plan.first.status == "done" and plan.second.drop_reason == "Bob found a better checklist"
    added = Goal.objects.get(title="Chair the architecture review twice by June")
    assert added.engagement == world.engagement
    assert review.scores.get(goal=added).decision == "add"
    change = second.revisions.get(kind=Revision.Kind.CHANGED)
    assert change.review == review and change.actor == world.alice
    assert change.why == "Two reports on leave in May"
    assert change.changes["due_date"] == {"from": "2026-06-30", "to": "2026-07-31"}


@time_machine.travel("2026-04-01 09:00Z", tick=False)
def test_it_records_nothing_when_one_decision_is_refused(world):
    plan, second, _third = three_goals(world)
    with pytest.raises(ValidationError) as refused:
        services.review_record(
            actor=world.alice,
            coachee=world.bob,
            engagement=world.engagement,
            goals=[
                GoalDecision(plan.goal, score=1, decision="complete"),
                GoalDecision(second, score=3),
            ],
        )
    assert refused.value.message_dict == {"goals.1.score": [SCORE_RANGE]}
    assert not Review.objects.exists()
    plan.goal.refresh_from_db()
    assert plan.goal.status == Goal.Status.ACTIVE


def test_it_reads_the_t_score_trend_over_reviews(world):
    plan, second, third = three_goals(world)
    for day, scores in (
        ("2026-04-01", (-1, -1, 0)),
        ("2026-05-01", (0, 0, 0)),
        ("2026-06-01", (1, 1, 0)),
    ):
        with time_machine.travel(f"{day} 09:00Z", tick=False):
            services.review_record(
                actor=world.alice,
                coachee=world.bob,
                engagement=world.engagement,
                goals=[
                    GoalDecision(g, score=s)
                    for g, s in zip((plan.goal, second, third), scores, strict=True)
                ],
            )
    built = selectors.plan_build(
        coachee=world.bob, engagement=world.engagement, today=date(2026, 6, 2)
    )
    assert [p.on for p in built.trend] == [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
    assert round(built.trend[1].t_score, 2) == 50.0
    assert built.direction == "up"
    assert {line.goal.pk: line.last_score for line in built.goals}[plan.goal.pk] == 1


@time_machine.travel("2026-04-01 09:00Z", tick=False)
def test_it_reads_a_goals_history_in_full(world):
    plan = bob_plan(world)
    services.check_in_record(actor=world.bob, action=plan.first, percent=50, note="Drafted")
    services.goal_update(
        actor=world.alice,
        goal=plan.goal,
        changes={"weight": 2},
        version=None,
        why="It matters most",
    )
    services.review_record(
        actor=world.alice,
        coachee=world.bob,
        engagement=world.engagement,
        goals=[GoalDecision(plan.goal, score=1)],
    )
    history = selectors.goal_history(goal=plan.goal)
    kinds = [(r.kind, r.action_id is not None) for r in history.revisions]
    assert kinds == [
        ("created", False),
        ("created", True),
        ("created", True),
        ("check_in", True),
        ("changed", False),
        ("reviewed", False),
    ]
    assert history.revisions[4].changes == {"weight": {"from": 1, "to": 2}}
    assert [s.score for s in history.scores] == [1]
