"""Stakeholder feedback: the coachee chooses stakeholders, the pass sends each round once, the
first rating freezes the wording, aggregates show only at the threshold, without names."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from trellis.leadership import services as leadership
from trellis.stakeholders import selectors, services
from trellis.stakeholders.models import Ask, Rating
from trellis.stakeholders.tests.helpers import PEOPLE, answer, plan_with_stakeholders, send_round


def test_only_the_coachee_chooses_stakeholders_and_not_twice(world):
    plan = plan_with_stakeholders(world, PEOPLE[:1])
    with pytest.raises(ValidationError):
        services.stakeholder_add(
            actor=world.bob,
            leadership_goal=plan.leadership_goal,
            name="Mia again",
            email="MIA@outside.test",
            relation="peer",
        )
    with pytest.raises(PermissionDenied):
        services.stakeholder_add(
            actor=world.alice,
            leadership_goal=plan.leadership_goal,
            name="Zed",
            email="zed@outside.test",
            relation="peer",
        )
    # a colleague inside Trellis is linked to their membership
    services.stakeholder_add(
        actor=world.bob,
        leadership_goal=plan.leadership_goal,
        name="Dana",
        email="dana@acme.test",
        relation="manager",
    )
    assert plan.stakeholders.get(email="dana@acme.test").member == world.dana


def test_the_pass_sends_a_due_round_once_then_after_the_cadence(world):
    plan = plan_with_stakeholders(world)
    tokens = send_round(plan)
    assert sorted(tokens) == sorted(email for _, email, _ in PEOPLE)
    assert plan.rounds.count() == 1
    assert send_round(plan) == {}  # the second pass in the same month sends nothing
    later = timezone.now() + timedelta(days=31)
    assert len(send_round(plan, now=later)) == 4
    assert [r.number for r in plan.rounds.all()] == [1, 2]


def test_the_command_runs_the_pass(world):
    plan_with_stakeholders(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("stakeholders", "pass")
    assert len(mail.outbox) == 4


def test_the_first_rating_freezes_the_behaviours_and_a_change_is_a_new_version(world):
    plan = plan_with_stakeholders(world)
    tokens = send_round(plan)
    behaviours = list(plan.leadership_goal.current_behaviours())
    assert not any(b.is_frozen for b in behaviours)
    answer(tokens["mia@outside.test"])
    assert all(b.is_frozen for b in plan.leadership_goal.current_behaviours())
    new = leadership.revise_behaviour(behaviours[0], "Asks for two options before deciding")
    assert new.version == 2
    # the next round asks about the new wording; the old one keeps its ratings apart
    later_tokens = send_round(plan, now=timezone.now() + timedelta(days=31))
    for token in list(tokens.values())[1:]:
        answer(token, improvement=1)
    for token in later_tokens.values():
        answer(token, improvement=2)
    trends = selectors.trends_of(selectors.rounds_of(plan))
    lines = [(t.behaviour.position, t.behaviour.version, len(t.points)) for t in trends]
    assert lines == [(1, 1, 1), (1, 2, 1), (2, 1, 2)]


def test_aggregates_only_at_the_threshold_and_without_names(world):
    plan = plan_with_stakeholders(world)
    tokens = list(send_round(plan).values())
    answer(tokens[0], improvement=2, text="Ask the quiet ones first")
    answer(tokens[1], improvement=1, text="")
    (view,) = selectors.rounds_of(plan)
    assert not view.shown and view.behaviours == [] and "2 of 4 answered so far" in view.withheld
    with time_machine.travel(timezone.now() + services.LINK_MAX_AGE + timedelta(days=1)):
        (view,) = selectors.rounds_of(plan)  # closed with two answers: below the threshold
    assert not view.shown and view.behaviours == [] and "Fewer than 3" in view.withheld
    answer(tokens[2], improvement=3, text="Write the decision down")
    (view,) = selectors.rounds_of(plan)
    # three of four answered: enough, but the round is still open, so nothing moves per answer
    assert not view.shown and "3 of 4 answered so far" in view.withheld
    with time_machine.travel(timezone.now() + services.LINK_MAX_AGE + timedelta(days=1)):
        (view,) = selectors.rounds_of(plan)
    assert view.shown and view.answered == 3
    first = view.behaviours[0]
    assert first.count == 3 and first.mean == 2.0
    assert sorted(first.feedforward) == ["Ask the quiet ones first", "Write the decision down"]
    # a rating has no column that leads back to a person
    fields = {f.name for f in Rating._meta.get_fields()}
    assert fields == {"id", "round", "behaviour", "improvement", "feedforward", "example"}


def test_the_threshold_is_the_organizations_setting(world):
    plan = plan_with_stakeholders(world)
    services.settings_save(actor=world.olga, threshold=4)
    with pytest.raises(PermissionDenied):
        services.settings_save(actor=world.bob, threshold=3)
    tokens = list(send_round(plan).values())
    for token in tokens[:3]:
        answer(token)
    later = timezone.now() + services.LINK_MAX_AGE + timedelta(days=1)
    with time_machine.travel(later):
        assert not selectors.rounds_of(plan)[0].shown  # closed with 3 answers: below 4
    answer(tokens[3])
    assert selectors.rounds_of(plan)[0].shown  # everyone asked answered


def test_a_removed_stakeholder_is_asked_no_more(world):
    plan = plan_with_stakeholders(world)
    services.stakeholder_remove(actor=world.bob, stakeholder=plan.stakeholders.get(name="Pat Peer"))
    assert "pat@outside.test" not in send_round(plan)
    assert Ask.objects.filter(round__plan=plan).count() == 3
