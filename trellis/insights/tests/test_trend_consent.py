"""Consent to see the language trend is given to a person, never to a role: Bob names Alice; a coach
who starts working with Bob later sees nothing of his trend until Bob names them."""

import pytest
from django.core.exceptions import ValidationError

from trellis.accounts.models import Membership, User
from trellis.engagements.models import Engagement
from trellis.insights import services
from trellis.insights.models import LanguagePreference

PLAYER = "I decided to ask for the brief on Monday."


@pytest.fixture
def marcus(world):
    user = User.objects.create(email="marcus@acme.test", name="Marcus Coach")
    return Membership.objects.create(org=world.org, user=user, is_coach=True)


def coach_bob(world, coach):
    """An engagement that is active with every place accepted (as the world fixture's)."""
    from trellis.engagements.lifecycle import engagement_places_from_pair

    engagement = Engagement.objects.create(
        org=world.org, coach=coach, coachee=world.bob, topic="Next step"
    )
    engagement_places_from_pair(engagement=engagement)
    return engagement


def share_with_alice(world):
    services.preference_update(
        actor=world.bob, language_insight=True, trend_shared_with=world.alice
    )
    services.reflection_create(actor=world.bob, text=PLAYER)


def test_it_stores_the_coach_bob_named(world):
    share_with_alice(world)
    assert LanguagePreference.objects.get(member=world.bob).trend_shared_with == world.alice


def test_it_shows_nothing_to_a_coach_who_opens_an_engagement_later(world, marcus, login, api_token):
    share_with_alice(world)
    coach_bob(world, marcus)
    trend = f"/o/acme/insight/people/{world.bob.uuid}/"
    assert login(world.alice).get(trend).status_code == 200
    assert login(marcus).get(trend).status_code == 403
    token = api_token(marcus)
    response = login(marcus).get(
        f"/api/v1/insights/language/trend/{world.bob.uuid}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403


def test_it_refuses_to_share_with_someone_who_does_not_coach_the_coachee(world, marcus):
    with pytest.raises(ValidationError) as error:
        services.preference_update(actor=world.bob, language_insight=True, trend_shared_with=marcus)
    assert services.NOT_YOUR_COACH in str(error.value)


def test_it_refuses_a_stranger_in_the_api_with_the_field_named(world, marcus, client, api_token):
    response = client.put(
        "/api/v1/insights/language/settings",
        {"language_insight": True, "trend_shared_with": str(marcus.uuid)},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(world.bob)}"},
    )
    assert 400 <= response.status_code < 500
    assert services.NOT_YOUR_COACH in response.content.decode()
    assert not LanguagePreference.objects.filter(member=world.bob, language_insight=True).exists()


def test_it_lets_the_coachee_name_a_coach_on_the_settings_page(world, marcus, login):
    coach_bob(world, marcus)
    client = login(world.bob)
    page = client.get("/o/acme/insight/").content.decode()
    assert "Alice Coach" in page and "Marcus Coach" in page and "Nobody" in page
    client.post("/o/acme/insight/", {"language_insight": "on", "trend_shared_with": marcus.pk})
    assert LanguagePreference.objects.get(member=world.bob).trend_shared_with == marcus
    assert login(world.alice).get(f"/o/acme/insight/people/{world.bob.uuid}/").status_code == 403
