"""Pages: a goal set, aligned (organization and team) goals, the SMART check, a goal, its edits,
history and feedback."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership, Team
from trellis.core.goals import smart_check as run_smart_check
from trellis.goals import selectors, services
from trellis.goals.forms import (
    AlignedGoalForm,
    CheckInForm,
    FeedbackForm,
    GoalForm,
)
from trellis.goals.views.common import (
    COACHEE_ONLY,
    _add_errors,
    _engagement,
    _goal,
    _member,
    _with_version,
)
from trellis.insights.selectors import writes_english


@org_view("goal.write")
def goal_new(request: HttpRequest) -> HttpResponse:
    """A person goal in an engagement (?engagement=), a coachee's own goal, or (?level=) an
    organization or team goal."""
    member = _member(request)
    level = request.GET.get("level", "")
    if level:
        return _aligned_goal_new(request, member)
    engagement_uuid = request.GET.get("engagement", "")
    engagement = (
        _engagement(member, engagement_uuid, "plan.content.read") if engagement_uuid else None
    )
    if engagement is None and not member.is_coachee:
        raise PermissionDenied(COACHEE_ONLY)
    owner = engagement.coachee if engagement else member
    form = GoalForm(
        request.POST or None,
        parents=selectors.aligned_goals(member=member),
        may_share=owner.pk == member.pk,
        editing=False,
        coachings=None if engagement else selectors.engagements_of_coachee(coachee=member),
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(
                actor=member,
                owner=owner,
                engagement=engagement or form.cleaned_data.get("coaching"),
                **form.new_goal(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Goal saved. Add the first action."))
            return redirect("goals:action_new", slug=member.org.slug, goal_uuid=goal.uuid)
    return render(
        request,
        "goals/goal_form.html",
        {
            "form": form,
            "engagement": engagement,
            "owner": owner,
            "goal": None,
            "smart_on": writes_english(member=member),
        },
    )


def _aligned_goal_new(request: HttpRequest, member: Membership) -> HttpResponse:
    policy.require(member, "goal.align.manage")
    form = AlignedGoalForm(
        request.POST or None,
        initial={"level": request.GET.get("level")},
        teams=Team.objects.filter(org=member.org).order_by("name"),
        parents=selectors.aligned_goals(member=member),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_create(actor=member, owner=None, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("goals:aligned", slug=member.org.slug)
    return render(request, "goals/aligned.html", _aligned_context(member, form))


def _aligned_context(member: Membership, form: AlignedGoalForm | None) -> dict[str, Any]:
    goals = list(selectors.aligned_goals(member=member))
    counts = selectors.person_goal_counts(parents=goals)
    lines = [
        selectors.GoalLine(goal=g, in_plan=True, aligned_count=counts.get(g.pk, 0)) for g in goals
    ]
    return {
        "tree": selectors.tree_of(lines),
        "form": form,
        "can_manage": policy.allows(member, "goal.align.manage"),
    }


@org_view("org.view")
def aligned(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = None
    if policy.allows(member, "goal.align.manage"):
        form = AlignedGoalForm(
            teams=Team.objects.filter(org=member.org).order_by("name"),
            parents=selectors.aligned_goals(member=member),
        )
    return render(request, "goals/aligned.html", _aligned_context(member, form))


@require_POST
@org_view("goal.write")
def smart_check(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    # The check's lexicon (core's smart.toml) is English: it stays off for other languages.
    if not writes_english(member=member):
        return render(request, "goals/goal_form.html#smart", {"smart_on": False})
    control = {"yes": True, "no": False}.get(request.POST.get("in_control", ""))
    findings = run_smart_check(
        request.POST.get("title", ""),
        request.POST.get("success_measure", ""),
        request.POST.get("due_text", ""),
        today=services.local_today(member),
        coachee_controls=control,
    )
    return render(request, "goals/goal_form.html#smart", {"findings": findings, "smart_on": True})


@org_view("org.view")
def goal_detail(request: HttpRequest, goal_uuid: str) -> HttpResponse:
    member = _member(request)
    goal = _goal(member, goal_uuid, "goal.read")
    today = services.local_today(member)
    actions = [selectors.action_line(a, today) for a in selectors.actions_of(goal=goal)]
    edit_action = "goal.align.manage" if goal.is_aligned_level else "goal.edit"
    return render(
        request,
        "goals/goal_detail.html",
        {
            "goal": goal,
            "actions": actions,
            "progress": selectors.goal_progress_of(goal=goal),
            "feedback": list(goal.feedback.select_related("by__user")),
            "feedback_form": FeedbackForm(),
            "can_edit": policy.allows(member, edit_action, goal),
            "can_feedback": policy.allows(member, "goal.feedback", goal),
            "check_in_ok": {
                a.action.uuid for a in actions if policy.allows(member, "action.check_in", a.action)
            },
            "check_in_form": CheckInForm(),
            "aligned_count": selectors.person_goal_counts(parents=[goal]).get(goal.pk, 0),
        },
    )


@org_view("org.view")
def goal_edit(request: HttpRequest, goal_uuid: str) -> HttpResponse:
    member = _member(request)
    goal = _goal(member, goal_uuid, "goal.edit")
    initial = {name: getattr(goal, name) for name in GoalForm.base_fields if hasattr(goal, name)}
    initial["due_text"] = goal.due_text or (goal.due_date.isoformat() if goal.due_date else "")
    initial["parent"] = goal.parent.uuid if goal.parent else None
    form = GoalForm(
        request.POST or None,
        initial=initial,
        parents=selectors.aligned_goals(member=member).exclude(pk=goal.pk),
        may_share=goal.owner_id == member.pk,
        editing=True,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if changes.get("due_text", "") == initial["due_text"]:
            changes.pop("due_text", None)
        try:
            services.goal_update(
                actor=member,
                goal=goal,
                changes=changes,
                version=form.cleaned_data["version"],
                why=form.cleaned_data["reason"],
            )
        except services.EditConflict as exc:
            conflict = exc
            form.data = _with_version(request, exc.current_version)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("goals:goal_detail", slug=member.org.slug, goal_uuid=goal.uuid)
    return render(
        request,
        "goals/goal_form.html",
        {
            "form": form,
            "goal": goal,
            "conflict": conflict,
            "engagement": goal.engagement,
            "smart_on": writes_english(member=member),
        },
        status=409 if conflict else 200,
    )


@org_view("org.view")
def goal_history(request: HttpRequest, goal_uuid: str) -> HttpResponse:
    member = _member(request)
    goal = _goal(member, goal_uuid, "goal.read")
    return render(
        request,
        "goals/goal_history.html",
        {"goal": goal, "history": selectors.goal_history(goal=goal)},
    )


@require_POST
@org_view("org.view")
def goal_feedback(request: HttpRequest, goal_uuid: str) -> HttpResponse:
    member = _member(request)
    goal = _goal(member, goal_uuid, "goal.feedback")
    form = FeedbackForm(request.POST)
    if form.is_valid():
        services.goal_feedback_add(actor=member, goal=goal, **form.cleaned_data)
        messages.success(request, _("Feedback recorded. The goal's wording is now kept as it was."))
    else:
        messages.error(request, _("Write the feedback before saving it."))
    if policy.allows(member, "goal.read", goal):
        return redirect("goals:goal_detail", slug=member.org.slug, goal_uuid=goal.uuid)
    assert goal.engagement is not None
    return redirect(
        "goals:engagement_plan", slug=member.org.slug, engagement_uuid=goal.engagement.uuid
    )


# actions
