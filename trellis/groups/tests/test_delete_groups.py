"""Deleting in a group: only its author deletes an item or a comment, after a confirmation page;
others' comments survive their item's deletion under a 'deleted' mark; the audit log records who
deleted what, never the words."""

from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from trellis.accounts import policy
from trellis.accounts.models import AuditEvent
from trellis.groups import selectors, services
from trellis.groups.models import GroupComment, GroupItem
from trellis.groups.tests.helpers import group_for, items_at_each_level

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(world):
    engagement = group_for(world)
    world.items = items_at_each_level(world, engagement)
    world.erin = world.group_people[1]
    return engagement


def _item_url(world, group, item, name="groups:item_delete"):
    return reverse(name, args=[world.org.slug, group.uuid, item.uuid])


def test_it_asks_before_deleting_and_deletes_on_confirmation(world, group, login):
    item = world.items["coach"]
    client = login(world.bob)
    page = unescape(client.get(_item_url(world, group, item)).content.decode())
    assert "Delete your reflection?" in page and "Bob's coach reflection" in page
    assert GroupItem.objects.filter(pk=item.pk).exists()
    response = client.post(_item_url(world, group, item))
    assert response.status_code == 302
    assert not GroupItem.objects.filter(pk=item.pk).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.CONTENT_DELETED)
    assert event.actor == world.bob.user and event.org == world.org
    assert event.detail["item"] == str(item.uuid) and event.detail["comments_kept"] is False
    assert "Bob's coach reflection" not in str(event.detail)


def test_it_keeps_others_comments_when_their_item_is_deleted(world, group, login):
    item = world.items["group"]
    theirs = services.comment_add(actor=world.erin, item=item, text="Erin agrees")
    services.comment_add(actor=world.bob, item=item, text="Bob thanks Erin")
    page = unescape(login(world.bob).get(_item_url(world, group, item)).content.decode())
    assert "1 comment by others is on it: it stays" in page
    assert (
        services.item_delete(
            actor=world.bob, item=selectors.item_get(engagement=group, uuid=str(item.uuid))
        )
        is False
    )
    item.refresh_from_db()
    assert item.text == "" and item.deleted_at is not None
    assert set(GroupComment.objects.filter(item=item).values_list("text", flat=True)) == {
        "Erin agrees",
        "Bob thanks Erin",
    }
    url = reverse("groups:detail", args=[world.org.slug, group.uuid])
    page = unescape(login(world.erin).get(url).content.decode())
    assert "Deleted by its author" in page and "Erin agrees" in page
    assert "Bob's group reflection" not in page
    # a deleted item takes no more comments, no new level, and counts in no total
    found = selectors.item_get(engagement=group, uuid=str(item.uuid))
    assert not policy.allows(world.erin, "group.item.comment", found)
    assert not policy.allows(world.bob, "group.item.edit", found)
    assert not policy.allows(world.bob, "group.item.delete", found)
    assert theirs.pk in GroupComment.objects.values_list("pk", flat=True)


def test_it_lets_only_the_author_delete(world, group, login):
    item = world.items["group"]
    comment = services.comment_add(actor=world.erin, item=item, text="Erin's thought")
    found = selectors.item_get(engagement=group, uuid=str(item.uuid))
    for other in (world.alice, world.erin, world.olga):
        with pytest.raises(PermissionDenied):
            services.item_delete(actor=other, item=found)
    for other in (world.alice, world.bob):
        with pytest.raises(PermissionDenied):
            services.comment_delete(actor=other, comment=comment)
    assert login(world.alice).post(_item_url(world, group, item)).status_code == 403
    assert GroupItem.objects.filter(pk=item.pk, deleted_at=None).exists()
    assert GroupComment.objects.filter(pk=comment.pk).exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTENT_DELETED).exists()


def test_it_deletes_one_comment_and_nothing_else(world, group, login):
    item = world.items["group"]
    mine = services.comment_add(actor=world.erin, item=item, text="Erin's first thought")
    services.comment_add(actor=world.bob, item=item, text="Bob replies")
    url = reverse("groups:comment_delete", args=[world.org.slug, group.uuid, item.uuid, mine.uuid])
    client = login(world.erin)
    page = unescape(client.get(url).content.decode())
    assert "Delete your comment?" in page and "Erin's first thought" in page
    assert client.post(url).status_code == 302
    assert list(GroupComment.objects.filter(item=item).values_list("text", flat=True)) == [
        "Bob replies"
    ]
    assert GroupItem.objects.filter(pk=item.pk, deleted_at=None).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.CONTENT_DELETED)
    assert event.detail["comment"] == str(mine.uuid) and event.actor == world.erin.user


def test_the_api_deletes_only_the_callers_own(world, group, client, api_token):
    item = world.items["private"]
    base = f"/api/v1/groups/{group.uuid}/items/{item.uuid}"

    def delete(member):
        headers = {"Authorization": f"Bearer {api_token(member)}"}
        return client.delete(base, headers=headers).status_code

    assert delete(world.alice) == 403  # she may not even read it
    assert delete(world.bob) == 204
    assert not GroupItem.objects.filter(pk=item.pk).exists()
