"""A German-speaking member reads team coaching in German."""

import pytest
from django.urls import reverse

from trellis.teams.tests.helpers import team_for


@pytest.fixture
def team(world):
    return team_for(world)


def test_it_shows_the_team_page_in_the_members_language(world, team, client):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    client.force_login(world.bob.user, backend="django.contrib.auth.backends.ModelBackend")

    page = client.get(reverse("teams:detail", args=[world.org.slug, team.uuid])).content.decode()

    assert "Das Team" in page
    assert "Team-Charta" in page
    assert "Noch keine Charta." in page
    assert "No charter yet." not in page


def test_it_refuses_a_charter_without_a_purpose_in_german(world, team, client):
    world.alice.user.language = "de"
    world.alice.user.save(update_fields=["language"])
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")

    url = reverse("teams:charter", args=[world.org.slug, team.uuid])
    page = client.post(url, {"purpose": "", "note": ""}).content.decode()

    assert "Zweck" in page  # the field's label
    assert "Speichern erzeugt eine neue Version" in page
