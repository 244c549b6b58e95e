"""The events page of a large organization: paged, filtered by type, and an admin names whose
event it is by email address instead of picking from thousands of people."""

from django.urls import reverse

from trellis.scheduling.forms import EVENT_COACHEE_CHOICES, EVENT_COACHEE_UNKNOWN
from trellis.scheduling.models import CareerEvent
from trellis.web.tests.bulk import grow


def test_it_asks_an_admin_of_a_large_organization_for_the_coachees_email(world, login):
    grow(world.org, coachees=EVENT_COACHEE_CHOICES + 1, coach=world.alice)
    url = reverse("scheduling:events", args=[world.org.slug])
    client = login(world.olga)
    body = client.get(url).content.decode()
    assert "Whose event (their email address)" in body
    assert '<input type="email" name="coachee"' in body
    response = client.post(
        url, {"coachee": "BOB@acme.test", "type": "promotion_decision", "date": "2026-03-20"}
    )
    assert response.status_code == 302
    assert CareerEvent.objects.filter(coachee=world.bob, type="promotion_decision").exists()
    response = client.post(
        url, {"coachee": "nobody@acme.test", "type": "offer", "date": "2026-03-20"}
    )
    assert EVENT_COACHEE_UNKNOWN.format(email="nobody@acme.test") in response.content.decode()
    assert not CareerEvent.objects.filter(type="offer").exists()


def test_it_pages_the_events_and_filters_them_by_type(world, login):
    grow(world.org, coachees=60, coach=world.alice)
    url = reverse("scheduling:events", args=[world.org.slug])
    body = login(world.olga).get(url).content.decode()
    assert "1\u201325 of 60" in body and "page 1 of 3" in body
    body = login(world.olga).get(url + "?page=2").content.decode()
    assert "26\u201350 of 60" in body
    body = login(world.olga).get(url + "?type=offer").content.decode()
    assert "No events yet." in body
