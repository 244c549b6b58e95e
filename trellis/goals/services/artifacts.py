"""A finished coaching session's artifacts become the coachee's goal and actions."""

import re
from typing import Any

from django.db import transaction

from trellis.accounts.models import Membership
from trellis.core.frameworks import ActionArtifact, Artifacts
from trellis.core.goals import parse_due
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.goals.services.actions import action_build
from trellis.goals.services.common import local_today
from trellis.goals.services.goals import goal_build

SELF_WORDS = frozenset({"", "me", "i", "myself", "self", "the coachee", "coachee"})
NEXT_STEPS = "Next steps from the {framework} session"


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z']+", text.lower()))


def _owner_and_note(
    action: ActionArtifact, coachee: Membership, engagement: Engagement | None
) -> tuple[Membership, str]:
    """Map the free-text "who" to a member: the coachee, or the coach when named; else a note."""
    who = _words(action.who)
    names = {_words(coachee.user.name), _words(coachee.user.name).split(" ")[0]}
    if who in SELF_WORDS or who in names:
        return coachee, ""
    if engagement is not None:
        coach = engagement.coach
        if who in {
            "coach",
            "my coach",
            _words(coach.user.name),
            _words(coach.user.name).split(" ")[0],
        }:
            return coach, ""
    return coachee, f"With: {action.who.strip()}"


def _gas_from_scaling(artifacts: Artifacts) -> dict[int, str]:
    scaling = artifacts.reality.scaling
    if scaling is None or scaling.target is None or scaling.target <= scaling.now:
        return {}
    return {
        -2: f"Still at {scaling.now}/10 or lower on my own scale",
        0: f"At {scaling.target}/10 on my own scale (from {scaling.now}/10 when we started)",
    }


def goals_from_artifacts(
    *,
    actor: Membership,
    coachee: Membership,
    engagement: Engagement | None,
    artifacts: Artifacts,
    source_session: Any = None,
) -> list[Goal]:
    """Turn a finished session's goal and actions into the coachee's plan; returns the goals made.

    Runs inside the caller's transaction (the session's finish). Calling it twice for the same
    session changes nothing and returns the goals made the first time.
    """
    session_uuid = getattr(source_session, "uuid", None)
    if session_uuid is not None:
        made = list(Goal.objects.filter(org=coachee.org, source_session_uuid=session_uuid))
        if made:
            return made
    if artifacts.goal is None and not artifacts.actions:
        return []
    today = local_today(coachee)
    reason = f"From a {artifacts.framework_key.upper()} session"
    with transaction.atomic():
        if artifacts.goal is not None:
            goal_text = artifacts.goal
            goal = goal_build(
                actor=actor,
                owner=coachee,
                engagement=engagement,
                title=goal_text.statement[:200],
                success_measure=goal_text.success_measure[:300],
                due_text=goal_text.due_text[:100]
                if goal_text.due_date or parse_due(goal_text.due_text, today=today)
                else "",
                due_date=goal_text.due_date,
                why=artifacts.topic.scope if artifacts.topic else "",
                gas_levels=_gas_from_scaling(artifacts),
                source_session_uuid=session_uuid,
                reason=reason,
            )
        else:
            title = artifacts.topic.topic if artifacts.topic else ""
            goal = goal_build(
                actor=actor,
                owner=coachee,
                engagement=engagement,
                title=(title or NEXT_STEPS.format(framework=artifacts.framework_key.upper()))[:200],
                source_session_uuid=session_uuid,
                reason=reason,
            )
        for item in artifacts.actions:
            owner, note = _owner_and_note(item, coachee, engagement)
            support = "\n".join(part for part in (item.support, note) if part)
            action_build(
                actor=actor,
                goal=goal,
                what=item.what[:300],
                owner=owner,
                due_date=item.when_date
                or (parse_due(item.when_text, today=today) if item.when_text else None),
                support=support,
                obstacles=item.obstacles,
                commitment=item.commitment,
                reason=reason,
            )
    return [goal]
