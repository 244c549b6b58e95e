"""Writes for leadership goals and their behaviours. Each write is one transaction."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trellis.goals.models import Goal
from trellis.leadership.models import Behaviour, LeadershipGoal

BEHAVIOUR_COUNT = "Choose one or two observable behaviours."
BEHAVIOUR_EMPTY = "Describe the behaviour in words another person can see."


def _clean_texts(texts: Sequence[str]) -> list[str]:
    cleaned = [t.strip() for t in texts if t and t.strip()]
    if not 1 <= len(cleaned) <= 2:
        raise ValidationError(BEHAVIOUR_COUNT)
    return cleaned


@transaction.atomic
def make_leadership_goal(
    goal: Goal, *, model_key: str, competency_key: str, behaviours: Sequence[str]
) -> LeadershipGoal:
    """Turn a goal into a leadership goal with one or two behaviours (version 1)."""
    texts = _clean_texts(behaviours)
    leadership = LeadershipGoal.objects.create(
        goal=goal, model_key=model_key, competency_key=competency_key
    )
    for position, text in enumerate(texts, start=1):
        Behaviour.objects.create(leadership_goal=leadership, position=position, text=text)
    return leadership


def _leadership_of(goal: Goal | LeadershipGoal) -> LeadershipGoal:
    if isinstance(goal, LeadershipGoal):
        return goal
    return LeadershipGoal.objects.get(goal=goal)


@transaction.atomic
def freeze_behaviours(goal: Goal | LeadershipGoal) -> int:
    """Freeze the current wording of a goal's behaviours (the first rating arrived). Idempotent;
    answers how many behaviours were newly frozen."""
    leadership = _leadership_of(goal)
    return leadership.behaviours.filter(retired_at__isnull=True, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )


@transaction.atomic
def revise_behaviour(behaviour: Behaviour, text: str) -> Behaviour:
    """Change a behaviour's wording. An unfrozen behaviour is edited in place; a frozen one is kept
    as it was (retired) and a new version replaces it, so ratings stay with the wording rated."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(BEHAVIOUR_EMPTY)
    current = Behaviour.objects.select_for_update().get(pk=behaviour.pk)
    if current.retired_at is not None:
        raise ValidationError("This wording was already replaced by a newer version.")
    if current.text == text:
        return current
    if current.frozen_at is None:
        current.text = text
        current.save(update_fields=["text"])
        return current
    current.retired_at = timezone.now()
    current.save(update_fields=["retired_at"])
    return Behaviour.objects.create(
        leadership_goal=current.leadership_goal,
        position=current.position,
        version=current.version + 1,
        text=text,
        replaces=current,
    )
