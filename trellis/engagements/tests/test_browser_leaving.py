"""In Chromium: Dana, the sponsor, leaves her place with a reason. The coach and the coachee are
emailed once; the coach reads why in the history, the coachee sees only that she left. Then Bob,
the coachee of this one-to-one engagement, leaves it, which ends it."""

import pytest
from django.core import mail

from trellis.engagements.models import Engagement
from trellis.engagements.tests.test_browser_lifecycle import sign_in

pytestmark = pytest.mark.browser


def test_the_sponsor_then_the_coachee_leave_their_places(
    transactional_db, world, live_server, browser
):
    base = live_server.url
    url = f"{base}/o/acme/engagements/{world.engagement.uuid}/"
    mail.outbox.clear()

    dana = sign_in(browser, base, world.dana)
    dana.goto(url)
    dana.get_by_text("Leave this engagement").click()
    dana.get_by_label("Why you leave").fill("My role changes next month")
    dana.get_by_role("button", name="Leave", exact=True).click()
    dana.get_by_text("You left the engagement; the others in it are told.").wait_for()
    assert dana.url.endswith("/o/acme/engagements/")
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@acme.test", "bob@acme.test"]
    assert Engagement.objects.get(pk=world.engagement.pk).sponsor is None

    alice = sign_in(browser, base, world.alice)
    alice.goto(url)
    assert "My role changes next month" in alice.locator("#history-heading + table").inner_text()

    bob = sign_in(browser, base, world.bob)
    bob.goto(url)
    history = bob.locator("#history-heading + table").inner_text()
    assert "Left (Sponsor: Dana Sponsor)" in history and "My role changes" not in history
    bob.get_by_text("Leave (this ends the engagement)").click()
    bob.get_by_label("Why you leave").fill("I need a break from coaching")
    bob.get_by_role("button", name="Leave", exact=True).click()
    bob.get_by_text("You ended the engagement by leaving; the others in it are told.").wait_for()
    assert Engagement.objects.get(pk=world.engagement.pk).status == "ended"
    assert len(mail.outbox) == 3 and mail.outbox[2].to == ["alice@acme.test"]
