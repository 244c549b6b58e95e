"""The demo's outcome dashboard shows real numbers from the demo's own engagements."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_admin_sees_numbers_from_the_demo(client):
    from trellis.accounts.models import Membership
    from trellis.outcomes import selectors
    from trellis.web.demo import seed

    seed()
    olga = Membership.objects.get(org__slug="northwind", user__email="olga@northwind.example")
    board = selectors.dashboard_for(member=olga).board
    assert board.people is not None and board.people >= 5
    shown = [c for p in board.panels for c in p.cells if c.value is not None]
    assert len(shown) >= 5  # the funnel, sessions, time to first session, GAS, an instrument
    client.force_login(olga.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/o/northwind/outcomes/").content.decode()
    assert f"<strong>{board.people}</strong> people counted" in page


def test_the_demo_admin_can_filter_by_location(client):
    from trellis.accounts.models import Membership
    from trellis.outcomes import selectors
    from trellis.web.demo import seed

    seed()
    olga = Membership.objects.get(org__slug="northwind", user__email="olga@northwind.example")
    choices = [c.value for c in selectors.dashboard_for(member=olga).scope.attributes]
    assert "location:Leeds" in choices
    leeds = selectors.dashboard_for(member=olga, attribute="location:Leeds").board
    assert leeds.people is not None and leeds.people >= 5
