"""What core's session engine writes (follow-up and permission questions, flags) reaches a German,
Portuguese or Spanish reader in their language, on the session page and through the API; the
catalogue's copy of core's templates stays equal to core's."""

import pytest
from django.utils import translation

from trellis.core.frameworks import followups
from trellis.core.frameworks.answers import PEERS_CRITERIA
from trellis.engagements import services
from trellis.frameworks.texts import CRITERIA, TEMPLATES, core_text


def test_the_catalogue_holds_every_template_core_writes():
    core = {
        *followups.SCALING_FOLLOW_UPS,
        *followups.COMMITMENT_FOLLOW_UPS,
        *followups.BUY_IN_FOLLOW_UPS,
        *followups.PERMISSION_QUESTIONS,
        *(v for k, v in vars(followups).items() if k.startswith("FLAG_")),
    }
    assert set(TEMPLATES) == core
    assert set(CRITERIA) == set(PEERS_CRITERIA.values())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            'Das Engagement für „Call Sam" liegt bei 4 von 10: Erwägen Sie einen kleineren Schritt.',
        ),
        ("en-gb", 'Commitment to "Call Sam" is 4 out of 10: consider a smaller step.'),
    ],
)
def test_a_flag_is_filled_into_its_translation(language, expected):
    english = followups.FLAG_LOW_COMMITMENT.format(what="Call Sam", now=4)
    with translation.override(language):
        assert core_text(english) == expected


def test_a_peers_flag_names_the_criteria_in_the_readers_language():
    english = followups.FLAG_PEERS_UNMET.format(criteria="Powerful, Student-focused")
    with translation.override("es"):
        assert core_text(english) == (
            "Esta meta aún no cumple todos los criterios PEERS: Potente, Centrada en el alumnado."
        )


def test_a_prompt_of_a_framework_is_left_as_it_is():
    with translation.override("de"):
        assert core_text("What do you want to achieve?") == "What do you want to achieve?"


def test_the_session_page_and_the_api_speak_the_coachs_language(world, client, login, api_token):
    world.alice.user.language = "de"
    world.alice.user.save(update_fields=["language"])
    session = services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    answers = {"goal-statement": "Lead the team"}  # no measure, no date: two flags
    login(world.alice)
    client.post(f"/o/acme/sessions/{session.uuid}/answers/", answers)
    page = client.get(f"/o/acme/sessions/{session.uuid}/").content.decode()
    assert "Dieses Ziel hat kein Datum" in page
    assert "This goal has no date" not in page
    state = client.get(
        f"/api/v1/sessions/{session.uuid}",
        headers={"Authorization": f"Bearer {api_token(world.alice)}", "Accept-Language": "de"},
    ).json()
    assert any(f["message"].startswith("Dieses Ziel hat kein Datum") for f in state["flags"])
