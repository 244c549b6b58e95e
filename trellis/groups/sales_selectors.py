"""Reads for sales coaching: the deals a member may read (their own as seller, their coachees'
as coach, the ones shared with them as sales manager) and the pipeline as aggregates only: deals
and value by stage, every number about fewer than THRESHOLD sellers withheld."""

from django.db.models import Count, Q, QuerySet, Sum

from trellis.accounts.models import Membership
from trellis.core.outcomes import POPULATION, Dashboard, Fact, Metric, dashboard
from trellis.groups.models import Deal

THRESHOLD = 5  # sellers, as for every aggregate (docs/confidentiality.md)
STAGES = tuple((s.value, str(s.label)) for s in Deal.Stage)
COUNT = Metric("deals", "Deals by stage", "partition", STAGES)
VALUE = Metric("value", "Value by stage", "partition", STAGES)


def deals_for(*, member: Membership) -> QuerySet[Deal]:
    return (
        Deal.objects.filter(org=member.org)
        .filter(Q(seller=member) | Q(coach=member) | Q(shared_with=member))
        .select_related("seller__user", "coach__user", "shared_with__user")
    )


def deal_get(*, member: Membership, uuid: str) -> Deal | None:
    return (
        Deal.objects.filter(org=member.org, uuid=uuid)
        .select_related("seller__user", "coach__user", "shared_with__user")
        .first()
    )


def pipeline_deals(*, member: Membership) -> QuerySet[Deal]:
    """The deals a pipeline counts for this member: the organization's (admins, sponsors), or
    those of the coach's own coachees."""
    deals = Deal.objects.filter(org=member.org)
    if not member.is_admin and not member.has_role("sponsor"):
        deals = deals.filter(coach=member)
    return deals


def pipeline(*, member: Membership) -> Dashboard:
    """The organization's pipeline (a coach: their coachees' deals) as counts and values by stage.
    One query; a seller is the unit of anonymity."""
    rows = (
        pipeline_deals(member=member)
        .values("seller_id", "stage")
        .annotate(n=Count("id"), v=Sum("value"))
    )
    facts: list[Fact] = []
    for r in rows:
        facts.append(Fact(r["seller_id"], COUNT.key, r["stage"], float(r["n"])))
        facts.append(Fact(r["seller_id"], VALUE.key, r["stage"], float(r["v"] or 0)))
    facts += [Fact(p, POPULATION, "all") for p in {f.person for f in facts}]
    return dashboard(facts, [COUNT, VALUE], k=THRESHOLD)
