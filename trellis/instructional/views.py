"""Instructional coaching pages: the cycles one sees, starting a cycle, a cycle's page (Identify,
the PEERS goal with its live check, Learn, evidence with its chart, visits, sharing), and the
rubrics (list and import). Visits and observations are in visit_views.py."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.accounts.paging import page_of
from trellis.core.instructional.peers import PeersGoal, peers_check
from trellis.core.instructional.rubric import RubricError
from trellis.insights.selectors import writes_english
from trellis.instructional import selectors, services
from trellis.instructional.forms import (
    CheckForm,
    GoalForm,
    IdentifyForm,
    LearnForm,
    RubricImportForm,
    ShareForm,
    StartForm,
    VisitForm,
)
from trellis.instructional.models import Cycle

NOTHING_TO_START = gettext("Only the coach of an active instructional engagement starts a cycle.")
SECTIONS = {"identify": IdentifyForm, "goal": GoalForm, "learn": LearnForm}


def cycle_of(request: HttpRequest, uuid: Any, action: str) -> tuple[Membership, Cycle]:
    member = request.member  # type: ignore[attr-defined]
    cycle = selectors.cycle_get(member=member, uuid=str(uuid))
    if cycle is None:
        raise Http404
    policy.require(member, action, cycle)
    return member, cycle


def errors_into(form: Any, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _back(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    return redirect("instructional:cycle", slug=request.org.slug, cycle=cycle.uuid)  # type: ignore[attr-defined]


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


@org_view("cycle.list")
def cycle_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    page = page_of(request, selectors.cycles_for(member=member))
    engagements = selectors.engagements_to_start(member=member)
    form = StartForm(engagements=engagements) if engagements.exists() else None
    return render(request, "instructional/list.html", {"page": page, "start_form": form})


@require_POST
@org_view("cycle.list")
def cycle_start(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagements = selectors.engagements_to_start(member=member)
    if not engagements.exists():
        raise PermissionDenied(NOTHING_TO_START)
    form = StartForm(request.POST, engagements=engagements)
    if form.is_valid():
        try:
            cycle = services.cycle_start(
                actor=member,
                engagement=form.cleaned_data["engagement"],
                subject=form.cleaned_data["subject"],
            )
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, gettext("The Impact Cycle starts at Identify."))
            return _back(request, cycle)
    page = page_of(request, selectors.cycles_for(member=member))
    context = {"page": page, "start_form": form}
    return render(request, "instructional/list.html", context, status=400)


def _peers(cycle: Cycle, data: Any = None) -> list[Any]:
    data = data or {}
    target = data.get("target_percent", cycle.target_percent)
    cares = data.get("teacher_cares", cycle.teacher_cares)
    try:
        target = int(target) if target not in (None, "") else None
    except (TypeError, ValueError):
        target = None
    if isinstance(cares, str):
        cares = {"yes": True, "no": False}.get(cares)
    goal = PeersGoal(
        text=str(data.get("goal_text", cycle.goal_text)),
        target_percent=target,
        baseline_percent=selectors.baseline_percent(cycle),
        has_strategy=bool(cycle.strategy.strip()),
        teacher_cares=cares,
    )
    return peers_check(goal)


def _cares(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _cycle_context(member: Membership, cycle: Cycle, **forms: Any) -> dict[str, Any]:
    content = policy.allows(member, "cycle.content.read", cycle)
    write = policy.allows(member, "cycle.write", cycle)
    context: dict[str, Any] = {
        "cycle": cycle,
        "content": content,
        "write": write,
        "share": policy.allows(member, "cycle.share", cycle),
        "visits": list(cycle.visits.all()),
        "stages": Cycle.Stage.choices,
        # The PEERS check's lexicon (core's peers.toml) is English: off for other languages.
        "peers_on": writes_english(member=member),
    }
    if content:
        context["checks"] = list(cycle.checks.all())
        context["chart"] = selectors.evidence_chart(cycle)
        context["findings"] = _peers(cycle) if cycle.goal_text and context["peers_on"] else []
    if write:
        rubrics = [(e.key, e.name) for e in selectors.rubrics_for(org=cycle.org)]
        initial_goal = {
            "goal_text": cycle.goal_text,
            "standard": cycle.standard,
            "group": cycle.group,
            "target_percent": cycle.target_percent,
            "teacher_cares": _cares(cycle.teacher_cares),
        }
        context["identify_form"] = forms.get("identify") or IdentifyForm(
            initial={
                "reality_source": cycle.reality_source,
                "reality": cycle.reality,
                "reality_link": cycle.reality_link,
            }
        )
        context["goal_form"] = forms.get("goal") or GoalForm(initial=initial_goal)
        context["learn_form"] = forms.get("learn") or LearnForm(
            initial={
                "strategy": cycle.strategy,
                "checklist": "\n".join(i["text"] for i in cycle.checklist),
            }
        )
        today = timezone.localdate()
        context["check_form"] = forms.get("check") or CheckForm(initial={"taken_on": today})
        context["visit_form"] = forms.get("visit") or VisitForm(
            rubrics=rubrics, initial={"on": today, "rubric_key": rubrics[0][0]}
        )
    if context["share"]:
        people = (
            Membership.objects.filter(org_id=cycle.org_id, is_active=True)
            .exclude(pk=member.pk)
            .select_related("user")
            .order_by("user__name")
        )
        context["share_form"] = ShareForm(
            people=people, initial={"person": cycle.shared_with.uuid if cycle.shared_with else None}
        )
    return context


@org_view("cycle.list")
def cycle_detail(request: HttpRequest, cycle: Any) -> HttpResponse:
    member, found = cycle_of(request, cycle, "cycle.view")
    return render(request, "instructional/cycle.html", _cycle_context(member, found))


@require_POST
@org_view("cycle.list")
def cycle_save(request: HttpRequest, cycle: Any, section: str) -> HttpResponse:
    member, found = cycle_of(request, cycle, "cycle.write")
    if section not in SECTIONS:
        raise Http404
    form = SECTIONS[section](request.POST)
    if form.is_valid():
        try:
            services.cycle_save(actor=member, cycle=found, **form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, "Saved.")
            return _back(request, found)
    context = _cycle_context(member, found, **{section: form})
    return render(request, "instructional/cycle.html", context, status=400)


@require_POST
@org_view("cycle.list")
def peers(request: HttpRequest, cycle: Any) -> HttpResponse:
    """The PEERS check of the goal as typed (an htmx fragment); nothing is saved."""
    member, found = cycle_of(request, cycle, "cycle.write")
    if not writes_english(member=member):
        return render(request, "instructional/cycle.html#peers", {"peers_on": False})
    findings = _peers(found, request.POST)
    return render(
        request, "instructional/cycle.html#peers", {"findings": findings, "peers_on": True}
    )


@require_POST
@org_view("cycle.list")
def stage(request: HttpRequest, cycle: Any) -> HttpResponse:
    member, found = cycle_of(request, cycle, "cycle.write")
    try:
        moved = services.cycle_advance(
            actor=member, cycle=found, stage=request.POST.get("stage", "")
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(
            request, gettext("The cycle is at %(stage)s.") % {"stage": moved.get_stage_display()}
        )
    return _back(request, found)


@require_POST
@org_view("cycle.list")
def check_add(request: HttpRequest, cycle: Any) -> HttpResponse:
    member, found = cycle_of(request, cycle, "cycle.write")
    form = CheckForm(request.POST)
    if form.is_valid():
        try:
            services.check_add(actor=member, cycle=found, **form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, gettext("The check is counted."))
            return _back(request, found)
    context = _cycle_context(member, found, check=form)
    return render(request, "instructional/cycle.html", context, status=400)


@require_POST
@org_view("cycle.list")
def share(request: HttpRequest, cycle: Any) -> HttpResponse:
    member, found = cycle_of(request, cycle, "cycle.share")
    people = Membership.objects.filter(org_id=found.org_id, is_active=True)
    form = ShareForm(request.POST, people=people)
    if form.is_valid():
        try:
            services.cycle_share(actor=member, cycle=found, person=form.cleaned_data["person"])
        except ValidationError as exc:
            _flash(request, exc)
        else:
            person = form.cleaned_data["person"]
            messages.success(
                request,
                gettext("Shared with %(person)s.") % {"person": person.user}
                if person
                else gettext("The cycle is not shared."),
            )
    return _back(request, found)


@require_POST
@org_view("cycle.list")
def visit_add(request: HttpRequest, cycle: Any) -> HttpResponse:
    member, found = cycle_of(request, cycle, "cycle.write")
    rubrics = [(e.key, e.name) for e in selectors.rubrics_for(org=found.org)]
    form = VisitForm(request.POST, rubrics=rubrics)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if data["kind"] != "observation":
            data["rubric_key"] = ""
        try:
            visit = services.visit_add(actor=member, cycle=found, **data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            return redirect("instructional:visit", slug=request.org.slug, visit=visit.uuid)  # type: ignore[attr-defined]
    context = _cycle_context(member, found, visit=form)
    return render(request, "instructional/cycle.html", context, status=400)


@org_view("rubric.list")
def rubric_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    entries = selectors.rubrics_for(org=member.org)
    may_import = policy.allows(member, "rubric.import")
    return render(
        request, "instructional/rubrics.html", {"entries": entries, "may_import": may_import}
    )


@org_view("rubric.import")
def rubric_import(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = RubricImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored, created = services.rubric_import(
                actor=member, org=member.org, text=upload.read(), source=upload.name
            )
        except RubricError as exc:
            problems = exc.messages()
        else:
            done = {"name": stored.name, "version": stored.version}
            if created:
                messages.success(request, gettext("Imported %(name)s, version %(version)s.") % done)
            else:
                messages.success(
                    request, gettext("Unchanged: %(name)s, version %(version)s.") % done
                )
            return redirect("instructional:rubrics", slug=member.org.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": problems}
    return render(request, "instructional/rubric_import.html", context, status=status)
