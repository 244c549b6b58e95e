"""Pages: My plan, an engagement's plan (sponsors: shared summaries), the coach's list, goals,
actions, check-ins (htmx), reviews, histories, organization and team goals, CSV export."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts import services as account_services
from trellis.accounts.door import org_view
from trellis.accounts.models import AuditEvent, Membership, Team
from trellis.core.charts import line_chart
from trellis.core.goals import smart_check as run_smart_check
from trellis.core.spreadsheet import csv_bytes
from trellis.engagements.models import Engagement
from trellis.goals import selectors, services
from trellis.goals.forms import (
    ActionForm,
    AlignedGoalForm,
    CheckInForm,
    FeedbackForm,
    GoalForm,
    PlansFilterForm,
    ReviewForm,
)
from trellis.goals.models import Action, Goal

COACHEE_ONLY = "Only a coachee has a plan of their own; open a coachee's plan from Plans."
REVIEW_SAVED = "Review saved. T-score {score}."
REVIEW_SAVED_UNSCORED = "Review saved."


def _member(request: HttpRequest) -> Membership:
    return request.member  # type: ignore[attr-defined]


def _add_errors(form: Form, exc: ValidationError, field_for: Any = None) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        name = field_for(field) if field_for else field
        form.add_error(name if name in form.fields else None, errors)


def _with_version(request: HttpRequest, version: int) -> QueryDict:
    """The editor's own input, based on the version now saved: saving again is a choice."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data


def _charts(plan: selectors.Plan) -> dict[str, str]:
    charts = {}
    if plan.progress_points:
        charts["progress"] = line_chart(
            plan.progress_points, title="Progress of the plan", y_min=0, y_max=100, unit="%"
        )
    if plan.trend:
        charts["t_score"] = line_chart(
            [(p.on, p.t_score) for p in plan.trend],
            title="GAS T-score at each review",
            y_min=20,
            y_max=80,
            decimals=1,
            reference=50,
            reference_label="50: as expected",
        )
    return charts


def _engagement(member: Membership, engagement_uuid: str, action: str) -> Engagement:
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, action, engagement)
    return engagement


def _goal(member: Membership, goal_uuid: str, action: str) -> Goal:
    goal = selectors.goal_get(member=member, uuid=goal_uuid)
    if goal is None:
        raise Http404
    if action == "goal.edit" and goal.is_aligned_level:
        action = "goal.align.manage"
    policy.require(member, action, goal)
    return goal


def _action(member: Membership, action_uuid: str, action: str) -> Action:
    found = selectors.action_get(member=member, uuid=action_uuid)
    if found is None:
        raise Http404
    policy.require(member, action, found)
    return found


def _plan_context(member: Membership, engagement: Engagement | None) -> dict[str, Any]:
    """My plan (engagement None) or an engagement's plan, as the member may see it."""
    today = services.local_today(member)
    if engagement is None:
        plan = (
            selectors.plan_build(coachee=member, today=today, whole=True)
            if member.is_coachee
            else None
        )
        summary_only = False
    else:
        summary_only = not policy.allows(member, "plan.content.read", engagement)
        plan = (
            selectors.sponsor_plan(engagement=engagement, today=today)
            if summary_only
            else selectors.plan_build(
                coachee=engagement.coachee, engagement=engagement, today=today
            )
        )
    check_in_ok = set()
    if plan is not None:
        for line in plan.actions:
            if policy.allows(member, "action.check_in", line.action):
                check_in_ok.add(line.action.uuid)
    return {
        "plan": plan,
        "engagement": engagement,
        "mine": engagement is None,
        "summary_only": summary_only,
        "charts": _charts(plan) if plan and not summary_only else {},
        "check_in_ok": check_in_ok,
        "check_in_form": CheckInForm(),
        "partnered": list(selectors.partner_actions(member=member)) if engagement is None else [],
        "feedback_form": FeedbackForm(),
        "can_review": engagement is not None and not summary_only,
        "stalled_after_days": settings.STALLED_AFTER_DAYS,
    }


@org_view("plan.mine")
def my_plan(request: HttpRequest) -> HttpResponse:
    return render(request, "goals/plan.html", _plan_context(_member(request), None))


@org_view("org.view")
def engagement_plan(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = _engagement(member, engagement_uuid, "plan.view")
    return render(request, "goals/plan.html", _plan_context(member, engagement))


@org_view("plans.list")
def plans(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = PlansFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.plans_for(
        member=member,
        today=services.local_today(member),
        pages={
            "coaching": request.GET.get("page"),
            "sponsoring": request.GET.get("spage"),
            "counts": request.GET.get("apage"),
        },
        status=filters.get("status", ""),
        attention=filters.get("attention", ""),
    )
    return render(
        request, "goals/plans.html", {"page": page, "member": member, "filter_form": form}
    )


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
        messages.success(request, f"Check-in saved for “{action.what}”.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("goals:action_detail", args=[member.org.slug, action.uuid])
    return redirect(target)


# goals


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
            messages.success(request, "Goal saved. Add the first action.")
            return redirect("goals:action_new", slug=member.org.slug, goal_uuid=goal.uuid)
    return render(
        request,
        "goals/goal_form.html",
        {"form": form, "engagement": engagement, "owner": owner, "goal": None},
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
            messages.success(request, "Goal saved.")
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
    control = {"yes": True, "no": False}.get(request.POST.get("in_control", ""))
    findings = run_smart_check(
        request.POST.get("title", ""),
        request.POST.get("success_measure", ""),
        request.POST.get("due_text", ""),
        today=services.local_today(member),
        coachee_controls=control,
    )
    return render(request, "goals/goal_form.html#smart", {"findings": findings})


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
            messages.success(request, "Goal saved.")
            return redirect("goals:goal_detail", slug=member.org.slug, goal_uuid=goal.uuid)
    return render(
        request,
        "goals/goal_form.html",
        {"form": form, "goal": goal, "conflict": conflict, "engagement": goal.engagement},
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
        messages.success(request, "Feedback recorded. The goal's wording is now kept as it was.")
    else:
        messages.error(request, "Write the feedback before saving it.")
    if policy.allows(member, "goal.read", goal):
        return redirect("goals:goal_detail", slug=member.org.slug, goal_uuid=goal.uuid)
    assert goal.engagement is not None
    return redirect(
        "goals:engagement_plan", slug=member.org.slug, engagement_uuid=goal.engagement.uuid
    )


# actions


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
            messages.success(request, "Action added.")
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
            messages.success(request, "Action saved.")
            return redirect("goals:action_detail", slug=member.org.slug, action_uuid=action.uuid)
    return render(
        request,
        "goals/action_form.html",
        {"form": form, "goal": action.goal, "action": action, "conflict": conflict},
        status=409 if conflict else 200,
    )


# reviews


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
    actions = [a for g in goals for a in g.actions.all() if a.is_open]
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


@org_view("plan.mine")
def my_plan_csv(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    if not member.is_coachee:
        raise PermissionDenied(COACHEE_ONLY)
    plan = selectors.plan_build(coachee=member, today=services.local_today(member), whole=True)
    return _csv(member, plan, f"{member.org.slug}-my-plan.csv")


@org_view("org.view")
def engagement_plan_csv(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = _engagement(member, engagement_uuid, "plan.content.read")
    plan = selectors.plan_build(
        coachee=engagement.coachee, engagement=engagement, today=services.local_today(member)
    )
    return _csv(member, plan, f"{member.org.slug}-plan-{engagement.uuid}.csv")


CSV_COLUMNS = [
    "kind", "goal", "action", "owner", "status", "due_date", "due_state", "slipped_days",
    "progress_percent", "commitment", "weight", "gas_last_score", "last_check_in",
]  # fmt: skip


def _csv(member: Membership, plan: selectors.Plan, filename: str) -> HttpResponse:
    rows: list[list[Any]] = [CSV_COLUMNS]
    rows += ([row[c] for c in CSV_COLUMNS] for row in selectors.plan_rows(plan))
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    account_services.audit_record(
        kind=AuditEvent.Kind.EXPORT, actor=member.user, org=member.org, what=filename
    )
    return response
