"""Generated bad input on the people's-rights forms: a clear answer on the page, never a 500, and
nothing changes unless the input was right."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.privacy.models import ErasureRequest, RetentionPolicy

pytestmark = pytest.mark.django_db

TEXT = st.text(max_size=300) | st.sampled_from(["", "0", "-1", "241", "1e9", "NaN", "\x00", "24"])
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(months=TEXT)
def test_retention_takes_only_1_to_240_months(client, world, months):
    client.force_login(world.olga.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("privacy:retention", args=["acme"]), {"ended_content_months": months}
    )
    stored = RetentionPolicy.objects.filter(org=world.org).first()
    if response.status_code == 302:
        value = stored.ended_content_months
        assert value is None or 1 <= value <= 240
    else:
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()


@FUZZ
@given(typed=TEXT, reason=TEXT)
def test_erasure_asks_for_the_exact_address(client, world, typed, reason):
    client.force_login(world.bob.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("privacy:my_data"), {"confirm_email": typed, "reason": reason})
    assert response.status_code in (200, 302)
    if typed.strip().lower() != "bob@acme.test":
        assert not ErasureRequest.objects.exists()
