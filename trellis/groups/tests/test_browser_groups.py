"""In Chromium: Bob writes a private reflection and a goal shared with the group; Erin, another
member, and Olga, the admin, never see the private one; Erin comments on the shared goal and Bob
reads her comment. Bob deletes a commented goal through its confirmation page; Erin's comment
stays under the 'deleted' mark."""

import pytest
from allauth.account.models import EmailAddress

from trellis.engagements.tests.test_browser_lifecycle import sign_in
from trellis.groups.tests.helpers import group_for

pytestmark = pytest.mark.browser

PRIVATE = "I doubt I am ready to lead this team"
SHARED = "Hold a weekly 1:1 with each of my reports"


def test_a_private_item_stays_private_and_a_shared_one_takes_comments(
    transactional_db, world, live_server, browser
):
    group = group_for(world)
    erin = world.group_people[1]
    EmailAddress.objects.create(user=erin.user, email=erin.user.email, verified=True, primary=True)
    base = live_server.url
    group_page = f"{base}/o/acme/groups/{group.uuid}/"

    bob = sign_in(browser, base, world.bob)
    bob.goto(group_page)
    for kind, text, level in (
        ("Reflection", PRIVATE, "Private to me"),
        ("Goal", SHARED, "Shared with the group"),
    ):
        bob.get_by_label("Kind").select_option(label=kind)
        bob.get_by_label("Text").fill(text)
        bob.get_by_label("Visibility").select_option(label=level)
        bob.get_by_role("button", name="Save").click()
        bob.get_by_text(text).wait_for()

    other = sign_in(browser, base, erin)
    other.goto(group_page)
    other.get_by_text(SHARED).wait_for()
    assert PRIVATE not in other.content()
    other.get_by_label("Comment").fill("Same plan here: let us compare notes in a month.")
    other.get_by_role("button", name="Comment").click()
    other.get_by_text("Comment added.").wait_for()

    admin = sign_in(browser, base, world.olga)
    admin.goto(group_page)
    admin.get_by_role("heading", name="The group's totals").wait_for()
    assert PRIVATE not in admin.content() and SHARED not in admin.content()

    bob.reload()
    bob.get_by_text("Same plan here: let us compare notes in a month.").wait_for()
    bob.get_by_text(PRIVATE).wait_for()  # the author still reads their own


def test_an_author_deletes_after_confirming_and_others_comments_stay(
    transactional_db, world, live_server, browser
):
    from trellis.groups import services

    group = group_for(world)
    erin = world.group_people[1]
    EmailAddress.objects.create(user=erin.user, email=erin.user.email, verified=True, primary=True)
    item = services.item_add(
        actor=world.bob, engagement=group, kind="goal", text=SHARED, visibility="group"
    )
    services.comment_add(actor=erin, item=item, text="Erin keeps this thought")
    base = live_server.url
    bob = sign_in(browser, base, world.bob)
    bob.goto(f"{base}/o/acme/groups/{group.uuid}/")
    bob.get_by_role("link", name="Delete this goal").click()
    bob.get_by_role("heading", name="Delete your goal?").wait_for()
    assert "1 comment by others is on it" in bob.content()
    bob.get_by_role("link", name="Keep it").click()
    bob.get_by_text(SHARED).wait_for()  # keeping it changed nothing
    bob.get_by_role("link", name="Delete this goal").click()
    bob.get_by_role("button", name="Delete").click()
    bob.get_by_text("Deleted. The others' comments on it stay.").wait_for()

    other = sign_in(browser, base, erin)
    other.goto(f"{base}/o/acme/groups/{group.uuid}/")
    other.get_by_text("Deleted by its author").wait_for()
    other.get_by_text("Erin keeps this thought").wait_for()
    assert SHARED not in other.content()
