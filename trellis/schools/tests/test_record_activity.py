"""record_activity: the one door for professional-learning activities (visits, huddles, ...)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from trellis.goals.models import Goal
from trellis.schools.models import LearningActivity
from trellis.schools.services import record_activity, remove_activity
from trellis.schools.tests.helpers import school_for


def test_a_coach_records_a_visit_with_features_and_again_updates_it(world):
    lincoln = school_for(world)
    goal = Goal.objects.create(org=world.org, level=Goal.Level.ORGANIZATION, title="Readers by 3")
    source = world.engagement  # any object with a uuid stands for the visit
    row = record_activity(
        actor=world.alice,
        teacher=world.bob,
        kind="one_on_one",
        activity_type="visit",
        on=date(2026, 10, 5),
        minutes=45,
        features={"content", "active", "coherence", "sustained"},
        subject="Mathematics",
        standard="3.NF.A.1",
        active_mode="observation",
        goal=goal,
        source=source,
    )
    assert row.school == lincoln.school
    assert row.features == ["content", "active", "coherence", "sustained"]
    again = record_activity(
        actor=world.alice,
        teacher=world.bob,
        kind="one_on_one",
        activity_type="visit",
        on=date(2026, 10, 5),
        minutes=60,
        features={"active"},
        source=source,
    )
    assert again.pk == row.pk
    assert LearningActivity.objects.get().minutes == 60
    assert again.subject == "" and again.goal is None
    assert remove_activity(actor=world.alice, source=source) == 1


def test_bad_input_is_refused_with_the_field(world):
    school_for(world)
    with pytest.raises(ValidationError) as caught:
        record_activity(
            actor=world.alice,
            teacher=world.bob,
            kind="group",
            activity_type="workshop",
            on=date(2026, 10, 5),
            minutes=0,
            features={"content", "coherence", "fun"},
        )
    assert set(caught.value.message_dict) == {"features", "subject", "goal", "minutes"}


def test_who_may_record(world):
    lincoln = school_for(world)
    kwargs = {
        "kind": "support",
        "activity_type": "self_study",
        "on": date(2026, 9, 1),
        "minutes": 30,
    }
    record_activity(actor=world.bob, teacher=world.bob, **kwargs)  # own self-study
    with pytest.raises(PermissionDenied):
        record_activity(actor=lincoln.principal, teacher=world.bob, **kwargs)
    with pytest.raises(PermissionDenied):
        record_activity(actor=world.dana, teacher=world.bob, **kwargs)
    with pytest.raises(Http404):
        record_activity(actor=world.carol, teacher=world.bob, **kwargs)
