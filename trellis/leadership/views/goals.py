"""Leadership goals: the form (a competency, one or two observable behaviours, GAS levels others
can see, the mission parts it serves), the goal's page, a behaviour's new wording, experiments."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.core.leadership import LEVELS
from trellis.engagements import selectors as engagement_selectors
from trellis.leadership import selectors, services
from trellis.leadership.forms import (
    QUESTION_CHOICES,
    BehaviourForm,
    ExperimentForm,
    LeadershipGoalForm,
    LearntForm,
)
from trellis.leadership.models import Behaviour, Experiment, LeadershipGoal


def _goal(request: HttpRequest, uuid: Any, action: str) -> LeadershipGoal:
    member = request.member  # type: ignore[attr-defined]
    leadership = selectors.leadership_goal_get(org=member.org, uuid=str(uuid))
    if leadership is None:
        raise Http404
    policy.require(member, action, leadership)
    return leadership


def _back(leadership: LeadershipGoal) -> HttpResponse:
    return redirect("leadership:goal", slug=leadership.goal.org.slug, goal=leadership.uuid)


@org_view("leadership.mine")
def goal_new(request: HttpRequest, engagement: Any) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = engagement_selectors.engagement_get(member=member, uuid=str(engagement))
    if found is None:
        raise Http404
    policy.require(member, "leadership.goal.create", found)
    models = [m for m, _ in selectors.models_for(org=member.org)]
    parts = selectors.mission_of(member.org)
    form = LeadershipGoalForm(request.POST or None, models=models, parts=parts)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            model_key, _, competency_key = data["competency"].partition(":")
            try:
                leadership = services.leadership_goal_create(
                    actor=member,
                    engagement=found,
                    model_key=model_key,
                    competency_key=competency_key,
                    title=data["title"],
                    behaviours=[data["behaviour_1"], data["behaviour_2"]],
                    questions=data["questions"],
                    gas=[
                        data[f"gas_{n}"]
                        for n in ("much_less", "less", "expected", "more", "much_more")
                    ],
                    parts=list(data["parts"]),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, gettext("Leadership goal saved."))
                for hidden in selectors.hidden_gas_levels(leadership.goal):
                    messages.warning(request, str(hidden))  # saved all the same: a hint
                return _back(leadership)
    context = {"form": form, "engagement": found, "models": models, "levels": LEVELS}
    return render(request, "leadership/goal_form.html", context, status=status)


@org_view("leadership.mine")
def goal_detail(request: HttpRequest, goal: Any) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    leadership = _goal(request, goal, "leadership.goal.read")
    model = selectors.model_for(org=member.org, key=leadership.model_key)
    competency = model.competency(leadership.competency_key) if model else None
    context = {
        "leadership": leadership,
        "goal": leadership.goal,
        "model": model,
        "competency": competency,
        "current": list(leadership.current_behaviours()),
        "history": list(leadership.behaviours.filter(retired_at__isnull=False)),
        "links": [link.part for link in leadership.links.select_related("part")],
        "experiments": list(leadership.experiments.all()),
        "hidden_levels": selectors.hidden_gas_levels(leadership.goal),
        "may_write": policy.allows(member, "leadership.goal.write", leadership),
        "behaviour_form": BehaviourForm(),
        "question_choices": QUESTION_CHOICES,
        "experiment_form": ExperimentForm(),
        "learnt_form": LearntForm(),
    }
    return render(request, "leadership/goal.html", context)


@require_POST
@org_view("leadership.mine")
def behaviour_revise(request: HttpRequest, goal: Any, behaviour: Any) -> HttpResponse:
    leadership = _goal(request, goal, "leadership.goal.write")
    found = Behaviour.objects.filter(leadership_goal=leadership, uuid=str(behaviour)).first()
    if found is None:
        raise Http404
    form = BehaviourForm(request.POST)
    if form.is_valid():
        try:
            new = services.revise_behaviour(
                found, form.cleaned_data["text"], form.cleaned_data.get("questions")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if new.pk != found.pk:
                messages.success(
                    request,
                    gettext(
                        "Stakeholders already rated the old wording: it is kept, "
                        "and this is version %(version)s."
                    )
                    % {"version": new.version},
                )
            else:
                messages.success(request, gettext("Wording changed."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(e) for e in errors)
            messages.error(request, f"{label}: {text}" if label else text)
    return _back(leadership)


@require_POST
@org_view("leadership.mine")
def experiment_add(request: HttpRequest, goal: Any) -> HttpResponse:
    leadership = _goal(request, goal, "leadership.goal.write")
    form = ExperimentForm(request.POST)
    if form.is_valid():
        services.experiment_add(leadership=leadership, **form.cleaned_data)
        messages.success(request, gettext("Experiment added."))
    else:
        messages.error(request, gettext("Say what you expect to happen and how you will test it."))
    return _back(leadership)


@require_POST
@org_view("leadership.mine")
def experiment_conclude(request: HttpRequest, goal: Any, experiment: Any) -> HttpResponse:
    leadership = _goal(request, goal, "leadership.goal.write")
    found = Experiment.objects.filter(leadership_goal=leadership, uuid=str(experiment)).first()
    if found is None:
        raise Http404
    form = LearntForm(request.POST)
    if form.is_valid():
        services.experiment_conclude(experiment=found, learnt=form.cleaned_data["learnt"])
        messages.success(request, gettext("What you learnt is recorded."))
    else:
        messages.error(request, gettext("Say what the test showed and what you learnt."))
    return _back(leadership)
