"""The demo's homes: each demo login finds something real to act on (`make demo`)."""

from datetime import UTC, datetime

import pytest
import time_machine

from trellis.accounts.models import Membership
from trellis.web import demo


def _home(client, email: str) -> str:
    member = Membership.objects.select_related("user").get(user__email=email)
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/o/northwind/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 2, 11, 0, tzinfo=UTC),  # a Wednesday morning
        # just after midnight: the session that ended two hours ago is yesterday's, still to log
        datetime(2026, 12, 5, 0, 20, tzinfo=UTC),
    ],
    ids=["wednesday-morning", "after-midnight"],
)
def test_it_gives_each_demo_login_a_home_to_act_on(db, client, capsys, moment):
    with time_machine.travel(moment, tick=True):
        _homes_to_act_on(client)


def _homes_to_act_on(client) -> None:
    demo.seed()
    alice = _home(client, "alice@northwind.example")
    assert "Start the session" in alice and "Log your session" in alice
    assert "Coachees who need you" in alice and "overdue action" in alice
    assert "Missed session on" in alice  # Ravi's no-show last week
    bob = _home(client, "bob@northwind.example")
    assert "The one thing to do now" in bob and "Your next session" in bob
    assert "Actions due" in bob and "overdue since" in bob
    dana = _home(client, "dana@northwind.example")
    assert "Bob Okafor" in dana and "Held: " in dana
    assert "Book 30 minutes with Greg" not in dana  # Bob's action: content
    olga = _home(client, "olga@northwind.example")
    assert "First-line leaders" in olga and "Stalled" in olga
    assert "Book 30 minutes with Greg" not in olga
