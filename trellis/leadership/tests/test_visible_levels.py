"""A leadership goal's GAS levels should describe behaviour others can see (issue 14): a level
that says what the leader feels or thinks, or names nothing anyone would see them do, is flagged
by name (never refused), on the goal's page, after saving it, and in the API."""

from html import unescape

import pytest

from trellis.core.leadership.visible import hidden_levels
from trellis.leadership.models import LeadershipGoal

BASE = "/o/acme/leadership/"


@pytest.mark.parametrize(
    "text",
    [
        "Delegates one project a month and does not redo it",
        "Listens without interrupting in one-to-ones",
        "Asks for help when she feels stuck",
        "The team says it was asked on most decisions",
        "Skips the weekly meeting",
        "",  # left to be written later: not flagged
    ],
)
def test_a_level_others_can_see_is_not_flagged(text):
    assert hidden_levels(["", "", text, "", ""]) == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Feels more confident about delegating", "'feels' is inside the leader"),
        ("She is more aware of her impact", "'aware' is inside the leader"),
        ("Has a clearer vision", "names nothing someone else would see or hear"),
    ],
)
def test_a_level_about_the_inside_or_nothing_seen_is_named(text, why):
    (hidden,) = hidden_levels(["Runs the meeting", "", "", text, ""])
    assert hidden.level == "+1" and hidden.text == text and why in hidden.why
    assert str(hidden).startswith(f"Level +1 ('{text}')")


def test_the_goal_is_saved_and_its_page_and_the_api_name_the_level(world, client, login, api_token):
    login(world.alice)
    answer = client.post(
        f"{BASE}engagements/{world.engagement.uuid}/goal/",
        {
            "competency": "action-centred-leadership:team",
            "title": "Bring the team into decisions",
            "behaviour_1": "Asks the team for options before deciding",
            "behaviour_2": "",
            "gas_expected": "Asks the team for options on most decisions",
            "gas_more": "Feels more confident about delegating",
        },
        follow=True,
    )
    page = unescape(answer.content.decode())
    leadership = LeadershipGoal.objects.get()  # saved all the same: it is a hint
    assert leadership.goal.gas_more == "Feels more confident about delegating"
    assert "Level +1 ('Feels more confident about delegating')" in page  # the message
    assert 'id="gas-warnings"' in page
    assert "Level +1 (“Feels more confident about delegating”)" in page  # on the goal page
    assert "Level 0 " not in page  # the visible one is not named
    headers = {"Authorization": f"Bearer {api_token(world.bob)}"}
    body = client.get(f"/api/v1/leadership/goals/{leadership.uuid}", headers=headers).json()
    (warning,) = body["gas_warnings"]
    assert warning.startswith("Level +1") and "'feels' is inside the leader" in warning
