"""Pages: reviews of a plan (GAS scores, T-score) and one review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.goals import selectors, services
from trellis.goals.forms import (
    ReviewForm,
)
from trellis.goals.views.common import COACHEE_ONLY, _add_errors, _engagement, _member

REVIEW_SAVED = _("Review saved. T-score {score}.")
REVIEW_SAVED_UNSCORED = _("Review saved.")


@org_view("plan.mine")
def my_review(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    if not member.is_coachee:
        raise PermissionDenied(COACHEE_ONLY)
    return _review(request, member, member, None)


@org_view("org.view")
def engagement_review(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = _engagement(member, engagement_uuid, "plan.content.read")
    return _review(request, member, engagement.coachee, engagement)


def _review(
    request: HttpRequest, member: Membership, coachee: Membership, engagement: Engagement | None
) -> HttpResponse:
    today = services.local_today(coachee)
    goals = list(selectors.goals_to_review(coachee=coachee, engagement=engagement))
    actions = [a for g in goals for a in g.action_rows() if a.is_open]
    form = ReviewForm(
        request.POST or None,
        goals=goals,
        actions=actions,
        today=today,
        initial={"reviewed_on": today},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        goal_decisions, action_decisions, new_goals = form.decisions()
        try:
            review = services.review_record(
                actor=member,
                coachee=coachee,
                engagement=engagement,
                goals=goal_decisions,
                actions=action_decisions,
                new_goals=new_goals,
                reviewed_on=form.cleaned_data["reviewed_on"],
                note=form.cleaned_data["note"],
            )
        except services.EditConflict as exc:
            conflict = exc
        except ValidationError as exc:
            _add_errors(form, exc, form.field_for)
        else:
            score = f"{review.t_score:.1f}" if review.t_score is not None else None
            messages.success(
                request, REVIEW_SAVED.format(score=score) if score else REVIEW_SAVED_UNSCORED
            )
            return redirect("goals:review_detail", slug=member.org.slug, review_uuid=review.uuid)
    return render(
        request,
        "goals/review.html",
        {
            "form": form,
            "coachee": coachee,
            "engagement": engagement,
            "conflict": conflict,
            "reviews": selectors.reviews_of(coachee=coachee, engagement=engagement),
        },
        status=409 if conflict else 200,
    )


@org_view("org.view")
def review_detail(request: HttpRequest, review_uuid: str) -> HttpResponse:
    member = _member(request)
    review = selectors.review_get(member=member, uuid=review_uuid)
    if review is None:
        raise Http404
    policy.require(member, "review.read", review)
    return render(
        request,
        "goals/review_detail.html",
        {
            "review": review,
            "revisions": list(review.revisions.select_related("actor__user", "goal", "action")),
        },
    )


# export
