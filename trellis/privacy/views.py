"""Your data (export, erasure) for everyone signed in; erasure confirmations and retention for admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import selectors as account_selectors
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.privacy import offboarding, selectors, services
from trellis.privacy.forms import DeactivateForm, ErasureForm, RetentionForm


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    user = request.user
    pending = selectors.erasure_pending_of(user=user)  # type: ignore[arg-type]
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            done = services.erasure_request(user=user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if done.status == done.Status.DONE:
                return render(request, "privacy/erased.html", status=200)
            messages.success(request, gettext("Your request is with your organizations' admins."))
            return redirect("privacy:my_data")
    return render(
        request,
        "privacy/my_data.html",
        {
            "form": form,
            "pending": pending,
            "waiting_on": services.waiting_on(pending) if pending else [],
            "confirmers": services.orgs_to_confirm(user=user),  # type: ignore[arg-type]
        },
    )


@login_required
def my_data_export(request: HttpRequest) -> HttpResponse:
    archive = services.export_archive(user=request.user, ip_address=_ip(request))  # type: ignore[arg-type]
    response = HttpResponse(archive, content_type="application/zip")
    name = f"trellis-my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@login_required
def my_data_cancel(request: HttpRequest) -> HttpResponse:
    pending = selectors.erasure_pending_of(user=request.user)  # type: ignore[arg-type]
    if pending is not None:
        services.erasure_cancel(request=pending)
        messages.success(request, gettext("Your erasure request is cancelled."))
    return redirect("privacy:my_data")


@org_view("people.list")
def erasures(request: HttpRequest) -> HttpResponse:
    org = request.org  # type: ignore[attr-defined]
    rows = [
        (r, org.pk in {c.org_id for c in r.confirmations.all()})
        for r in selectors.erasures_pending_in(org=org).prefetch_related("confirmations")
    ]
    return render(request, "privacy/erasures.html", {"rows": rows})


@require_POST
@org_view("people.list")
def erasure_confirm(request: HttpRequest, request_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = selectors.erasure_in(org=member.org, uuid=request_uuid)
    if found is None:
        raise Http404
    name = found.user.display_name
    done = services.erasure_confirm(actor=member, request=found)
    if done.status == done.Status.DONE:
        messages.success(request, gettext("%(name)s was erased.") % {"name": name})
    else:
        messages.success(
            request,
            gettext("Confirmed. Other organizations of %(name)s must confirm too.")
            % {"name": name},
        )
    return redirect("privacy:erasures", slug=member.org.slug)


@org_view("org.settings")
def retention(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    policy = selectors.retention_of(org=member.org)
    form = RetentionForm(
        request.POST or None,
        initial={"ended_content_months": policy.ended_content_months if policy else None},
    )
    if request.method == "POST" and form.is_valid():
        services.retention_set(actor=member, months=form.cleaned_data["ended_content_months"])
        messages.success(request, gettext("Retention saved."))
        return redirect("privacy:retention", slug=member.org.slug)
    return render(
        request,
        "privacy/retention.html",
        {"form": form, "policy": policy, "runs": selectors.purge_runs_of(org=member.org)[:20]},
    )


@org_view("member.roles.change")
def member_deactivate(request: HttpRequest, member_uuid: str) -> HttpResponse:
    actor = request.member  # type: ignore[attr-defined]
    member = account_selectors.member_get(org=actor.org, uuid=member_uuid)
    if member is None:
        raise Http404
    coaches = (
        Membership.objects.filter(org=actor.org, is_coach=True, is_active=True)
        .exclude(pk=member.pk)
        .select_related("user")
        .order_by("user__name")
    )
    form = DeactivateForm(request.POST or None, coaches=coaches)
    if request.method == "POST" and member.is_active and form.is_valid():
        try:
            offboarding.member_deactivate(actor=actor, member=member, **form.cleaned_data)
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                form.add_error(key if key in form.fields else None, problems)
        else:
            messages.success(
                request,
                gettext("%(name)s is deactivated.") % {"name": member.user.display_name},
            )
            return redirect("accounts:people", slug=actor.org.slug)
    return render(
        request,
        "privacy/deactivate.html",
        {"form": form, "person": member, "departure": offboarding.departure_of(member)},
    )
