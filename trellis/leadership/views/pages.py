"""A leader's own page (goals and the mission they serve, decisions due), competency models and
the organization's mission and values."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.core.datafiles import DataFileError
from trellis.leadership import selectors, services
from trellis.leadership.forms import MissionPartForm, ModelUploadForm


@org_view("leadership.mine")
def mine(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    today = timezone.localdate()
    goals = list(selectors.leadership_goals_of(member))
    context = {
        "goals": goals,
        "mission_map": selectors.mission_map(member),
        "unlinked": [g for g in goals if not g.links.all()],
        "decisions": selectors.decisions_for(member)[:20],
        "due": selectors.decisions_due(member, today),
        "engagements": selectors.engagements_for_goals(member)[:20],
    }
    return render(request, "leadership/mine.html", context)


@org_view("leadership.models")
def models_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    context = {
        "models": selectors.models_for(org=member.org),
        "may_import": policy.allows(member, "leadership.models.import"),
        "form": ModelUploadForm(),
    }
    return render(request, "leadership/models.html", context)


@org_view("leadership.models")
def model_detail(request: HttpRequest, key: str) -> HttpResponse:
    model = selectors.model_for(org=request.org, key=key)  # type: ignore[attr-defined]
    if model is None:
        raise Http404
    return render(request, "leadership/model.html", {"model": model})


@require_POST
@org_view("leadership.models.import")
def model_import(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = ModelUploadForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            row, created = services.model_import(
                org=member.org, text=upload.read(), source=upload.name, actor=member
            )
        except DataFileError as exc:
            problems = exc.messages()
        else:
            done = {"name": row.name, "version": row.version}
            if created:
                messages.success(request, gettext("Imported %(name)s, version %(version)s.") % done)
            else:
                messages.success(
                    request, gettext("Unchanged: %(name)s, version %(version)s.") % done
                )
            return redirect("leadership:models", slug=member.org.slug)
    context = {
        "models": selectors.models_for(org=member.org),
        "may_import": True,
        "form": form,
        "problems": problems,
    }
    return render(request, "leadership/models.html", context, status=400)


@org_view("mission.read")
def mission(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    may_manage = policy.allows(member, "mission.manage")
    form = MissionPartForm()
    status = 200
    if request.method == "POST":
        policy.require(member, "mission.manage")
        form = MissionPartForm(request.POST)
        if form.is_valid():
            services.mission_part_save(org=member.org, **form.cleaned_data)
            messages.success(request, "Saved.")
            return redirect("leadership:mission", slug=member.org.slug)
        status = 400
    parts = selectors.mission_of(member.org)
    context = {
        "mission_parts": [p for p in parts if p.kind == "mission"],
        "values": [p for p in parts if p.kind == "value"],
        "may_manage": may_manage,
        "form": form,
    }
    return render(request, "leadership/mission.html", context, status=status)


@require_POST
@org_view("mission.manage")
def mission_archive(request: HttpRequest, part: object) -> HttpResponse:
    found = selectors.part_get(org=request.org, uuid=str(part))  # type: ignore[attr-defined]
    if found is None:
        raise Http404
    services.mission_part_archive(part=found)
    messages.success(request, f"Archived {found.name}.")
    return redirect("leadership:mission", slug=found.org.slug)
