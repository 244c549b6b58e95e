"""`trellis goals list --user EMAIL [--org SLUG]`: a person's plan in the terminal."""

from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from trellis.accounts.models import Membership
from trellis.goals.tests.helpers import bob_plan


def run(*args: str) -> str:
    out = StringIO()
    call_command("goals", *args, stdout=out)
    return out.getvalue()


def test_it_lists_bobs_plan_with_overdue_actions_first(world):
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        bob_plan(world)
    with time_machine.travel("2026-03-16 09:00Z", tick=False):
        out = run("list", "--user", "BOB@acme.test")
    assert "Plan of Bob Coachee in Acme Learning" in out
    assert "Run the team's weekly planning on my own" in out
    assert out.index("Draft next week") < out.index("Send Bob the facilitation")
    assert "OVERDUE" in out and "GAS T-score: not scored yet" in out


def test_it_asks_for_the_organization_when_there_are_several(world):
    Membership.objects.create(org=world.carol_org, user=world.bob.user, is_coachee=True)
    with pytest.raises(CommandError) as refused:
        run("list", "--user", "bob@acme.test")
    assert "--org" in str(refused.value) and "acme, globex" in str(refused.value)
    assert "Plan of Bob Coachee in Globex" in run(
        "list", "--user", "bob@acme.test", "--org", "globex"
    )


def test_it_names_an_unknown_person(world):
    with pytest.raises(CommandError) as refused:
        run("list", "--user", "nobody@acme.test")
    assert "nobody@acme.test is not a member" in str(refused.value)
