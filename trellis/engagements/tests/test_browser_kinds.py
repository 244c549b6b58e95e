"""In Chromium: Alice proposes team coaching for Bob's team; Bob accepts his own place and the
team engagement starts; Erin declines hers and no longer sees it; Bob, a member, never gets the
engagement's plan."""

import re

import pytest

from trellis.accounts.models import Membership, Team, User
from trellis.engagements.models import Engagement
from trellis.engagements.tests.test_browser_lifecycle import sign_in

pytestmark = pytest.mark.browser


def test_a_team_engagement_is_proposed_and_each_member_answers(
    transactional_db, world, live_server, browser
):
    base = live_server.url
    squad = Team.objects.create(org=world.org, name="Squad")
    Membership.objects.filter(pk=world.bob.pk).update(team=squad)
    from allauth.account.models import EmailAddress

    user = User.objects.create(email="erin@acme.test", name="Erin Member")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    erin = Membership.objects.create(org=world.org, user=user, team=squad)
    alice = sign_in(browser, base, world.alice)
    alice.goto(f"{base}/o/acme/engagements/")
    alice.get_by_role("link", name="Propose team coaching").click()
    alice.locator("#id_team").select_option(label="Squad")
    alice.get_by_label("Topic").fill("One team across two sites")
    alice.get_by_role("button", name=re.compile("Propose")).click()
    alice.get_by_text("each person is asked to accept their own place").wait_for()
    engagement = Engagement.objects.get(topic="One team across two sites")
    assert engagement.kind == "team" and engagement.status == "proposed"
    people = alice.locator("#lifecycle").inner_text()
    assert "Bob Coachee" in people and "Erin Member" in people
    url = f"{base}/o/acme/engagements/{engagement.uuid}/"

    bob = sign_in(browser, base, world.bob)
    bob.goto(url)
    bob.locator("#waiting").get_by_role("button", name="Accept").click()
    bob.get_by_text("You accepted.").wait_for()
    engagement.refresh_from_db()
    assert engagement.status == "active"
    assert bob.get_by_role("link", name="Goals and action plan").count() == 0

    erin_page = sign_in(browser, base, erin)
    erin_page.goto(url)
    erin_page.locator("#waiting").get_by_label("Why (optional)").fill("Not this quarter")
    erin_page.locator("#waiting").get_by_role("button", name="Decline").click()
    erin_page.wait_for_url(f"{base}/o/acme/engagements/")
    assert erin_page.goto(url).status == 403  # she is not in it: she sees nothing of it

    alice.goto(url)
    people = alice.locator("#lifecycle").inner_text()
    assert re.search(r"Erin Member\s+Coachee\s+Declined", people)
    assert re.search(r"Bob Coachee\s+Coachee\s+Accepted", people)
