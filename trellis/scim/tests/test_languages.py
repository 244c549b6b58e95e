"""An administrator who reads Trellis in German sees the provisioning page in German (SCIM's own
protocol answers stay in English, as RFC 7644 writes them)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_it_shows_olga_the_tokens_page_in_german(world, login):
    world.olga.user.language = "de"
    world.olga.user.save(update_fields=["language"])
    client = login(world.olga)
    page = client.get(reverse("scim:tokens", args=[world.org.slug])).content.decode()
    assert "Bereitstellung (SCIM 2.0)" in page and "Noch keine Tokens." in page
    created = client.post(reverse("scim:tokens", args=[world.org.slug]), {"name": "Okta"})
    assert "Ihr neues Token" in created.content.decode()
