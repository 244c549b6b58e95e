from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from trellis.accounts import selectors as account_selectors
from trellis.accounts.door import org_view
from trellis.engagements import selectors as engagement_selectors
from trellis.web import selectors


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
    """Each role's first engagements and how many there are, in a constant number of queries."""
    member = request.member  # type: ignore[attr-defined]
    engagements = engagement_selectors.engagements_visible_to(member=member)
    counts = engagements.aggregate(
        total=Count("id"),
        coaching=Count("id", filter=Q(coach=member)),
        coached=Count("id", filter=Q(coachee=member)),
        sponsoring=Count("id", filter=Q(sponsor=member)),
    )
    context = {
        "member": member,
        "counts": counts,
        "rows_shown": HOME_ROWS,
        "coaching": list(engagements.filter(coach=member)[:HOME_ROWS]) if member.is_coach else [],
        "coached": list(engagements.filter(coachee=member)[:HOME_ROWS])
        if member.is_coachee
        else [],
        "sponsoring": list(engagements.filter(sponsor=member)[:HOME_ROWS])
        if member.is_sponsor
        else [],
    }
    if member.is_admin:
        context.update(
            role_counts=account_selectors.role_counts(org=member.org),
            pending_invitations=list(account_selectors.invitations_pending(org=member.org)[:10]),
            recent_events=list(account_selectors.audit_events(org=member.org, limit=8)),
            engagement_count=counts["total"],
        )
    return render(request, "web/org_home.html", context)


def healthz(request: HttpRequest) -> HttpResponse:
    """For the proxy and the monitor: no sign-in, no data, only whether each part works."""
    status = selectors.health()
    body = {"status": "ok" if status.ok else "failing", "checks": status.checks}
    response = JsonResponse(body, status=200 if status.ok else 503)
    response["Cache-Control"] = "no-store"
    return response
