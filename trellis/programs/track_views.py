"""A track's offer of the language insight (a template's `language_insight = true`, such as
executive career coaching): only the enrolled person's own yes turns it on, as the insight's
consent model requires (trellis/insights), and sharing its weekly trend is a second, separate yes
naming their coach. Either is switched off in their insight settings at any time."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.insights import selectors as insights
from trellis.insights.services import preference_update
from trellis.programs.doors import own_enrolment
from trellis.programs.models import Enrolment, Program

NOT_OFFERED = "This program does not offer the language insight."
TURNED_ON = "Language insight is on: words where you give your power away or take it back are highlighted gently where you write."
SHARED = " {coach} sees your weekly trend, never your words."


def insight_offer(*, program: Program, enrolment: Enrolment | None) -> str:
    """What the enrolled person's program page shows about the insight: "offer" (the track
    offers it and it is off), "on", or "" (not offered, not enrolled, or the organization has it
    switched off)."""
    if enrolment is None or not program.template.language_insight:
        return ""
    member = enrolment.member
    if not member.is_coachee or not member.org.language_insight_enabled:
        return ""
    return "on" if insights.preference_of(member=member).language_insight else "offer"


def _coach(enrolment: Enrolment) -> Membership | None:
    engagement = enrolment.engagement
    if engagement is None or engagement.status not in (
        Engagement.Status.ACTIVE,
        Engagement.Status.PAUSED,
    ):
        return None
    return engagement.coach


@require_POST
@org_view("program.list")
def language_insight(request: HttpRequest, program: str) -> HttpResponse:
    """The enrolled person says yes to the track's language insight (and, if they tick it,
    shares the trend with their coach)."""
    member = request.member  # type: ignore[attr-defined]
    found, enrolment = own_enrolment(member, program, choosing=False)
    back = redirect("programs:detail", slug=member.org.slug, program=found.slug)
    if insight_offer(program=found, enrolment=enrolment) == "":
        messages.error(request, NOT_OFFERED)
        return back
    coach = _coach(enrolment) if request.POST.get("share") else None
    try:
        preference_update(actor=member, language_insight=True, trend_shared_with=coach)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return back
    shared = SHARED.format(coach=coach.user.display_name) if coach else ""
    messages.success(request, TURNED_ON + shared)
    return back
