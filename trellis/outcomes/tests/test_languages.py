"""An administrator who reads Trellis in German sees the outcome dashboard, its charts' titles and
its "fewer than" in German."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from trellis.outcomes.tests.helpers import cohort

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """A German request leaves German active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_it_shows_olga_the_dashboard_in_german(world, login):
    cohort(world, teams={"Platform": 6})
    world.olga.user.language = "de"
    world.olga.user.save(update_fields=["language"])
    body = login(world.olga).get(reverse("outcomes:dashboard", args=[world.org.slug]))
    page = body.content.decode()
    assert "<h1>Ergebnisse</h1>" in page
    assert "Teilnahme (Sitzungen)" in page  # a chart's title, kept in English in core
    assert "weniger als 5" in page
    assert "Attendance (sessions)" not in page
