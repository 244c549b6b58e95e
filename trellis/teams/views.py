"""Team coaching pages: the teams one sees, a team's page (charter, pulse aggregates with trend and
spread, actions, check-ins), the charter form and its history, the team's settings, sending a
pulse, a team session on the weakest dimension, actions and check-ins."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.accounts.paging import page_of
from trellis.core.charts import line_chart
from trellis.engagements.models import Engagement
from trellis.teams import selectors, services
from trellis.teams.forms import ActionForm, CharterForm, CheckInForm, SettingsForm
from trellis.teams.models import TeamSpace

RECENT_CHECK_INS = 5
OPEN_ACTIONS = 50


def _team(request: HttpRequest, uuid: Any, action: str) -> tuple[Membership, Engagement, TeamSpace]:
    member = request.member  # type: ignore[attr-defined]
    engagement = selectors.team_get(member=member, uuid=str(uuid))
    if engagement is None:
        raise Http404
    space = selectors.space_of(engagement)
    policy.require(member, action, space)
    return member, engagement, space


def _errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _back(request: HttpRequest, engagement: Engagement) -> HttpResponse:
    return redirect("teams:detail", slug=request.org.slug, team=engagement.uuid)  # type: ignore[attr-defined]


@org_view("team.list")
def team_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    page = page_of(request, selectors.team_engagements_for(member=member))
    business = policy.allows(member, "business.view")
    return render(request, "teams/list.html", {"page": page, "business": business})


@org_view("team.list")
def team_detail(request: HttpRequest, team: Any) -> HttpResponse:
    member, engagement, space = _team(request, team, "team.view")
    may = {  # charter_read for team.charter.read, ... (templates read dots as lookups)
        name.replace(".", "_"): policy.allows(member, f"team.{name}", space)
        for name in ("charter.read", "charter.write", "pulse.results", "manage", "work.read")
    }
    context: dict[str, Any] = {
        "engagement": engagement,
        "space": space,
        "may": may,
        "members": selectors.members_of(engagement),
        "coaches": selectors.coaches_of(engagement),
        "my_pulse": selectors.my_open_pulse(member=member, engagement=engagement),
    }
    if may["charter_read"]:
        context["charter"] = selectors.charter_current(engagement)
    if may["pulse_results"]:
        views = selectors.pulse_views(engagement, space)
        shown = [v for v in views if v.figures is not None]
        context["pulses"] = views
        context["latest"] = shown[-1] if shown else None
        context["weakest_topic"] = (
            selectors.weakest_topic(shown[-1].figures) if shown and shown[-1].figures else ""
        )
        context["trend"] = (
            line_chart(
                [(v.pulse.opened_on, v.figures.total) for v in shown if v.figures],
                title=gettext("Team pulse: the mean of all five dimensions at each pulse"),
                y_min=1,
                y_max=5,
                decimals=1,
            )
            if len(shown) > 1
            else ""
        )
    if may["work_read"]:
        members = context["members"]
        context["actions"] = selectors.actions_of(engagement)[:OPEN_ACTIONS]
        context["check_ins"] = selectors.check_ins_of(engagement)[:RECENT_CHECK_INS]
        context["action_form"] = ActionForm(members=members)
        context["check_in_form"] = CheckInForm()
    return render(request, "teams/detail.html", context)


@org_view("team.list")
def charter_edit(request: HttpRequest, team: Any) -> HttpResponse:
    member, engagement, _space = _team(request, team, "team.charter.write")
    current = selectors.charter_current(engagement)
    initial = {}
    if current is not None:
        initial = {
            "purpose": current.purpose,
            "working_agreements": current.working_agreements,
            "roles": current.roles,
            "decision_rules": current.decision_rules,
            "goals": list(current.goals.all()),
        }
    form = CharterForm(
        request.POST or None, initial=initial, goals=selectors.goals_to_link(member=member)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.charter_save(
                actor=member,
                engagement=engagement,
                purpose=data["purpose"],
                working_agreements=data["working_agreements"],
                roles=data["roles"],
                decision_rules=data["decision_rules"],
                goals=list(data["goals"]),
                note=data["note"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request,
                gettext("Charter version %(version)s saved.") % {"version": version.version},
            )
            return _back(request, engagement)
    status = 400 if form.errors else 200
    context = {"engagement": engagement, "form": form, "current": current}
    return render(request, "teams/charter.html", context, status=status)


@org_view("team.list")
def charter_history(request: HttpRequest, team: Any) -> HttpResponse:
    _member, engagement, _space = _team(request, team, "team.charter.read")
    page = page_of(request, selectors.charter_history(engagement))
    return render(request, "teams/charter_history.html", {"engagement": engagement, "page": page})


@org_view("team.list")
def team_settings(request: HttpRequest, team: Any) -> HttpResponse:
    member, engagement, space = _team(request, team, "team.manage")
    initial = {
        "leader": space.leader_id,
        "pulse_every_weeks": space.pulse_every_weeks,
        "pulse_threshold": space.pulse_threshold,
        "pulse_answer_days": space.pulse_answer_days,
    }
    members = selectors.members_of(engagement)
    form = SettingsForm(request.POST or None, initial=initial, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.team_settings_save(
                actor=member,
                engagement=engagement,
                leader=data["leader"],
                pulse_every_weeks=data["pulse_every_weeks"],
                pulse_threshold=data["pulse_threshold"],
                pulse_answer_days=data["pulse_answer_days"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, gettext("The team's settings are saved."))
            return _back(request, engagement)
    status = 400 if form.errors else 200
    context = {"engagement": engagement, "form": form}
    return render(request, "teams/settings.html", context, status=status)


@require_POST
@org_view("team.list")
def pulse_send(request: HttpRequest, team: Any) -> HttpResponse:
    member, engagement, _space = _team(request, team, "team.manage")
    try:
        pulse = services.pulse_send(actor=member, engagement=engagement)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(
            request,
            gettext("Team pulse %(number)s sent to the team's members.") % {"number": pulse.number},
        )
    return _back(request, engagement)


@require_POST
@org_view("team.list")
def pulse_session(request: HttpRequest, team: Any) -> HttpResponse:
    member, engagement, _space = _team(request, team, "team.manage")
    try:
        session = services.pulse_session_open(
            actor=member,
            engagement=engagement,
            framework_key=request.POST.get("framework", "team-clear"),
        )
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, engagement)
    return redirect("engagements:session", slug=request.org.slug, session_uuid=session.uuid)  # type: ignore[attr-defined]


@require_POST
@org_view("team.list")
def action_add(request: HttpRequest, team: Any) -> HttpResponse:
    member, engagement, _space = _team(request, team, "team.work.write")
    form = ActionForm(request.POST, members=selectors.members_of(engagement))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(
                actor=member,
                engagement=engagement,
                title=data["title"],
                owner=data["owner"],
                due_on=data["due_on"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, gettext("Action added."))
            return _back(request, engagement)
    context = {"engagement": engagement, "form": form}
    return render(request, "teams/action_form.html", context, status=400)


@require_POST
@org_view("team.list")
def action_done(request: HttpRequest, team: Any, action: Any) -> HttpResponse:
    member, engagement, _space = _team(request, team, "team.work.write")
    found = selectors.action_get(member=member, engagement=engagement, uuid=str(action))
    if found is None:
        raise Http404
    services.action_done(actor=member, action=found)
    messages.success(request, gettext("Done: %(title)s") % {"title": found.title})
    return _back(request, engagement)


@org_view("team.list")
def check_ins(request: HttpRequest, team: Any) -> HttpResponse:
    member, engagement, _space = _team(request, team, "team.work.read")
    form = CheckInForm(request.POST or None)
    if request.method == "POST":
        policy.require(member, "team.work.write", selectors.space_of(engagement))
        if form.is_valid():
            try:
                services.check_in_add(
                    actor=member, engagement=engagement, text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, gettext("Your update is on the team's page."))
                return redirect(request.path)
    page = page_of(request, selectors.check_ins_of(engagement))
    status = 400 if form.errors else 200
    context = {"engagement": engagement, "page": page, "form": form}
    return render(request, "teams/check_ins.html", context, status=status)


@org_view("business.view")
def business_goals(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    rows = selectors.business_goals(member=member)
    charts = {
        row.goal.pk: line_chart(
            [(p.starts_on, p.t_score) for p in row.trend if p.t_score is not None],
            title=gettext("GAS T-score of the people under: %(goal)s") % {"goal": row.goal.title},
            y_min=20,
            y_max=80,
            decimals=1,
            reference=50,
            reference_label=gettext("50: as expected"),
        )
        for row in rows
        if sum(1 for p in row.trend if p.t_score is not None) > 1
    }
    context = {
        "rows": [(row, charts.get(row.goal.pk, "")) for row in rows],
        "threshold": selectors.BUSINESS_THRESHOLD,
    }
    return render(request, "teams/business.html", context)
