"""Pages: career events, their import, trigger rules and the scheduling settings."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.accounts.paging import kept_page_of
from trellis.engagements.models import PARTICIPANT_ROWS
from trellis.scheduling import forms, selectors, services
from trellis.scheduling.models import CareerEvent, SchedulingSettings
from trellis.scheduling.services.events import framework_choices
from trellis.scheduling.views.common import _errors_to_form, _member, _render

# career events and trigger rules


@org_view("event.list")
def events(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    coachees = selectors.coachees_for_events(member=member)
    form = forms.EventForm(
        request.POST or None,
        coachees=coachees,
        initial={"coachee": member.uuid if member.is_coachee else None},
    )
    if request.method == "POST":
        policy.require(member, "event.log")
        if form.is_valid():
            try:
                event = services.career_event_log(actor=member, **form.cleaned_data)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                fired = event.firings.exclude(coaching_session_uuid=None).count()
                names = {"event": event.type_label, "count": fired}
                note = (
                    ngettext(
                        "%(event)s logged and opened %(count)d focused session.",
                        "%(event)s logged and opened %(count)d focused sessions.",
                        fired,
                    )
                    if fired
                    else _("%(event)s logged.")
                )
                messages.success(request, note % names)
                return redirect("scheduling:event", slug=member.org.slug, event_uuid=event.uuid)
    return _render(
        request,
        "scheduling/events.html",
        {
            "page": _events_page(request, member),
            "type_choices": CareerEvent.Type.choices,
            "form": form,
            "can_log": coachees.exists(),
            "is_admin": member.is_admin,
        },
    )


def _events_page(request: HttpRequest, member: Membership) -> Any:
    """A page of the events the member may see, of the type `?type=` names (any when it names
    none), its queries kept."""
    values = selectors.events_visible_values(member)
    kind = request.GET.get("type", "")
    if kind in CareerEvent.Type.values:
        values["kind"] = kind
    return kept_page_of(request, "scheduling: events list", _events_listed, **values)


def _events_listed(kind: str = "", **visible: Any) -> Any:
    # into lists (to_attr): a prefetch into managers builds a query set for every row
    events = selectors.events_visible_by_ids(**visible).prefetch_related(
        Prefetch("firings", to_attr="firing_list"),
        Prefetch("engagement__participants", to_attr=PARTICIPANT_ROWS),
    )
    return events.filter(type=kind) if kind else events


@org_view("event.import")
def events_import(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = forms.EventImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    count = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            made = services.career_events_import(
                actor=member, data=upload.read(), source=upload.name
            )
        except services.EventImportError as exc:
            errors, count = exc.errors, exc.count
        else:
            messages.success(
                request,
                ngettext("%(count)d event imported.", "%(count)d events imported.", len(made))
                % {"count": len(made)},
            )
            return redirect("scheduling:events", slug=member.org.slug)
    context = {"form": form, "errors": errors, "count": count}
    response = _render(request, "scheduling/events_import.html", context)
    if errors or form.errors:
        response.status_code = 400
    return response


def _event(member: Membership, event_uuid: str) -> CareerEvent:
    event = selectors.event_get(member=member, uuid=event_uuid)
    if event is None:
        raise Http404
    policy.require(member, "event.view", event)
    return event


@org_view("event.list")
def event(request: HttpRequest, event_uuid: str) -> HttpResponse:
    member = _member(request)
    found = _event(member, event_uuid)
    return _render(
        request,
        "scheduling/event.html",
        {
            "event": found,
            "firings": found.firings.select_related("rule", "started_by__user"),
            "sees_notes": policy.allows(member, "event.notes.read", found),
            "can_start": policy.allows(member, "event.session.start", found)
            and found.engagement_id,
            "can_delete": policy.allows(member, "event.change", found),
            "session_form": forms.EventSessionForm(frameworks=framework_choices(org=member.org)),
        },
    )


@require_POST
@org_view("event.list")
def event_session(request: HttpRequest, event_uuid: str) -> HttpResponse:
    member = _member(request)
    found = _event(member, event_uuid)
    policy.require(member, "event.session.start", found)
    form = forms.EventSessionForm(request.POST, frameworks=framework_choices(org=member.org))
    if form.is_valid():
        try:
            services.event_session_start(
                actor=member, event=found, framework_key=form.cleaned_data["framework_key"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("A focused session is open."))
    return redirect("scheduling:event", slug=member.org.slug, event_uuid=found.uuid)


@require_POST
@org_view("event.list")
def event_delete(request: HttpRequest, event_uuid: str) -> HttpResponse:
    member = _member(request)
    found = _event(member, event_uuid)
    policy.require(member, "event.change", found)
    services.career_event_delete(actor=member, event=found)
    messages.success(request, _("Event deleted."))
    return redirect("scheduling:events", slug=member.org.slug)


@org_view("trigger.manage")
def triggers(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    choices = framework_choices(org=member.org)
    form = forms.TriggerForm(request.POST or None, frameworks=choices)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "days": form.cleaned_data.get("days") or 0}
        try:
            services.trigger_rule_create(actor=member, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Rule added."))
            return redirect("scheduling:triggers", slug=member.org.slug)
    return _render(
        request,
        "scheduling/triggers.html",
        {"rules": selectors.trigger_rules(member=member), "form": form},
    )


@require_POST
@org_view("trigger.manage")
def trigger_delete(request: HttpRequest, rule_uuid: str) -> HttpResponse:
    member = _member(request)
    rule = selectors.trigger_rule_get(member=member, uuid=rule_uuid)
    if rule is None:
        raise Http404
    services.trigger_rule_delete(actor=member, rule=rule)
    messages.success(request, _("Rule removed."))
    return redirect("scheduling:triggers", slug=member.org.slug)


@org_view("org.settings")
def scheduling_settings(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    found = SchedulingSettings.objects.filter(org=member.org).first()
    form = forms.SchedulingSettingsForm(
        request.POST or None,
        initial={"cancellation_window_hours": found.cancellation_window_hours if found else 24},
    )
    if request.method == "POST" and form.is_valid():
        services.scheduling_settings_save(actor=member, **form.cleaned_data)
        messages.success(request, _("Scheduling rules saved."))
        return redirect("scheduling:settings", slug=member.org.slug)
    return _render(request, "scheduling/settings.html", {"form": form})
