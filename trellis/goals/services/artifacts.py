"""A finished coaching session's artifacts become the coachee's goal and actions."""

import re
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from trellis.accounts.models import Membership
from trellis.core.frameworks import ActionArtifact, Artifacts
from trellis.core.goals import parse_due
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.goals.services.actions import action_build
from trellis.goals.services.common import local_today
from trellis.goals.services.goals import goal_build

SELF_WORDS = frozenset({"", "me", "i", "myself", "self", "the coachee", "coachee"})
# what Trellis writes into the goal and actions it makes: the coachee's own text from then on
# (they edit it), so written in their language (language_for)
NEXT_STEPS = gettext_noop("Next steps from the %(framework)s session")
STILL_AT = gettext_noop("Still at %(now)s/10 or lower on my own scale")
AT_TARGET = gettext_noop("At %(target)s/10 on my own scale (from %(now)s/10 when we started)")
WITH = gettext_noop("With: %(who)s")


def language_for(coachee: Membership) -> str:
    """The coachee's chosen language, else the one this request or task speaks."""
    return coachee.user.language or translation.get_language() or "en"


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
    return coachee, gettext(WITH) % {"who": action.who.strip()}


def _gas_from_scaling(artifacts: Artifacts) -> dict[int, str]:
    scaling = artifacts.reality.scaling
    if scaling is None or scaling.target is None or scaling.target <= scaling.now:
        return {}
    return {
        -2: gettext(STILL_AT) % {"now": scaling.now},
        0: gettext(AT_TARGET) % {"target": scaling.target, "now": scaling.now},
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
    framework = artifacts.framework_key.upper()
    # the history's reason is Trellis's: a code, said in each reader's language (Revision.why_shown)
    because = {"because": "session", "framework": framework}
    with transaction.atomic(), translation.override(language_for(coachee)):
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
                because="session",
                because_params={"framework": framework},
            )
        else:
            title = artifacts.topic.topic if artifacts.topic else ""
            goal = goal_build(
                actor=actor,
                owner=coachee,
                engagement=engagement,
                title=(title or gettext(NEXT_STEPS) % {"framework": framework})[:200],
                source_session_uuid=session_uuid,
                because="session",
                because_params={"framework": framework},
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
                because=because,
            )
    return [goal]
