"""Reads for group coaching: the group engagements a member sees, the items each reader may read
(the level decides, in the query and again at the door), counts at the threshold for admins and
coaches, and the coaches' time across the group's sessions and their 1:1 sessions with members."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum

from trellis.accounts.models import Membership
from trellis.core.outcomes import POPULATION, Dashboard, Fact, Metric, dashboard
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.groups.models import GroupComment, GroupItem, Visibility
from trellis.scheduling.models import MemberAttendance, Outcome, ScheduledSession

THRESHOLD = 5  # people, as for every aggregate (docs/confidentiality.md)
ITEMS = Metric(
    "items",
    "Items written, by kind (private items are not counted)",
    "partition",
    tuple((k.value, str(k.label)) for k in GroupItem.Kind),
)


def group_engagements_for(*, member: Membership) -> QuerySet[Engagement]:
    """Group engagements the member is in (all of the organization's for an admin)."""
    found = Engagement.objects.filter(org=member.org, kind=Engagement.Kind.GROUP)
    if not member.is_admin:
        found = found.filter(
            participants__member=member,
            participants__left_at=None,
            participants__acceptance=EngagementParticipant.Acceptance.ACCEPTED,
        ).distinct()
    return found.select_related("coach__user").order_by("-started_on", "-id")


def group_get(*, member: Membership, uuid: str) -> Engagement | None:
    return (
        Engagement.objects.filter(org=member.org, kind=Engagement.Kind.GROUP, uuid=uuid)
        .select_related("org", "coach__user")
        .prefetch_related("participants")
        .first()
    )


def people_of(engagement: Engagement, role: str) -> list[Membership]:
    ids = [
        p.member_id
        for p in engagement.participant_list()
        if p.is_current and p.grants and p.relation == role
    ]
    return list(Membership.objects.filter(pk__in=ids).select_related("user").order_by("pk"))


def items_for(*, member: Membership, engagement: Engagement) -> QuerySet[GroupItem]:
    """The items of the group this member may read: their own at every level, the group-shared
    ones, and (coaches) the coach-shared ones. Comments come along, oldest first."""
    relations = engagement.participant_relations(member)
    shown = Q(author=member)
    if relations & {"coach", "member"}:
        shown |= Q(visibility=Visibility.GROUP)
    if "coach" in relations:
        shown |= Q(visibility=Visibility.COACH)
    comments = GroupComment.objects.select_related("author__user")
    return (
        GroupItem.objects.filter(engagement=engagement)
        .filter(shown)
        .select_related("author__user", "goal")
        .prefetch_related(Prefetch("comments", queryset=comments))
    )


def item_get(*, engagement: Engagement, uuid: str) -> GroupItem | None:
    item = GroupItem.objects.filter(engagement=engagement, uuid=uuid).first()
    if item is not None:
        item.engagement = engagement  # the prefetched participants answer the policy
    return item


def comment_get(*, item: GroupItem, uuid: str) -> GroupComment | None:
    comment = GroupComment.objects.filter(item=item, uuid=uuid).first()
    if comment is not None:
        comment.item = item
    return comment


def aggregates(*, engagement: Engagement) -> Dashboard:
    """How many items of each kind the group wrote (every level but private; deleted ones not),
    by how many people; any number about fewer than THRESHOLD people is withheld
    (trellis/core/outcomes.py)."""
    rows = (
        GroupItem.objects.filter(engagement=engagement, deleted_at=None)
        .exclude(visibility=Visibility.PRIVATE)
        .values("author_id", "kind")
        .annotate(n=Count("id"))
    )
    facts = [Fact(r["author_id"], ITEMS.key, r["kind"], float(r["n"])) for r in rows]
    people = {f.person for f in facts}
    facts += [Fact(p, POPULATION, "all") for p in people]
    return dashboard(facts, [ITEMS], k=THRESHOLD)


@dataclass(frozen=True)
class CoachTime:
    coach: Membership
    group: timedelta  # the group's own sessions held: at least one member attended
    one_to_one: timedelta  # 1:1 sessions with the group's members, held
    missed: timedelta = timedelta(0)  # kept, but nobody came (no-shows, late cancellations)
    to_come: timedelta = timedelta(0)  # scheduled, not yet held or not yet logged

    @property
    def total(self) -> timedelta:
        return self.group + self.one_to_one


def _bucket(outcome: str, marked: bool, present: bool) -> str:
    """Where a session's length goes in the coach's time. A group session the coach marked member
    by member is held when one member attended (once, whoever was absent) and missed when every
    member was a no-show or cancelled late; otherwise the session's own outcome decides. The
    coach's own no-show (or a cancellation recorded afterwards) is none of the coach's time."""
    if marked:
        return "held" if present else "missed"
    if outcome == Outcome.HELD:
        return "held"
    if outcome in (Outcome.NO_SHOW_COACHEE, Outcome.LATE_CANCELLATION):
        return "missed"
    return "to_come" if not outcome else ""


def coach_time(*, engagement: Engagement, until: datetime | None = None) -> list[CoachTime]:
    """Each coach's time for the group, from attendance: its group sessions (read from each
    member's mark) and their 1:1 sessions with its members; held, missed and still to come. Two
    queries."""
    coaches = people_of(engagement, "coach")
    members = [m.pk for m in people_of(engagement, "coachee")]
    live = ScheduledSession.objects.exclude(status=ScheduledSession.Status.CANCELLED)
    if until is not None:
        live = live.filter(start__lt=until)
    length = Sum(F("end") - F("start"))
    marks = MemberAttendance.objects.filter(occurrence=OuterRef("pk"))
    group = (
        live.filter(series__engagement=engagement)
        .annotate(
            marked=Exists(marks), present=Exists(marks.filter(mark=MemberAttendance.Mark.HELD))
        )
        .values_list("coach_id", "outcome", "marked", "present")
        .annotate(t=length)
    )
    one = (
        live.filter(
            series__engagement__kind=Engagement.Kind.ONE_TO_ONE,
            coach__in=[c.pk for c in coaches],
            coachee__in=members,
        )
        .values_list("coach_id", "outcome")
        .annotate(t=length)
    )
    zero = timedelta(0)
    time: dict[tuple[int, str], timedelta] = defaultdict(timedelta)
    for coach_id, outcome, marked, present, t in group:
        bucket = _bucket(outcome, marked, present)
        time[coach_id, "group" if bucket == "held" else bucket] += t or zero
    for coach_id, outcome, t in one:
        bucket = _bucket(outcome, False, False)
        time[coach_id, "one" if bucket == "held" else bucket] += t or zero
    return [
        CoachTime(
            c,
            group=time[c.pk, "group"],
            one_to_one=time[c.pk, "one"],
            missed=time[c.pk, "missed"],
            to_come=time[c.pk, "to_come"],
        )
        for c in coaches
    ]


@dataclass(frozen=True)
class GroupActivity:
    engagement: Engagement
    new_items: int  # items by others this member may read, written since
    new_comments: int  # comments by others on items this member may read, since


def activity_since(*, member: Membership, since: datetime | None) -> list[GroupActivity]:
    """For the home digest: what happened in each group the member is in since their previous
    digest (all of it before a first one), counted only over what the levels let them read.
    Three queries, whatever the number of groups."""
    groups = list(
        Engagement.objects.filter(
            kind=Engagement.Kind.GROUP,
            status__in=(Engagement.Status.ACTIVE, Engagement.Status.PAUSED),
            participants__member=member,
            participants__left_at=None,
            participants__acceptance=EngagementParticipant.Acceptance.ACCEPTED,
        )
        .distinct()
        .prefetch_related("participants")
    )
    if not groups:
        return []
    readable = Q()
    for group in groups:
        relations = group.participant_relations(member)
        levels = [Visibility.GROUP] if relations & {"coach", "member"} else []
        if "coach" in relations:
            levels.append(Visibility.COACH)
        readable |= Q(engagement=group, visibility__in=levels)
    items = GroupItem.objects.filter(readable, deleted_at=None).exclude(author=member)
    comments = GroupComment.objects.filter(
        item__in=GroupItem.objects.filter(readable | Q(author=member))
    ).exclude(author=member)
    if since is not None:
        items = items.filter(created_at__gt=since)
        comments = comments.filter(created_at__gt=since)
    item_counts = dict(items.values_list("engagement").annotate(n=Count("id")))
    comment_counts = dict(comments.values_list("item__engagement").annotate(n=Count("id")))
    found = [
        GroupActivity(g, item_counts.get(g.pk, 0), comment_counts.get(g.pk, 0)) for g in groups
    ]
    return [a for a in found if a.new_items or a.new_comments]
