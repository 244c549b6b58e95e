"""Pages: My plan, an engagement's plan (sponsors: shared summaries), the coach's list, CSV export."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from trellis.accounts import policy
from trellis.accounts import services as account_services
from trellis.accounts.door import org_view
from trellis.accounts.models import AuditEvent, Membership
from trellis.core.charts import line_chart
from trellis.core.spreadsheet import csv_bytes
from trellis.engagements.models import Engagement
from trellis.goals import selectors, services
from trellis.goals.forms import (
    CheckInForm,
    FeedbackForm,
    PlansFilterForm,
)
from trellis.goals.views.common import (
    COACHEE_ONLY,
    _engagement,
    _member,
)


def _charts(plan: selectors.Plan) -> dict[str, str]:
    charts = {}
    if plan.progress_points:
        charts["progress"] = line_chart(
            plan.progress_points, title=_("Progress of the plan"), y_min=0, y_max=100, unit="%"
        )
    if plan.trend:
        charts["t_score"] = line_chart(
            [(p.on, p.t_score) for p in plan.trend],
            title=_("GAS T-score at each review"),
            y_min=20,
            y_max=80,
            decimals=1,
            reference=50,
            reference_label=_("50: as expected"),
        )
    return charts


def _plan_context(member: Membership, engagement: Engagement | None) -> dict[str, Any]:
    """My plan (engagement None) or an engagement's plan, as the member may see it."""
    today = services.local_today(member)
    if engagement is None:
        plan = (
            selectors.plan_build(coachee=member, today=today, whole=True)
            if member.is_coachee
            else None
        )
        summary_only = False
    else:
        summary_only = not policy.allows(member, "plan.content.read", engagement)
        plan = (
            selectors.sponsor_plan(engagement=engagement, today=today)
            if summary_only
            else selectors.plan_build(
                coachee=engagement.coachee, engagement=engagement, today=today
            )
        )
    check_in_ok = set()
    if plan is not None:
        for line in plan.actions:
            if policy.allows(member, "action.check_in", line.action):
                check_in_ok.add(line.action.uuid)
    return {
        "plan": plan,
        "engagement": engagement,
        "mine": engagement is None,
        "summary_only": summary_only,
        "charts": _charts(plan) if plan and not summary_only else {},
        "check_in_ok": check_in_ok,
        "check_in_form": CheckInForm(),
        "partnered": selectors.partner_actions(member=member) if engagement is None else [],
        "feedback_form": FeedbackForm(),
        "can_review": engagement is not None and not summary_only,
        "stalled_after_days": settings.STALLED_AFTER_DAYS,
    }


@org_view("plan.mine")
def my_plan(request: HttpRequest) -> HttpResponse:
    return render(request, "goals/plan.html", _plan_context(_member(request), None))


@org_view("org.view")
def engagement_plan(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = _engagement(member, engagement_uuid, "plan.view")
    return render(request, "goals/plan.html", _plan_context(member, engagement))


@org_view("plans.list")
def plans(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = PlansFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.plans_for(
        member=member,
        today=services.local_today(member),
        pages={
            "coaching": request.GET.get("page"),
            "sponsoring": request.GET.get("spage"),
            "counts": request.GET.get("apage"),
        },
        status=filters.get("status", ""),
        attention=filters.get("attention", ""),
    )
    return render(
        request, "goals/plans.html", {"page": page, "member": member, "filter_form": form}
    )


@org_view("plan.mine")
def my_plan_csv(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    if not member.is_coachee:
        raise PermissionDenied(COACHEE_ONLY)
    plan = selectors.plan_build(coachee=member, today=services.local_today(member), whole=True)
    return _csv(member, plan, f"{member.org.slug}-my-plan.csv")


@org_view("org.view")
def engagement_plan_csv(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = _engagement(member, engagement_uuid, "plan.content.read")
    plan = selectors.plan_build(
        coachee=engagement.coachee, engagement=engagement, today=services.local_today(member)
    )
    return _csv(member, plan, f"{member.org.slug}-plan-{engagement.uuid}.csv")


CSV_COLUMNS = [
    "kind", "goal", "action", "owner", "status", "due_date", "due_state", "slipped_days",
    "progress_percent", "commitment", "weight", "gas_last_score", "last_check_in",
]  # fmt: skip


def _csv(member: Membership, plan: selectors.Plan, filename: str) -> HttpResponse:
    rows: list[list[Any]] = [CSV_COLUMNS]
    rows += ([row[c] for c in CSV_COLUMNS] for row in selectors.plan_rows(plan))
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    account_services.audit_record(
        kind=AuditEvent.Kind.EXPORT, actor=member.user, org=member.org, what=filename
    )
    return response
