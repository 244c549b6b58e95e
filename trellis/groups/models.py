"""Group coaching and sales coaching.

A group engagement (Engagement kind=group) is a cohort from different teams. Everything a member
writes in it is a `GroupItem` (a goal, an action, a reflection or a check-in) with one of four
visibility levels; the default is shared with the coach, so a member's writing is never the
group's unless they say so. Members comment on items shared with the group (`GroupComment`).

A `Deal` is a seller's opportunity, worked on with their coach, private to the two of them unless
the seller shares it with one named sales manager. Access: accounts.policy, `group.*`, `deal.*`.
"""

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Organization
from trellis.engagements.models import Engagement


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private to me")
    COACH = "coach", _("Shared with the coach")
    GROUP = "group", _("Shared with the group")
    AGGREGATE = "aggregate", _("Counted in aggregates only")


# Who besides the author reads an item at each level (the author always does).
READERS: dict[str, frozenset[str]] = {
    Visibility.PRIVATE: frozenset(),
    Visibility.COACH: frozenset({"coach"}),
    Visibility.GROUP: frozenset({"coach", "member"}),
    Visibility.AGGREGATE: frozenset(),
}


class GroupItem(models.Model):
    """One thing a member wrote in a group engagement, at the visibility they chose."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("Goal")
        ACTION = "action", _("Action")
        REFLECTION = "reflection", _("Reflection")
        CHECK_IN = "check_in", _("Check-in")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="group_items")
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(max_length=2000)
    visibility = models.CharField(
        max_length=9, choices=Visibility.choices, default=Visibility.COACH
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    goal = models.OneToOneField(
        "goals.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_item",
        help_text="The goal in its author's own plan this group goal became (GAS levels, SMART "
        "check, actions), if they made it one. The plan's rules govern who reads it.",
    )
    deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Its author deleted it while others' comments were on it: its words are gone, "
        "the comments stay under a 'deleted' mark.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["engagement", "visibility"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author_id}"

    @property
    def access_engagement(self) -> Engagement:
        return self.engagement

    def relations_of(self, member: Membership) -> set[str]:
        return {"author"} if self.author_id == member.pk else set()


class GroupComment(models.Model):
    """A group member's (or coach's) comment on an item shared with the group."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(GroupItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author_id}"

    @property
    def access_engagement(self) -> Engagement:
        return self.item.engagement

    def relations_of(self, member: Membership) -> set[str]:
        return {"author"} if self.author_id == member.pk else set()


class Deal(models.Model):
    """A seller's opportunity, reviewed with their coach: private to the two of them unless the
    seller shares it with a named sales manager."""

    class Stage(models.TextChoices):
        QUALIFY = "qualify", _("Qualify")
        DISCOVER = "discover", _("Discover")
        PROPOSE = "propose", _("Propose")
        NEGOTIATE = "negotiate", _("Negotiate")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
        help_text="The sales-coaching engagement it is reviewed in.",
    )
    seller = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_with = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The sales manager the seller shares it with, if any.",
    )
    name = models.CharField(max_length=200)
    stage = models.CharField(max_length=9, choices=Stage.choices, default=Stage.QUALIFY)
    value = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    close_on = models.DateField(null=True, blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["close_on", "id"]

    def __str__(self) -> str:
        return self.name

    def relations_of(self, member: Membership) -> set[str]:
        found = set()
        if self.seller_id == member.pk:
            found.add("seller")
        if self.coach_id == member.pk:
            found.add("deal_coach")
        if self.shared_with_id == member.pk:
            found.add("sales_manager")
        return found


class DealChange(models.Model):
    """One change of a deal's stage, value or close date: who made it, when, from what to what.
    Written by the sales services in the same transaction as the change; never edited."""

    class Field(models.TextChoices):
        STAGE = "stage", _("Stage")
        VALUE = "value", _("Value")
        CLOSE_ON = "close_on", _("Close date")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    field = models.CharField(max_length=8, choices=Field.choices)
    before = models.CharField(max_length=40, blank=True, help_text="Empty: the deal was opened")
    after = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["deal", "at"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.before} -> {self.after}"

    def shown(self, value: str) -> str:
        """A stored value as a person reads it (a stage's label, an empty date as '-')."""
        if self.field == self.Field.STAGE and value in Deal.Stage.values:
            return str(Deal.Stage(value).label)
        return value or "-"

    @property
    def before_shown(self) -> str:
        return self.shown(self.before)

    @property
    def after_shown(self) -> str:
        return self.shown(self.after)
