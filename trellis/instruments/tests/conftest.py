from typing import Any

import pytest


@pytest.fixture
def team(world: Any) -> Any:
    """A team of six in Acme (Bob and five colleagues), for team pulses."""
    from allauth.account.models import EmailAddress

    from trellis.accounts.models import Membership, Team, User

    platform = Team.objects.create(org=world.org, name="Platform")
    members = [world.bob]
    world.bob.team = platform
    world.bob.save(update_fields=["team"])
    for name in ("Ana", "Ben", "Cleo", "Dev", "Eli"):
        email = f"{name.lower()}@acme.test"
        user = User.objects.create(email=email, name=f"{name} Platform")
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        members.append(
            Membership.objects.create(org=world.org, user=user, is_coachee=True, team=platform)
        )
    return platform
