"""Login rate limits count per account and per client address, the address taken from the proxy's
header when one is configured: one person's failures never lock out another."""

from django.urls import reverse

PASSWORD = "a-long-pass-phrase-9"
TOO_MANY = "Too many failed login attempts"


def with_password(*members):
    for member in members:
        member.user.set_password(PASSWORD)
        member.user.save()


def attempt(client, member, password, **headers):
    return client.post(
        reverse("account_login"), {"login": member.user.email, "password": password}, **headers
    )


def test_it_refuses_the_sixth_attempt_after_five_failures_even_with_the_right_password(
    world, client
):
    with_password(world.bob)
    for _ in range(5):
        assert TOO_MANY not in attempt(client, world.bob, "wrong").content.decode()
    assert TOO_MANY in attempt(client, world.bob, PASSWORD).content.decode()


def test_it_lets_a_colleague_at_the_same_address_in_after_five_failures_of_someone_else(
    world, client
):
    with_password(world.bob, world.alice)
    for _ in range(5):
        attempt(client, world.bob, "wrong")
    assert attempt(client, world.alice, PASSWORD).status_code == 302


def test_it_counts_failures_per_client_address_from_the_proxy_header(world, client, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,5/5m/key"}
    with_password(world.bob, world.alice, world.dana, world.olga)
    # Everything reaches Trellis from the proxy (REMOTE_ADDR 127.0.0.1); the header tells clients apart.
    for member in (world.bob, world.alice, world.dana):
        attempt(client, member, "wrong", HTTP_X_REAL_IP="203.0.113.5")
    assert (
        TOO_MANY
        in attempt(client, world.olga, PASSWORD, HTTP_X_REAL_IP="203.0.113.5").content.decode()
    )
    assert attempt(client, world.olga, PASSWORD, HTTP_X_REAL_IP="198.51.100.7").status_code == 302
