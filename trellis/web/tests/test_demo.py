"""The demo a newcomer sees: realistic people, logins that work, and a second seed that changes nothing."""

import time_machine
from django.apps import apps

from trellis.web import demo


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "engagements", "frameworks", "goals", "scheduling", "insights"}
        and model._meta.label
        != "accounts.AuditEvent"  # seeding writes audit events (invitation sent) by design
    }


# The same moment for both seeds: reminders are planned against the clock, so a second seed a
# minute later may rightly plan one more (a session that has just ended gets its log reminder)
@time_machine.travel("2026-12-07 10:17Z", tick=False)
def test_it_seeds_every_app_once(db, capsys):
    demo.seed()
    first = row_counts()
    demo.seed()
    assert row_counts() == first
    assert first["accounts.Membership"] >= 15 and first["engagements.Engagement"] >= 8


def test_it_prints_logins_that_let_a_newcomer_in(db, client, capsys):
    from django.core.management import call_command

    call_command("demo_seed")
    printed = capsys.readouterr().out
    assert "olga@northwind.example" in printed and demo.DEMO_PASSWORD in printed
    response = client.post(
        "/accounts/login/",
        {"login": "alice@northwind.example", "password": demo.DEMO_PASSWORD},
        follow=True,
    )
    page = response.content.decode()
    assert "Northwind Learning" in page and "Your coachees" in page
