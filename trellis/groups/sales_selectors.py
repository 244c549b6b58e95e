"""Reads for sales coaching: the deals a member may read (their own as seller, their coachees'
as coach, the ones shared with them as sales manager) and the pipeline as aggregates only: deals
and value by stage, every number about fewer than THRESHOLD sellers withheld, over the whole
pipeline or one manager's sellers; a deal's history."""

from django.db.models import Count, Q, QuerySet, Sum

from trellis.accounts.models import Membership
from trellis.core.outcomes import POPULATION, Dashboard, Fact, Filter, Metric, dashboard
from trellis.groups.models import Deal, DealChange

THRESHOLD = 5  # sellers, as for every aggregate (docs/confidentiality.md)
STAGES = tuple((s.value, str(s.label)) for s in Deal.Stage)
COUNT = Metric("deals", "Deals by stage", "partition", STAGES)
VALUE = Metric("value", "Value by stage", "partition", STAGES)
# The manager filter rides on the outcomes' `attribute` dimension, so the same suppression rules
# (complements across the whole pipeline and the other managers' sellers) cover it.
MANAGER = "manager"


def deal_history(*, deal: Deal) -> QuerySet[DealChange]:
    """Every recorded change of the deal's stage, value or close date, newest first."""
    return DealChange.objects.filter(deal=deal).select_related("by__user")


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


def pipeline_managers(*, member: Membership) -> list[Membership]:
    """The managers (Membership.manager) of the sellers this member's pipeline counts: the
    choices of its filter. One query."""
    ids = pipeline_deals(member=member).exclude(seller__manager=None).values("seller__manager")
    return list(
        Membership.objects.filter(pk__in=ids).select_related("user").order_by("user__name", "pk")
    )


def pipeline(*, member: Membership, manager: Membership | None = None) -> Dashboard:
    """The organization's pipeline (a coach: their coachees' deals) as counts and values by stage,
    or only the deals of one manager's sellers. One query; a seller is the unit of anonymity, and
    a manager's view is also withheld where it differs from the whole, or from the other
    managers', by fewer than THRESHOLD sellers."""
    rows = (
        pipeline_deals(member=member)
        .values("seller_id", "seller__manager__uuid", "stage")
        .annotate(n=Count("id"), v=Sum("value"))
    )
    facts: list[Fact] = []
    managed: dict[int, frozenset[tuple[str, str]]] = {}
    for r in rows:
        boss = r["seller__manager__uuid"]
        on = frozenset({(MANAGER, str(boss))}) if boss else frozenset()
        managed[r["seller_id"]] = on
        facts.append(Fact(r["seller_id"], COUNT.key, r["stage"], float(r["n"]), attributes=on))
        facts.append(Fact(r["seller_id"], VALUE.key, r["stage"], float(r["v"] or 0), attributes=on))
    facts += [Fact(p, POPULATION, "all", attributes=on) for p, on in managed.items()]
    view = Filter(attribute=(MANAGER, str(manager.uuid))) if manager is not None else Filter()
    return dashboard(facts, [COUNT, VALUE], view, k=THRESHOLD)
