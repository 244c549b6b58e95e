from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trellis.accounts import policy
from trellis.engagements import selectors, services
from trellis.engagements.forms import EngagementForm
from trellis.web.door import org_view


@org_view("engagement.list")
def engagement_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagements = selectors.engagements_visible_to(member=member)
    can_create = policy.allows(member, "engagement.create")
    return render(
        request, "engagements/list.html", {"engagements": engagements, "can_create": can_create}
    )


@org_view("engagement.create")
def engagement_new(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    coaches = selectors.members_with_role(member=member, role="coach")
    if not member.is_admin:
        coaches = coaches.filter(pk=member.pk)
    form = EngagementForm(
        request.POST or None,
        initial={"coach": member.uuid if member.is_coach else None},
        coaches=coaches,
        coachees=selectors.members_with_role(member=member, role="coachee"),
        sponsors=selectors.members_with_role(member=member, role="sponsor"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_create(actor=member, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Engagement opened.")
            return redirect(
                "engagements:detail", slug=member.org.slug, engagement_uuid=engagement.uuid
            )
    return render(request, "engagements/new.html", {"form": form})


@org_view("engagement.list")
def engagement_detail(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, "engagement.view", engagement)
    return render(
        request,
        "engagements/detail.html",
        {
            "engagement": engagement,
            "sees_content": policy.allows(member, "engagement.content.read", engagement),
        },
    )
