"""Writes for group coaching: a member's items at a visibility level, changing the level,
comments on items shared with the group, their authors deleting them (audited), and a member
turning their group goal into a goal of their own plan (trellis/goals). Every write asks the
policy first."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import AuditEvent, Membership
from trellis.accounts.services import audit_record
from trellis.engagements.models import Engagement
from trellis.goals import services as goal_services
from trellis.goals.models import Goal
from trellis.groups.models import GroupComment, GroupItem, Visibility

NOT_A_GROUP = _("Only a group engagement holds group items; this one is {kind}.")
NOT_SHARED = _("Only an item shared with the group takes comments.")


def item_add(
    *,
    actor: Membership,
    engagement: Engagement,
    kind: str,
    text: str,
    visibility: str = Visibility.COACH,
) -> GroupItem:
    """The actor writes an item in their group (default: shared with the coach only)."""
    if engagement.kind != Engagement.Kind.GROUP:
        raise ValidationError({"engagement": [NOT_A_GROUP.format(kind=engagement.kind)]})
    policy.require(actor, "group.item.write", engagement)
    item = GroupItem(
        org_id=engagement.org_id,
        engagement=engagement,
        author=actor,
        kind=kind,
        text=text.strip(),
        visibility=visibility or Visibility.COACH,
    )
    item.full_clean()
    with transaction.atomic(durable=True):
        item.save()
    return item


def item_change(
    *, actor: Membership, item: GroupItem, visibility: str, text: str | None = None
) -> GroupItem:
    """The author moves their item to another level (or rewrites it)."""
    policy.require(actor, "group.item.edit", item)
    item.visibility = visibility
    if text is not None:
        item.text = text.strip()
    item.updated_at = timezone.now()
    item.full_clean()
    with transaction.atomic(durable=True):
        item.save(update_fields=["visibility", "text", "updated_at"])
    return item


def comment_add(*, actor: Membership, item: GroupItem, text: str) -> GroupComment:
    """A member or coach of the group comments on an item shared with the group."""
    if item.visibility != Visibility.GROUP:
        raise ValidationError({"text": [NOT_SHARED]})
    policy.require(actor, "group.item.comment", item)
    comment = GroupComment(org_id=item.org_id, item=item, author=actor, text=text.strip())
    comment.full_clean()
    with transaction.atomic(durable=True):
        comment.save()
    return comment


def item_delete(*, actor: Membership, item: GroupItem) -> bool:
    """The author deletes their item. Its words go; if others commented on it, the item stays as a
    'deleted' mark so their comments are not lost with it. Audited without the words.
    True: the item is gone entirely; False: kept as a mark for others' comments."""
    policy.require(actor, "group.item.delete", item)
    with transaction.atomic(durable=True):
        keep = item.comments.exclude(author=actor).exists()
        if keep:
            item.text = ""
            item.deleted_at = timezone.now()
            item.updated_at = item.deleted_at
            item.save(update_fields=["text", "deleted_at", "updated_at"])
        audit_record(
            kind=AuditEvent.Kind.CONTENT_DELETED,
            actor=actor.user,
            org=actor.org,
            what="group item",
            item=str(item.uuid),
            group=str(item.engagement.uuid),
            kind_of_item=item.kind,
            comments_kept=keep,
        )
        if not keep:
            item.delete()
    return not keep


def comment_delete(*, actor: Membership, comment: GroupComment) -> None:
    """The author deletes their comment; the item and the other comments stay. Audited."""
    policy.require(actor, "group.comment.delete", comment)
    with transaction.atomic(durable=True):
        audit_record(
            kind=AuditEvent.Kind.CONTENT_DELETED,
            actor=actor.user,
            org=actor.org,
            what="group comment",
            comment=str(comment.uuid),
            item=str(comment.item.uuid),
            group=str(comment.item.engagement.uuid),
        )
        comment.delete()


# the goal's why is the author's own text from then on (they edit it on the goal's page): written
# in the language they read Trellis in when they make it
GOAL_WHY = _("Set in the group {topic}.")
GOAL_WHY_NO_TOPIC = _("Set in a group.")


def item_make_goal(*, actor: Membership, item: GroupItem) -> Goal:
    """The author makes their group goal a goal of their own plan, through the goals services
    (its GAS levels, SMART check and actions are the plan's): private to them, as any goal of
    theirs outside an engagement; the group item keeps its level and links to it."""
    policy.require(actor, "group.item.goal", item)
    title = item.text.strip().splitlines()[0][:200]
    topic = item.engagement.topic
    why = GOAL_WHY.format(topic=topic) if topic else str(GOAL_WHY_NO_TOPIC)
    with transaction.atomic(durable=True):
        goal = goal_services.goal_build(
            actor=actor,
            owner=actor,
            title=title,
            why=why,
            success_measure="",
            because="group",
        )
        item.goal = goal
        item.updated_at = timezone.now()
        item.save(update_fields=["goal", "updated_at"])
    return goal
