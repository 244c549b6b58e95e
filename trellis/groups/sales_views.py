"""Sales coaching pages: one's deals (a seller adds one in their coaching engagement), a deal
(its seller and coach update it; a sales manager it is shared with reads it) with its history,
sharing, and the pipeline as aggregates only, whole or for one manager's sellers."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.accounts.paging import page_of
from trellis.core.outcomes import fewer_than
from trellis.engagements.models import Engagement
from trellis.groups import sales_selectors, sales_services
from trellis.groups.forms import DealForm, PipelineFilterForm, ShareForm
from trellis.groups.models import Deal

NO_MANAGER = _("No one in this organization signs in with {email}.")


def _deal(request: HttpRequest, uuid: Any, action: str) -> tuple[Membership, Deal]:
    member = request.member  # type: ignore[attr-defined]
    deal = sales_selectors.deal_get(member=member, uuid=str(uuid))
    if deal is None:
        raise Http404
    policy.require(member, action, deal)
    return member, deal


def _my_engagements(member: Membership) -> list[Engagement]:
    found = Engagement.objects.filter(
        org=member.org, coachee=member, kind=Engagement.Kind.ONE_TO_ONE
    ).order_by("-started_on")[:20]
    return [e for e in found if policy.allows(member, "deal.create", e)]


@org_view("deal.list")
def deal_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagements = _my_engagements(member)
    form = DealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        chosen = [e for e in engagements if str(e.uuid) == request.POST.get("engagement")]
        if not chosen:
            raise Http404
        if form.is_valid():
            try:
                deal = sales_services.deal_create(
                    actor=member, engagement=chosen[0], **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, gettext("Deal added: %(name)s") % {"name": deal.name})
                return redirect("groups:deal", slug=member.org.slug, deal=deal.uuid)
        status = 400
    page = page_of(request, sales_selectors.deals_for(member=member))
    context = {
        "page": page,
        "form": form,
        "engagements": engagements,
        "pipeline": policy.allows(member, "pipeline.view"),
    }
    return render(request, "groups/deals.html", context, status=status)


@org_view("deal.list")
def deal_detail(request: HttpRequest, deal: Any) -> HttpResponse:
    member, found = _deal(request, deal, "deal.read")
    may_edit = policy.allows(member, "deal.edit", found)
    initial = {k: getattr(found, k) for k in sales_services.FIELDS}
    form = DealForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        policy.require(member, "deal.edit", found)
        if form.is_valid():
            sales_services.deal_update(actor=member, deal=found, **form.cleaned_data)
            messages.success(request, gettext("Deal updated."))
            return redirect(request.path)
        status = 400
    context = {
        "deal": found,
        "history": page_of(request, sales_selectors.deal_history(deal=found)),
        "form": form,
        "may_edit": may_edit,
        "may_share": policy.allows(member, "deal.share", found),
        "share_form": ShareForm(),
    }
    return render(request, "groups/deal.html", context, status=status)


@require_POST
@org_view("deal.list")
def deal_share(request: HttpRequest, deal: Any) -> HttpResponse:
    member, found = _deal(request, deal, "deal.share")
    form = ShareForm(request.POST)
    manager = None
    if form.is_valid() and form.cleaned_data["shared_with"]:
        email = form.cleaned_data["shared_with"]
        manager = Membership.objects.filter(
            org=member.org, user__email__iexact=email, is_active=True
        ).first()
        if manager is None:
            messages.error(request, NO_MANAGER.format(email=email))
            return redirect("groups:deal", slug=member.org.slug, deal=found.uuid)
    try:
        sales_services.deal_share(actor=member, deal=found, manager=manager)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, gettext("Shared.") if manager else gettext("No longer shared."))
    return redirect("groups:deal", slug=member.org.slug, deal=found.uuid)


@org_view("pipeline.view")
def pipeline(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    managers = sales_selectors.pipeline_managers(member=member)
    form = PipelineFilterForm(request.GET or None, managers=managers)
    if form.is_bound and not form.is_valid():
        refused: dict[str, Any] = {"form": form, "board": None}
        return render(request, "groups/pipeline.html", refused, status=400)
    chosen = form.chosen() if form.is_bound else None
    board = sales_selectors.pipeline(member=member, manager=chosen)
    context = {
        "form": form,
        "board": board,
        "manager": chosen,
        "withheld": fewer_than(board.threshold),
    }
    return render(request, "groups/pipeline.html", context)
