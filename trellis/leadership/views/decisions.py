"""Decision records: a new one (on its own, or from a session), its page and its review."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.engagements import selectors as engagement_selectors
from trellis.leadership import selectors, services
from trellis.leadership.forms import DecisionForm, RevisitForm
from trellis.leadership.models import DecisionRecord, MissionPart


def _values(org: Any) -> Any:
    return selectors.mission_of(org).filter(kind=MissionPart.Kind.VALUE)


@org_view("decision.create")
def decision_new(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    session = None
    session_uuid = request.GET.get("session") or request.POST.get("session") or ""
    if session_uuid:
        try:
            session = engagement_selectors.session_get(member=member, uuid=session_uuid)
        except ValidationError:
            session = None
        if session is None:
            raise Http404
        policy.require(member, "session.content.read", session)
    form = DecisionForm(request.POST or None, values=_values(member.org))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = services.decision_create(
                    actor=member,
                    session=session,
                    question=data["question"],
                    options=data["options"],
                    consequences=data["consequences"],
                    values=list(data["values"]),
                    values_note=data["values_note"],
                    decision=data["decision"],
                    why=data["why"],
                    review_on=data["review_on"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, gettext("Decision recorded."))
                return redirect("leadership:decision", slug=member.org.slug, decision=record.uuid)
    context = {"form": form, "session": session}
    return render(request, "leadership/decision_form.html", context, status=status)


def _decision(request: HttpRequest, uuid: Any, action: str) -> DecisionRecord:
    member = request.member  # type: ignore[attr-defined]
    record = selectors.decision_get(org=member.org, uuid=str(uuid))
    if record is None:
        raise Http404
    policy.require(member, action, record)
    return record


@org_view("decision.create")
def decision_detail(request: HttpRequest, decision: Any) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    record = _decision(request, decision, "decision.read")
    context = {
        "record": record,
        "due": record.is_due(timezone.localdate()),
        "may_write": policy.allows(member, "decision.write", record),
        "form": RevisitForm(),
    }
    return render(request, "leadership/decision.html", context)


@require_POST
@org_view("decision.create")
def decision_revisit(request: HttpRequest, decision: Any) -> HttpResponse:
    record = _decision(request, decision, "decision.write")
    form = RevisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Say what happened since the decision."))
    else:
        services.decision_revisit(record=record, outcome=form.cleaned_data["outcome"])
        messages.success(request, gettext("Revisited: what happened is recorded."))
    return redirect("leadership:decision", slug=record.org.slug, decision=record.uuid)


@require_POST
@org_view("mission.read")
def session_mission(request: HttpRequest, session: UUID) -> HttpResponse:
    """The session's coach or coachee ticks the parts of the mission and the values it worked on."""
    member = request.member  # type: ignore[attr-defined]
    found = engagement_selectors.session_get(member=member, uuid=str(session))
    if found is None:
        raise Http404
    chosen = set(request.POST.getlist("parts"))
    try:
        wanted = {UUID(value) for value in chosen}
    except ValueError:  # not a UUID at all: the same refusal as another organization's part
        wanted = set()
    parts = list(selectors.mission_of(member.org).filter(uuid__in=wanted)) if wanted else []
    if len(parts) != len(chosen):
        messages.error(request, gettext("Tick the organization's own mission and values only."))
    else:
        services.session_links_set(actor=member, session=found, parts=parts)
        messages.success(request, gettext("Saved what this session worked on."))
    return redirect("engagements:session", slug=member.org.slug, session_uuid=found.uuid)
