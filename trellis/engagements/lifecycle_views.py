"""Pages for an engagement's life: answer a proposal, pause, resume, end, reopen, change people,
the contract, the closing review. (Views split by topic; the runner's pages are in views.py.)

Each action is a plain form posted to its own URL that redirects back to the engagement page; a
refused change comes back as a message, a form with a bad field comes back with the message beside
the field.
"""

from typing import Any

from django import forms
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
from trellis.engagements import contracts, history, leaving, lifecycle, selectors
from trellis.engagements.forms import (
    AgreementForm,
    ClosingReviewForm,
    EndForm,
    PersonChangeForm,
    ReasonForm,
)
from trellis.engagements.models import Agreement, Engagement

DONE = {
    "accept": _("You accepted."),
    "decline": _("You declined."),
    "pause": _("The engagement is paused."),
    "resume": _("The engagement is active again."),
    "reopen": _("The engagement is reopened."),
}


def _engagement(request: HttpRequest, engagement_uuid: str, action: str) -> Engagement:
    member = request.member  # type: ignore[attr-defined]
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, "engagement.view", engagement)
    policy.require(member, action, engagement)
    return engagement


def _back(engagement: Engagement) -> HttpResponse:
    return redirect("engagements:detail", slug=engagement.org.slug, engagement_uuid=engagement.uuid)


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for errors in exc.message_dict.values():
        for error in errors:
            messages.error(request, error)


def lifecycle_context(member: Membership, engagement: Engagement) -> dict[str, Any]:
    """What the engagement page shows of its people and life, and which actions it offers."""
    allows = {
        action: policy.allows(member, f"engagement.{action}", engagement)
        for action in (
            "pause",
            "resume",
            "end",
            "reopen",
            "closing_review",
            "people.change",
            "leave",
        )
    }
    status = engagement.status
    agreement = selectors.agreement_latest(engagement=engagement)
    context: dict[str, Any] = {
        "people": selectors.engagement_people(engagement=engagement),
        "history": history.lines_for(selectors.engagement_history(engagement=engagement), member),
        "end_reason": history.end_reason_shown(engagement),
        "waiting": selectors.engagement_waiting_for(
            engagement=engagement, member=member, as_read=True
        ),
        "can_pause": allows["pause"] and status == Engagement.Status.ACTIVE,
        "can_resume": allows["resume"] and status == Engagement.Status.PAUSED,
        "can_end": allows["end"] and status in ("active", "paused"),
        "can_reopen": allows["reopen"] and status == Engagement.Status.ENDED,
        "can_leave": allows["leave"] and status in ("active", "paused"),
        "leave_ends": allows["leave"] and leaving.leave_ends(engagement, member),
        "can_review": allows["closing_review"] and status == Engagement.Status.ENDED,
        "can_change_people": allows["people.change"] and status in ("proposed", "active", "paused"),
        "end_form": EndForm(),
        "closing_reviews": selectors.closing_reviews_of(engagement=engagement),
        "sees_agreement": policy.allows(member, "agreement.read", engagement),
        "can_write_agreement": policy.allows(member, "agreement.write", engagement),
        "agreement": agreement,
        "agreement_state": selectors.agreement_state(engagement=engagement, agreement=agreement),
        "agreement_in_force": selectors.agreement_in_force(engagement=engagement),
    }
    context["may_accept_agreement"] = agreement is not None and any(
        p.member.pk == member.pk and not p.accepted for p in context["agreement_state"]
    )
    if context["can_change_people"]:
        context["coach_form"] = PersonChangeForm(
            people=selectors.members_with_role(member=member, role="coach").exclude(
                pk=engagement.coachee_id
            ),
            label=gettext("New lead coach"),
        )
        context["sponsor_form"] = PersonChangeForm(
            people=selectors.members_with_role(member=member, role="sponsor").exclude(
                pk=engagement.coachee_id
            ),
            label=gettext("New sponsor (empty: no sponsor)"),
        )
    return context


def _answer(request: HttpRequest, engagement_uuid: str, verb: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    action = {"accept": "engagement.respond", "decline": "engagement.respond"}.get(
        verb, f"engagement.{verb}"
    )
    engagement = _engagement(request, engagement_uuid, action)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    service = {
        "accept": lambda: lifecycle.engagement_accept(actor=member, engagement=engagement),
        "decline": lambda: lifecycle.engagement_decline(
            actor=member, engagement=engagement, reason=reason
        ),
        "pause": lambda: lifecycle.engagement_pause(
            actor=member, engagement=engagement, reason=reason
        ),
        "resume": lambda: lifecycle.engagement_resume(
            actor=member, engagement=engagement, reason=reason
        ),
        "reopen": lambda: lifecycle.engagement_reopen(
            actor=member, engagement=engagement, reason=reason
        ),
    }[verb]
    try:
        service()
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, DONE[verb])
    if verb == "decline" and not policy.allows(
        member, "engagement.view", selectors.engagement_get(member=member, uuid=engagement_uuid)
    ):
        return redirect("engagements:list", slug=engagement.org.slug)
    return _back(engagement)


@require_POST
@org_view("engagement.list")
def engagement_accept(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    return _answer(request, engagement_uuid, "accept")


@require_POST
@org_view("engagement.list")
def engagement_decline(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    return _answer(request, engagement_uuid, "decline")


@require_POST
@org_view("engagement.list")
def engagement_pause(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    return _answer(request, engagement_uuid, "pause")


@require_POST
@org_view("engagement.list")
def engagement_resume(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    return _answer(request, engagement_uuid, "resume")


@require_POST
@org_view("engagement.list")
def engagement_reopen(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    return _answer(request, engagement_uuid, "reopen")


@org_view("engagement.list")
def engagement_end(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    """GET: the end form on its own page; POST: end, then offer the closing review."""
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "engagement.end")
    form = EndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.engagement_end(actor=member, engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, gettext("The engagement has ended."))
            if policy.allows(member, "engagement.closing_review", _fresh(member, engagement)):
                return redirect(
                    "engagements:closing_review",
                    slug=engagement.org.slug,
                    engagement_uuid=engagement.uuid,
                )
            return _back(engagement)
    return render(request, "engagements/end.html", {"engagement": engagement, "form": form})


@require_POST
@org_view("engagement.list")
def engagement_leave(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    """Someone leaves their own place, saying why (read only by them and the coaches); when they
    no longer see the engagement they land on their list of engagements."""
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "engagement.leave")
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        done = leaving.engagement_leave(actor=member, engagement=engagement, reason=reason)
    except ValidationError as exc:
        _refused(request, exc)
        return _back(engagement)
    messages.success(
        request,
        gettext("You ended the engagement by leaving; the others in it are told.")
        if done.status == Engagement.Status.ENDED
        else gettext("You left the engagement; the others in it are told."),
    )
    if policy.allows(member, "engagement.view", _fresh(member, engagement)):
        return _back(engagement)
    return redirect("engagements:list", slug=engagement.org.slug)


def _fresh(member: Membership, engagement: Engagement) -> Engagement:
    found = selectors.engagement_get(member=member, uuid=str(engagement.uuid))
    assert found is not None
    return found


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_POST
@org_view("engagement.list")
def engagement_change_person(request: HttpRequest, engagement_uuid: str, who: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "engagement.people.change")
    role = "coach" if who == "coach" else "sponsor"
    form = PersonChangeForm(
        request.POST,
        people=selectors.members_with_role(member=member, role=role),
        label=role,
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(engagement)
    chosen = form.cleaned_data["member"]
    reason = form.cleaned_data["reason"]
    try:
        if role == "coach":
            if chosen is None:
                raise ValidationError({"member": gettext("Choose the new lead coach.")})
            lifecycle.engagement_change_coach(
                actor=member, engagement=engagement, coach=chosen, reason=reason
            )
        else:
            lifecycle.engagement_change_sponsor(
                actor=member, engagement=engagement, sponsor=chosen, reason=reason
            )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            gettext("The coach changed; the coachee is told by email.")
            if role == "coach"
            else gettext("The sponsor changed; the coachee is told by email."),
        )
    if not policy.allows(member, "engagement.view", _fresh(member, engagement)):
        return redirect("engagements:list", slug=engagement.org.slug)
    return _back(engagement)


# -- the contract --------------------------------------------------------------------------------


@org_view("engagement.list")
def agreement_edit(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    """The lead coach writes a new version of the agreement (prefilled from the latest)."""
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "agreement.write")
    latest = selectors.agreement_latest(engagement=engagement)
    initial = {}
    if latest is not None:
        initial = {
            "goals": latest.goals,
            "length": latest.length,
            "cadence": latest.cadence,
            "sponsor_sees": latest.sponsor_sees,
            "confidentiality_limits": latest.confidentiality_limits,
        }
    form = AgreementForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        items=Agreement.SPONSOR_ITEMS,
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = contracts.agreement_write(
                actor=member, engagement=engagement, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                gettext(
                    "Version %(version)s of the agreement is waiting for the coachee's"
                    " and the sponsor's acceptance."
                )
                % {"version": agreement.version},
            )
            return _back(engagement)
    context = {"engagement": engagement, "form": form, "latest": latest}
    return render(request, "engagements/agreement.html", context)


@require_POST
@org_view("engagement.list")
def agreement_accept(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "agreement.accept")
    agreement = selectors.agreement_latest(engagement=engagement)
    if agreement is None:
        raise Http404
    try:
        contracts.agreement_accept(actor=member, agreement=agreement)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            gettext("You accepted version %(version)s of the agreement.")
            % {"version": agreement.version},
        )
    return _back(engagement)


# -- closing review ------------------------------------------------------------------------------


@org_view("engagement.list")
def closing_review(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "engagement.closing_review")
    goals = selectors.goals_to_close(engagement=engagement)
    form = ClosingReviewForm(request.POST if request.method == "POST" else None, goals=goals)
    if request.method == "POST" and form.is_valid():
        try:
            contracts.closing_review_record(
                actor=member,
                engagement=engagement,
                what_changed=form.cleaned_data["what_changed"],
                what_next=form.cleaned_data["what_next"],
                scores=form.scores(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, gettext("Closing review saved."))
            return _back(engagement)
    return render(
        request, "engagements/closing_review.html", {"engagement": engagement, "form": form}
    )
