from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from trellis.accounts import policy
from trellis.accounts import selectors as account_selectors
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.core.charts import line_chart
from trellis.scheduling import selectors as scheduling_selectors
from trellis.web import selectors
from trellis.web.selectors import home as home_selectors
from trellis.web.services import home as home_services


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    return render(request, "web/landing.html")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(account_selectors.memberships_of(user=request.user))  # type: ignore[arg-type]
    if len(memberships) == 1:
        return redirect("web:org_home", slug=memberships[0].org.slug)
    return render(request, "web/home.html", {"memberships": memberships})


HOME_ROWS = 10


@org_view("org.view")
def org_home(request: HttpRequest) -> HttpResponse:
    """Each role's home in one page: the coach's day, the coachee's next step, the sponsor's
    attendance and shared summaries, the admin's counts (trellis/web/selectors/home/ decides
    what each may see); a constant number of queries."""
    member = request.member  # type: ignore[attr-defined]
    now = timezone.now()
    since = home_services.home_visit_record(member=member, now=now)
    context: dict[str, object] = {
        "member": member,
        "rows_shown": home_selectors.ROWS,
        "dashboard_url": _outcomes_url(member, "outcomes:dashboard", "outcomes.dashboard"),
        "my_report_url": _outcomes_url(member, "outcomes:my_report", "outcomes.report.mine"),
    }
    if member.is_coach:
        context["coach"] = home_selectors.coach_home(member=member, now=now, since=since)
    if member.is_coachee:
        coachee = home_selectors.coachee_home(member=member, now=now)
        context["coachee"] = coachee
        context["coachee_charts"] = _coachee_charts(coachee.plan)
    if member.is_sponsor:
        context["sponsor"] = home_selectors.sponsor_home(member=member, now=now)
    if member.is_admin:
        context.update(
            # counted at most once a minute; ?recount counts again (the page says when)
            admin=home_selectors.admin_home(member=member, now=now, fresh="recount" in request.GET),
            pending_invitations=list(account_selectors.invitations_pending(org=member.org)[:10]),
            recent_events=list(account_selectors.audit_events(org=member.org, limit=8)),
        )
    # times on the home are on the person's own clock
    with timezone.override(ZoneInfo(scheduling_selectors.viewer_zone(member))):
        return render(request, "web/org_home.html", context)


def _outcomes_url(member: Membership, name: str, action: str) -> str:
    """An outcomes page's address (dashboard, own report), when the app is installed and the
    policy lets this member open it."""
    if not policy.allows(member, action):
        return ""
    try:
        return reverse(name, args=[member.org.slug])
    except NoReverseMatch:
        return ""


def _coachee_charts(plan: object) -> dict[str, str]:
    charts = {}
    trend = plan.trend  # type: ignore[attr-defined]
    if len(trend) >= 2:
        charts["t_score"] = line_chart(
            [(p.on, p.t_score) for p in trend],
            title=gettext("Your goal attainment (GAS T-score) at each review"),
            y_min=20,
            y_max=80,
            decimals=1,
            reference=50,
            reference_label=gettext("50: as expected"),
            width=480,
            height=200,
        )
    points = plan.progress_points  # type: ignore[attr-defined]
    if len(points) >= 2:
        charts["progress"] = line_chart(
            points,
            title=gettext("Progress of your plan"),
            y_min=0,
            y_max=100,
            unit="%",
            width=480,
            height=200,
        )
    return charts


def healthz(request: HttpRequest) -> HttpResponse:
    """For the proxy and the monitor: no sign-in, no data, only whether each part works."""
    status = selectors.health()
    body = {"status": "ok" if status.ok else "failing", "checks": status.checks}
    response = JsonResponse(body, status=200 if status.ok else 503)
    response["Cache-Control"] = "no-store"
    return response
