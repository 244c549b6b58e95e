"""Stakeholder feedback pages: the leadership goals one may see feedback on, a goal's stakeholders,
rounds (aggregates only at the threshold), trend per behaviour version and 360s; naming and removing
stakeholders, the cadence, starting a 360, the organization's threshold, and the answer page a
signed single-use link opens (no account needed)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.links import LinkError
from trellis.accounts.models import Membership
from trellis.core.charts import bar_chart, line_chart
from trellis.stakeholders import selectors, services
from trellis.stakeholders.forms import (
    AnswerForm,
    CadenceForm,
    SettingsForm,
    StakeholderForm,
    ThreeSixtyForm,
)
from trellis.stakeholders.models import StakeholderPlan


def _plan(request: HttpRequest, goal: Any, action: str) -> tuple[Membership, StakeholderPlan]:
    member = request.member  # type: ignore[attr-defined]
    leadership_goal = selectors.leadership_goal_get(member=member, uuid=str(goal))
    if leadership_goal is None:
        raise Http404
    plan = selectors.plan_find(leadership_goal)
    policy.require(member, action, plan)
    return member, plan


def _errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _back(request: HttpRequest, plan: StakeholderPlan) -> HttpResponse:
    return redirect(
        "stakeholders:plan",
        slug=request.org.slug,  # type: ignore[attr-defined]
        goal=plan.leadership_goal.uuid,
    )


@org_view("stakeholder.list")
def goal_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    goals = [
        g
        for g in selectors.leadership_goals_for(member=member)[:200]
        if policy.allows(member, "stakeholder.view", selectors.plan_find(g))
    ]
    context = {"goals": goals, "may_settings": policy.allows(member, "stakeholder.settings")}
    return render(request, "stakeholders/list.html", context)


def _render_plan(
    request: HttpRequest,
    member: Membership,
    plan: StakeholderPlan,
    *,
    add_form: StakeholderForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rounds = selectors.rounds_of(plan)
    trends = [
        (
            trend,
            line_chart(
                trend.points,
                title=gettext("Improvement on: %(behaviour)s (version %(version)s)")
                % {"behaviour": trend.behaviour.text, "version": trend.behaviour.version},
                y_min=-3,
                y_max=3,
                decimals=1,
                reference=0,
                reference_label=gettext("no change"),
            ),
        )
        for trend in selectors.trends_of(rounds)
        if trend.points
    ]
    threesixties, changes = selectors.threesixties_of(plan, member=member)
    change_chart = ""
    if any(c.change is not None for c in changes):
        change_chart = bar_chart(
            [(c.name, c.change) for c in changes],
            title=gettext(
                "Change per competency from the start to the end 360 (all others together)"
            ),
            decimals=2,
            hidden_text=gettext("not shown: too few answers"),
        )
    may_manage = policy.allows(member, "stakeholder.manage", plan)
    context = {
        "plan": plan,
        "leadership_goal": plan.leadership_goal,
        "behaviours": list(plan.leadership_goal.current_behaviours()),
        "stakeholders": selectors.stakeholders_of(plan),
        "rounds": list(reversed(rounds)),
        "trends": trends,
        "threesixties": threesixties,
        "changes": changes,
        "change_chart": change_chart,
        "threshold": services.threshold_of(plan.org_id),
        "may_manage": may_manage,
        "may_threesixty": policy.allows(member, "stakeholder.threesixty", plan),
        "add_form": add_form or StakeholderForm(),
        "cadence_form": CadenceForm(initial={"cadence_days": plan.cadence_days}),
        "threesixty_form": ThreeSixtyForm(),
    }
    return render(request, "stakeholders/plan.html", context, status=status)


@org_view("stakeholder.list")
def plan_detail(request: HttpRequest, goal: Any) -> HttpResponse:
    member, plan = _plan(request, goal, "stakeholder.view")
    return _render_plan(request, member, plan)


@require_POST
@org_view("stakeholder.list")
def stakeholder_add(request: HttpRequest, goal: Any) -> HttpResponse:
    member, plan = _plan(request, goal, "stakeholder.manage")
    form = StakeholderForm(request.POST)
    if form.is_valid():
        try:
            added = services.stakeholder_add(
                actor=member, leadership_goal=plan.leadership_goal, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request,
                gettext("%(name)s is asked from the next round on, by email, with a link.")
                % {"name": added.name},
            )
            return _back(request, plan)
    return _render_plan(request, member, plan, add_form=form, status=400)


@require_POST
@org_view("stakeholder.list")
def stakeholder_remove(request: HttpRequest, goal: Any, person: Any) -> HttpResponse:
    member, plan = _plan(request, goal, "stakeholder.manage")
    found = plan.stakeholders.filter(uuid=person, removed_at=None).first() if plan.pk else None
    if found is None:
        raise Http404
    services.stakeholder_remove(actor=member, stakeholder=found)
    messages.success(request, gettext("%(name)s is asked no more.") % {"name": found.name})
    return _back(request, plan)


@require_POST
@org_view("stakeholder.list")
def cadence(request: HttpRequest, goal: Any) -> HttpResponse:
    member, plan = _plan(request, goal, "stakeholder.manage")
    form = CadenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back(request, plan)
    plan = services.plan_of(plan.leadership_goal)
    services.cadence_set(actor=member, plan=plan, days=form.cleaned_data["cadence_days"])
    messages.success(
        request,
        gettext("Stakeholders are asked every %(days)s days.") % {"days": plan.cadence_days},
    )
    return _back(request, plan)


@require_POST
@org_view("stakeholder.list")
def threesixty_start(request: HttpRequest, goal: Any) -> HttpResponse:
    member, plan = _plan(request, goal, "stakeholder.threesixty")
    form = ThreeSixtyForm(request.POST)
    if not form.is_valid() or plan.pk is None:
        messages.error(
            request, services.NO_STAKEHOLDERS if form.is_valid() else gettext("Choose a phase.")
        )
        return _back(request, plan)
    try:
        services.threesixty_start(actor=member, plan=plan, phase=form.cleaned_data["phase"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("The 360 is sent to the coachee and their stakeholders."))
    return _back(request, plan)


@org_view("stakeholder.settings")
def org_settings(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    initial = {"threshold": services.threshold_of(member.org)}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.settings_save(actor=member, threshold=form.cleaned_data["threshold"])
        messages.success(request, "Saved.")
        return redirect("stakeholders:settings", slug=member.org.slug)
    return render(request, "stakeholders/settings.html", {"form": form})


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The page a stakeholder's single-use link opens: no account, the signed token is the key."""
    try:
        ask = services.ask_from_token(token)
    except LinkError as exc:
        return render(
            request,
            "instruments/link_invalid.html",
            {"message": str(exc)},
            status=410 if exc.gone else 404,
        )
    behaviours = sorted(ask.round.behaviours.all(), key=lambda b: b.position)
    form = AnswerForm(request.POST or None, behaviours=behaviours)
    owner = ask.round.plan.leadership_goal.goal.owner
    leader = owner.user.display_name if owner else gettext("your colleague")
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_submit(ask=ask, answers=form.answers())
        except LinkError as exc:
            return render(
                request, "instruments/link_invalid.html", {"message": str(exc)}, status=410
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return render(request, "stakeholders/answered.html", {"leader": leader})
    return render(request, "stakeholders/answer.html", {"form": form, "leader": leader})
