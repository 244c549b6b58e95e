"""A visit's page and the live observation: a running clock, time-stamped notes saved as they are
typed (static/instructional/observe.js keeps unsent notes and retries; the server keeps one note
per client id, so a retry never writes twice), rubric ratings and engagement tallies by htmx, and
the debrief, which starts from the observation's notes."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.instructional import selectors, services
from trellis.instructional.forms import DebriefForm, VisitEditForm
from trellis.instructional.models import Visit
from trellis.instructional.views import errors_into

BAD_CLIENT_ID = gettext_lazy("The note has no valid id; reload the page.")
# A refused rating or tally names the field as the page labels it.
FIELD_LABELS = {
    "indicator": gettext_lazy("Indicator"),
    "level": gettext_lazy("Level"),
    "engaged": gettext_lazy("On task"),
    "present": gettext_lazy("Present"),
}


def refusal(exc: ValidationError, default: str) -> HttpResponse:
    """400 with each problem after the name of its field: "Level: Rate 'x' with one of ..."."""
    if hasattr(exc, "error_dict"):
        lines = [
            f"{FIELD_LABELS.get(field, field.replace('_', ' ').capitalize())}: {message}"
            for field, messages_ in exc.message_dict.items()
            for message in messages_
        ]
    else:
        lines = [f"{default}: {message}" for message in exc.messages]
    return HttpResponse(" ".join(lines), status=400, content_type="text/plain; charset=utf-8")


def visit_of(request: HttpRequest, uuid: Any, action: str) -> tuple[Membership, Visit]:
    member = request.member  # type: ignore[attr-defined]
    visit = selectors.visit_get(member=member, uuid=str(uuid))
    if visit is None:
        raise Http404
    policy.require(member, action, visit)
    return member, visit


def _client_id(value: str) -> UUID | None:
    try:
        return UUID(value)
    except (TypeError, ValueError):
        return None


@org_view("cycle.list")
def visit_detail(request: HttpRequest, visit: Any) -> HttpResponse:
    member, found = visit_of(request, visit, "cycle.view")
    content = policy.allows(member, "cycle.content.read", found)
    context: dict[str, Any] = {
        "visit": found,
        "cycle": found.cycle,
        "content": content,
        "write": policy.allows(member, "cycle.write", found) and found.kind == "observation",
        "debriefs": list(found.debriefs.all()) if content else [],
        "may_edit": policy.allows(member, "cycle.write", found),
        "checklist": [
            (item["text"], item["text"] in (found.checklist_done or []))
            for item in found.cycle.checklist or []
        ]
        if content
        else [],
    }
    if content and found.kind == "observation":
        context.update(selectors.observation_view(found))
    return render(request, "instructional/visit.html", context)


@require_POST
@org_view("cycle.list")
def note_save(request: HttpRequest, visit: Any) -> HttpResponse:
    member, found = visit_of(request, visit, "cycle.write")
    client_id = _client_id(request.POST.get("client_id", ""))
    if client_id is None:
        return HttpResponse(BAD_CLIENT_ID, status=400)
    try:
        services.note_save(
            actor=member,
            visit=found,
            client_id=client_id,
            at_seconds=request.POST.get("at_seconds"),
            text=request.POST.get("text", ""),
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    context = {"visit": found, "notes": list(found.notes.all()), "content": True}
    return render(request, "instructional/visit.html#notes", context)


@require_POST
@org_view("cycle.list")
def rating_save(request: HttpRequest, visit: Any) -> HttpResponse:
    member, found = visit_of(request, visit, "cycle.write")
    indicator = request.POST.get("indicator", "")
    try:
        rating = services.rating_save(
            actor=member, visit=found, indicator=indicator, level=request.POST.get("level")
        )
    except ValidationError as exc:
        return refusal(exc, gettext("Rating"))
    rubric = selectors.rubric_of(found)
    label = rubric.level_label(rating.level) if rating and rubric else ""
    text = gettext("Saved: %(level)s") % {"level": label} if rating else gettext("Cleared")
    return HttpResponse(text)


@require_POST
@org_view("cycle.list")
def tally_add(request: HttpRequest, visit: Any) -> HttpResponse:
    member, found = visit_of(request, visit, "cycle.write")
    client_id = _client_id(request.POST.get("client_id", ""))
    if client_id is None:
        return HttpResponse(BAD_CLIENT_ID, status=400)
    counts: dict[str, int] = {}
    for field in ("engaged", "present"):
        try:
            counts[field] = int(request.POST.get(field, ""))
        except ValueError:
            problem = ValidationError({field: [gettext("expected a whole number of students.")]})
            return refusal(problem, gettext("Tally"))
    engaged, present = counts["engaged"], counts["present"]
    try:
        services.tally_add(
            actor=member,
            visit=found,
            client_id=client_id,
            at_seconds=request.POST.get("at_seconds"),
            engaged=engaged,
            present=present,
        )
    except ValidationError as exc:
        return refusal(exc, gettext("Tally"))
    context = {"visit": found, **selectors.observation_view(found)}
    return render(request, "instructional/visit.html#tallies", context)


@org_view("cycle.list")
def debrief(request: HttpRequest, visit: Any) -> HttpResponse:
    member, found = visit_of(request, visit, "cycle.content.read")
    if found.kind != Visit.Kind.OBSERVATION:
        raise Http404
    may_write = policy.allows(member, "cycle.write", found)
    if request.method == "POST" and not may_write:
        policy.require(member, "cycle.write", found)
    form = DebriefForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_add(
                actor=member,
                cycle=found.cycle,
                kind=Visit.Kind.DEBRIEF,
                of_visit=found,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, gettext("The debrief is recorded."))
            return redirect("instructional:cycle", slug=member.org.slug, cycle=found.cycle.uuid)
    context = {
        "visit": found,
        "cycle": found.cycle,
        "form": form if may_write else None,
        "debriefs": list(found.debriefs.all()),
        **selectors.observation_view(found),
    }
    status = 400 if form.errors else 200
    return render(request, "instructional/debrief.html", context, status=status)


@org_view("cycle.list")
def visit_edit(request: HttpRequest, visit: Any) -> HttpResponse:
    """Change a visit (the teacher or the coach). A refused form answers 400 with what was typed."""
    member, found = visit_of(request, visit, "cycle.write")
    initial = {
        "on": found.on,
        "minutes": found.minutes,
        "video_url": found.video_url,
        "summary": found.summary,
        "next_step": found.next_step,
    }
    form = VisitEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(actor=member, visit=found, **form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, gettext("The visit is saved."))
            return redirect("instructional:visit", slug=member.org.slug, visit=found.uuid)
    status = 400 if request.method == "POST" else 200
    context = {"visit": found, "cycle": found.cycle, "form": form}
    return render(request, "instructional/visit_edit.html", context, status=status)


@require_POST
@org_view("cycle.list")
def visit_checklist(request: HttpRequest, visit: Any) -> HttpResponse:
    """Tick the strategy's checklist items the teacher did in this visit."""
    member, found = visit_of(request, visit, "cycle.write")
    try:
        services.visit_checklist(actor=member, visit=found, done=request.POST.getlist("done"))
    except ValidationError as exc:
        return refusal(exc, gettext("Checklist"))
    messages.success(request, gettext("Checklist saved."))
    return redirect("instructional:visit", slug=member.org.slug, visit=found.uuid)
