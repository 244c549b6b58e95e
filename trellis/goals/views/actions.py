"""Pages: an action, its edits and check-ins (htmx)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.goals import selectors, services
from trellis.goals.forms import (
    ActionForm,
    CheckInForm,
)
from trellis.goals.models import Goal
from trellis.goals.views.common import (
    _action,
    _add_errors,
    _goal,
    _member,
    _with_version,
)
from trellis.goals.views.plans import _plan_context


@require_POST
@org_view("org.view")
def check_in(request: HttpRequest, action_uuid: str) -> HttpResponse:
    member = _member(request)
    action = _action(member, action_uuid, "action.check_in")
    form = CheckInForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.check_in_record(actor=member, action=action, **form.cleaned_data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(
            f"{form.fields[f].label}: {' '.join(str(m) for m in e)}" for f, e in form.errors.items()
        )
    if request.htmx:  # type: ignore[attr-defined]
        source = request.POST.get("from", "")
        engagement = (
            selectors.engagement_get(member=member, uuid=source)
            if source not in ("", "mine")
            else None
        )
        if engagement is not None:
            policy.require(member, "plan.view", engagement)
        context = _plan_context(member, engagement)
        context.update(
            check_in_error=error,
            check_in_action=action.uuid,
            just_checked=not error and action.uuid,
        )
        return render(request, "goals/plan.html#plan", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Check-in saved for “%(what)s”.") % {"what": action.what})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("goals:action_detail", args=[member.org.slug, action.uuid])
    return redirect(target)


# goals


def _action_form(request: HttpRequest, member: Membership, goal: Goal, **kwargs: Any) -> ActionForm:
    owners = Membership.objects.filter(
        pk__in=[
            pk
            for pk in (goal.owner_id, goal.engagement.coach_id if goal.engagement else None)
            if pk
        ]
    ).select_related("user")
    return ActionForm(
        request.POST or None,
        owners=owners,
        partners=selectors.members_for_partner(member=member),
        today=services.local_today(goal.owner or member),
        **kwargs,
    )


@org_view("org.view")
def action_new(request: HttpRequest, goal_uuid: str) -> HttpResponse:
    member = _member(request)
    goal = _goal(member, goal_uuid, "goal.edit")
    if goal.is_aligned_level:
        raise Http404  # actions belong to person goals
    form = _action_form(
        request,
        member,
        goal,
        editing=False,
        initial={"owner": goal.owner.uuid if goal.owner else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(actor=member, goal=goal, **form.changes())
        except ValidationError as exc:
            _add_errors(form, exc, lambda f: "due" if f == "due_date" else f)
        else:
            messages.success(request, _("Action added."))
            return redirect("goals:goal_detail", slug=member.org.slug, goal_uuid=goal.uuid)
    return render(request, "goals/action_form.html", {"form": form, "goal": goal, "action": None})


@org_view("org.view")
def action_detail(request: HttpRequest, action_uuid: str) -> HttpResponse:
    member = _member(request)
    action = _action(member, action_uuid, "action.read")
    today = services.local_today(member)
    return render(
        request,
        "goals/action_detail.html",
        {
            "action": action,
            "line": selectors.action_line(action, today),
            "check_ins": selectors.check_ins_of(action=action),
            "revisions": selectors.action_history(action=action),
            "can_edit": policy.allows(member, "action.edit", action),
            "can_check_in": policy.allows(member, "action.check_in", action) and action.is_open,
            "can_read_goal": policy.allows(member, "goal.read", action.goal),
            "check_in_form": CheckInForm(),
        },
    )


@org_view("org.view")
def action_edit(request: HttpRequest, action_uuid: str) -> HttpResponse:
    member = _member(request)
    action = _action(member, action_uuid, "action.edit")
    initial = {
        "what": action.what,
        "owner": action.owner.uuid,
        "due": action.due_date.isoformat() if action.due_date else "",
        "accountability_partner": action.accountability_partner.uuid
        if action.accountability_partner
        else None,
        "cadence": action.cadence,
        "support": action.support,
        "obstacles": action.obstacles,
        "commitment": action.commitment,
        "weight": action.weight,
        "status": action.status,
        "drop_reason": action.drop_reason,
        "version": action.version,
    }
    form = _action_form(request, member, action.goal, editing=True, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                actor=member,
                action=action,
                changes=form.changes(),
                version=form.cleaned_data["version"],
                why=form.cleaned_data["reason"],
            )
        except services.EditConflict as exc:
            conflict = exc
            form.data = _with_version(request, exc.current_version)
        except ValidationError as exc:
            _add_errors(form, exc, lambda f: "due" if f == "due_date" else f)
        else:
            messages.success(request, _("Action saved."))
            return redirect("goals:action_detail", slug=member.org.slug, action_uuid=action.uuid)
    return render(
        request,
        "goals/action_form.html",
        {"form": form, "goal": action.goal, "action": action, "conflict": conflict},
        status=409 if conflict else 200,
    )


# reviews
