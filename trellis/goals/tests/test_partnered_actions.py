"""My plan lists the actions a person supports on someone else's plan: the accountability
partner's and the owner's, with what, whose and when, and nothing else of that plan."""

from trellis.goals.tests.helpers import bob_plan


def test_the_partner_and_the_owner_see_the_actions_they_support(world, login) -> None:
    bob_plan(world)
    dana = login(world.dana).get("/o/acme/plan/").content.decode()
    assert "Actions you support" in dana
    assert "Draft next week&#x27;s planning agenda</a> · Bob Coachee · due 6 Mar 2026" in dana
    assert "facilitation checklist" not in dana and "weekly planning on my own" not in dana
    alice = login(world.alice).get("/o/acme/plan/").content.decode()
    assert "Send Bob the facilitation checklist</a> · Bob Coachee · due 20 Mar 2026" in alice
    assert "Draft next week" not in alice


def test_the_coachee_does_not_support_their_own_actions(world, login) -> None:
    bob_plan(world)
    assert "Actions you support" not in login(world.bob).get("/o/acme/plan/").content.decode()
