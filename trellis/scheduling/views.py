"""Pages: calendar (week and agenda), a coach's schedule, sessions of an engagement, one session,
availability and booking, career events and trigger rules, reminder settings and the feed."""

from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.accounts.paging import page_of
from trellis.core.schedule.times import zone
from trellis.scheduling import forms, selectors, services
from trellis.scheduling.models import CareerEvent, ScheduledSession, SchedulingSettings
from trellis.scheduling.services.bookings import BOOK_AHEAD
from trellis.scheduling.services.events import framework_choices
from trellis.scheduling.services.feeds import feed_url
from trellis.scheduling.services.text import describe_rule

AGENDA_DAYS = 28
SCHEDULE_DAYS = 14


def _member(request: HttpRequest) -> Membership:
    return request.member  # type: ignore[attr-defined]


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render with datetimes shown on the viewer's clock."""
    with timezone.override(zone(selectors.viewer_zone(_member(request)))):
        return render(request, template, context)


def _errors_to_form(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _form_errors(form: Form) -> str:
    return "; ".join(
        f"{field}: {' '.join(str(e) for e in errors)}" for field, errors in form.errors.items()
    )


def _today(member: Membership) -> date:
    return timezone.now().astimezone(zone(selectors.viewer_zone(member))).date()


def _day_param(request: HttpRequest, member: Membership) -> date:
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return _today(member)


def _url_of(name: str, slug: str) -> Any:
    """The URL of one occurrence or event from its uuid: reversed once for a whole calendar."""
    blank = str(UUID(int=0))
    url = reverse(name, args=[slug, blank])
    return lambda item: url.replace(blank, str(item.uuid))


def _session_url(slug: str) -> Any:
    return _url_of("scheduling:session", slug)


def _event_url(slug: str) -> Any:
    return _url_of("scheduling:event", slug)


# the calendar


@org_view("calendar.view")
def calendar(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    slug = member.org.slug
    view = "agenda" if request.GET.get("view") == "agenda" else "week"
    day = _day_param(request, member)
    if view == "week":
        first = day - timedelta(days=day.weekday())
        days, step = 7, timedelta(days=7)
    else:
        first, days, step = day, AGENDA_DAYS, timedelta(days=AGENDA_DAYS)
    items = selectors.calendar_items(
        member=member,
        start_day=first,
        days=days,
        url_of_session=_session_url(slug),
        url_of_event=_event_url(slug),
    )
    context = {
        "view": view,
        "days": list(items.items()),
        "has_items": any(items.values()),
        "first": first,
        "last": first + timedelta(days=days - 1),
        "previous": first - step,
        "next": first + step,
        "today": _today(member),
        "zone_name": selectors.viewer_zone(member),
        "engagements": selectors.engagements_to_schedule(member=member),
        "is_coach": member.is_coach,
        "is_coachee": member.is_coachee,
        "is_admin": member.is_admin,
    }
    template = "scheduling/calendar.html#days" if request.htmx else "scheduling/calendar.html"  # type: ignore[attr-defined]
    return _render(request, template, context)


@org_view("calendar.schedule.view")
def schedule(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    zone_name = selectors.viewer_zone(member)
    first = _day_param(request, member)
    start, end = selectors.local_day_bounds(first, zone_name, SCHEDULE_DAYS)
    tz = zone(zone_name)
    by_day: dict[date, list[ScheduledSession]] = {}
    for o in selectors.coach_schedule(member=member, start=start, end=end):
        by_day.setdefault(o.start.astimezone(tz).date(), []).append(o)
    context = {
        "by_day": sorted(by_day.items()),
        "first": first,
        "last": first + timedelta(days=SCHEDULE_DAYS - 1),
        "previous": first - timedelta(days=SCHEDULE_DAYS),
        "next": first + timedelta(days=SCHEDULE_DAYS),
        "zone_name": zone_name,
        "engagements": selectors.engagements_to_schedule(member=member).filter(coach=member),
    }
    return _render(request, "scheduling/schedule.html", context)


# sessions of an engagement


@org_view("calendar.view")
def engagement_sessions(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, "engagement.view", engagement)
    can_schedule = policy.allows(member, "calendar.session.schedule", engagement)
    zone_name = selectors.viewer_zone(member)
    form = forms.ScheduleForm(request.POST or None, zone_name=zone_name)
    if request.method == "POST":
        policy.require(member, "calendar.session.schedule", engagement)
        if form.is_valid():
            try:
                series = services.session_schedule(
                    actor=member, engagement=engagement, **form.service_kwargs()
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request, f"{series.summary} scheduled; an invitation is on its way."
                )
                return redirect(
                    "scheduling:engagement", slug=member.org.slug, engagement_uuid=engagement.uuid
                )
    since = timezone.now() - timedelta(days=30)
    occurrences = list(selectors.engagement_occurrences(engagement=engagement, since=since)[:60])
    for occurrence in occurrences:  # attendance: what sponsors and admins see of a session
        occurrence.attendance = selectors.attendance_of(occurrence, now=timezone.now())  # type: ignore[attr-defined]
    return _render(
        request,
        "scheduling/engagement.html",
        {
            "engagement": engagement,
            "occurrences": occurrences,
            "form": form,
            "cadence_form": forms.CadenceForm(zone_name=zone_name),
            "can_schedule": can_schedule,
            "can_set_cadence": policy.allows(member, "calendar.cadence.set", engagement),
            "sees_details": policy.allows(member, "engagement.content.read", engagement),
            "zone_name": zone_name,
        },
    )


@require_POST
@org_view("calendar.view")
def cadence(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, "calendar.cadence.set", engagement)
    form = forms.CadenceForm(request.POST, zone_name=selectors.viewer_zone(member))
    if form.is_valid():
        try:
            services.cadence_set(
                actor=member,
                engagement=engagement,
                every_weeks=form.cleaned_data["every_weeks"],
                first=form.aware("first"),  # type: ignore[arg-type]
                duration_minutes=form.cleaned_data["duration_minutes"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            weeks = form.cleaned_data["every_weeks"]
            messages.success(
                request,
                f"A review every {weeks} week{'s' if weeks != 1 else ''} is on the calendar.",
            )
    else:
        messages.error(request, _form_errors(form))
    return redirect("scheduling:engagement", slug=member.org.slug, engagement_uuid=engagement.uuid)


# one session


def _occurrence(member: Membership, occurrence_uuid: str) -> ScheduledSession:
    occurrence = selectors.occurrence_get(member=member, uuid=occurrence_uuid)
    if occurrence is None:
        raise Http404
    policy.require(member, "calendar.session.view", occurrence.series)
    return occurrence


@org_view("calendar.view")
def session(request: HttpRequest, occurrence_uuid: str) -> HttpResponse:
    member = _member(request)
    occurrence = _occurrence(member, occurrence_uuid)
    series = occurrence.series
    return _render(
        request,
        "scheduling/session.html",
        {
            "o": occurrence,
            "series": series,
            "zone_name": selectors.viewer_zone(member),
            "sees_details": policy.allows(member, "calendar.session.details", series),
            "can_change": policy.allows(member, "calendar.session.change", series)
            and not occurrence.is_cancelled
            and occurrence.end > timezone.now(),
            "rule": describe_rule(series),
            "attendance": selectors.attendance_of(occurrence, now=timezone.now()),
            "can_log": policy.allows(member, "attendance.record", occurrence)
            and occurrence.start <= timezone.now(),
        },
    )


def _change(request: HttpRequest, occurrence_uuid: str, action: str) -> HttpResponse:
    member = _member(request)
    occurrence = _occurrence(member, occurrence_uuid)
    policy.require(member, "calendar.session.change", occurrence.series)
    zone_name = selectors.viewer_zone(member)
    form: forms.CancelForm | forms.RescheduleForm
    if action == "cancel":
        form = forms.CancelForm(request.POST or None)
    else:
        local = occurrence.start.astimezone(zone(zone_name)).replace(tzinfo=None)
        minutes = int(occurrence.duration.total_seconds() // 60)
        form = forms.RescheduleForm(
            request.POST or None,
            zone_name=zone_name,
            initial={"start": local, "duration_minutes": minutes},
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        following = data["scope"] == "following"
        try:
            if action == "cancel":
                changed = services.occurrence_cancel(
                    actor=member, occurrence=occurrence, reason=data["reason"], following=following
                )
                note = "Cancelled" + (" (late cancellation)" if changed.late else "")
            else:
                assert isinstance(form, forms.RescheduleForm)
                changed = services.occurrence_reschedule(
                    actor=member,
                    occurrence=occurrence,
                    start=form.aware("start"),  # type: ignore[arg-type]
                    duration_minutes=data["duration_minutes"],
                    reason=data["reason"],
                    following=following,
                )
                note = "Rescheduled"
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, f"{note}; the other person has been told.")
            return redirect(
                "scheduling:session", slug=member.org.slug, occurrence_uuid=changed.uuid
            )
    return _render(
        request,
        "scheduling/session_change.html",
        {
            "o": occurrence,
            "form": form,
            "action": action,
            "zone_name": zone_name,
            "repeats": occurrence.series.repeats,
        },
    )


@org_view("calendar.view")
def session_cancel(request: HttpRequest, occurrence_uuid: str) -> HttpResponse:
    return _change(request, occurrence_uuid, "cancel")


@org_view("calendar.view")
def session_reschedule(request: HttpRequest, occurrence_uuid: str) -> HttpResponse:
    return _change(request, occurrence_uuid, "reschedule")


# availability and booking


@org_view("availability.manage")
def availability(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    found = selectors.availability_of(member=member)
    initial = {
        "timezone": found.timezone if found else selectors.viewer_zone(member),
        "slot_minutes": found.slot_minutes if found else 60,
        "buffer_before_minutes": found.buffer_before_minutes if found else 0,
        "buffer_after_minutes": found.buffer_after_minutes if found else 15,
        "notice_hours": found.notice_hours if found else 24,
    }
    form = forms.AvailabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.availability_save(
                actor=member,
                timezone_name=form.cleaned_data["timezone"],
                slot_minutes=form.cleaned_data["slot_minutes"],
                buffer_before_minutes=form.cleaned_data["buffer_before_minutes"],
                buffer_after_minutes=form.cleaned_data["buffer_after_minutes"],
                notice_hours=form.cleaned_data["notice_hours"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Booking rules saved.")
            return redirect("scheduling:availability", slug=member.org.slug)
    zone_name = found.timezone if found else selectors.viewer_zone(member)
    return _render(
        request,
        "scheduling/availability.html",
        {
            "form": form,
            "availability": found,
            "windows": found.windows.all() if found else [],
            "exceptions": found.exceptions.filter(end__gte=timezone.now()) if found else [],
            "window_form": forms.WindowForm(),
            "exception_form": forms.ExceptionForm(zone_name=zone_name),
            "zone_name": zone_name,
        },
    )


@require_POST
@org_view("availability.manage")
def window_add(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = forms.WindowForm(request.POST)
    if form.is_valid():
        try:
            services.availability_window_add(actor=member, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Window added.")
    else:
        messages.error(request, _form_errors(form))
    return redirect("scheduling:availability", slug=member.org.slug)


@require_POST
@org_view("availability.manage")
def window_remove(request: HttpRequest, window_uuid: str) -> HttpResponse:
    member = _member(request)
    window = selectors.window_get(member=member, uuid=window_uuid)
    if window is None:
        raise Http404
    services.availability_window_remove(actor=member, window=window)
    messages.success(request, "Window removed.")
    return redirect("scheduling:availability", slug=member.org.slug)


@require_POST
@org_view("availability.manage")
def exception_add(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    found = selectors.availability_of(member=member)
    zone_name = found.timezone if found else selectors.viewer_zone(member)
    form = forms.ExceptionForm(request.POST, zone_name=zone_name)
    if form.is_valid():
        try:
            services.availability_exception_add(
                actor=member,
                kind=form.cleaned_data["kind"],
                start=form.aware("start"),  # type: ignore[arg-type]
                end=form.aware("end"),  # type: ignore[arg-type]
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Exception added.")
    else:
        messages.error(request, _form_errors(form))
    return redirect("scheduling:availability", slug=member.org.slug)


@require_POST
@org_view("availability.manage")
def exception_remove(request: HttpRequest, exception_uuid: str) -> HttpResponse:
    member = _member(request)
    exception = selectors.exception_get(member=member, uuid=exception_uuid)
    if exception is None:
        raise Http404
    services.availability_exception_remove(actor=member, exception=exception)
    messages.success(request, "Exception removed.")
    return redirect("scheduling:availability", slug=member.org.slug)


@org_view("booking.list")
def book(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    zone_name = selectors.viewer_zone(member)
    now = timezone.now()
    tz = zone(zone_name)
    offers = []
    for engagement in selectors.bookable_engagements(member=member):
        slots = services.free_slots(engagement=engagement, start=now, end=now + BOOK_AHEAD, now=now)
        by_day: dict[date, list[datetime]] = {}
        for slot in slots:
            local = slot.start.astimezone(tz)
            by_day.setdefault(local.date(), []).append(local)
        offers.append((engagement, sorted(by_day.items())))
    return _render(request, "scheduling/book.html", {"offers": offers, "zone_name": zone_name})


@require_POST
@org_view("booking.list")
def book_slot(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = _member(request)
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, "booking.create", engagement)
    try:
        start = datetime.fromisoformat(request.POST.get("start", ""))
        if start.tzinfo is None:
            raise ValueError
    except ValueError:
        messages.error(request, "Pick one of the free times below.")
        return redirect("scheduling:book", slug=member.org.slug)
    try:
        booking = services.slot_book(actor=member, engagement=engagement, start=start)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scheduling:book", slug=member.org.slug)
    messages.success(
        request, f"Booked with {engagement.coach.user.display_name}; an invitation is on its way."
    )
    assert booking.session is not None
    return redirect(
        "scheduling:session", slug=member.org.slug, occurrence_uuid=booking.session.uuid
    )


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
                note = (
                    f" and opened {fired} focused session{'s' if fired != 1 else ''}"
                    if fired
                    else ""
                )
                messages.success(request, f"{event.type_label} logged{note}.")
                return redirect("scheduling:event", slug=member.org.slug, event_uuid=event.uuid)
    return _render(
        request,
        "scheduling/events.html",
        {
            "page": page_of(request, _events_filtered(request, member)),
            "type_choices": CareerEvent.Type.choices,
            "form": form,
            "can_log": coachees.exists(),
            "is_admin": member.is_admin,
        },
    )


def _events_filtered(request: HttpRequest, member: Membership) -> Any:
    """The events the member may see, of the type `?type=` names (any when it names none)."""
    events = selectors.events_visible_to(member=member).prefetch_related(
        "firings", "engagement__participants"
    )
    kind = request.GET.get("type", "")
    return events.filter(type=kind) if kind in CareerEvent.Type.values else events


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
            messages.success(request, f"{len(made)} event{'s' if len(made) != 1 else ''} imported.")
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
            messages.success(request, "A focused session is open.")
    return redirect("scheduling:event", slug=member.org.slug, event_uuid=found.uuid)


@require_POST
@org_view("event.list")
def event_delete(request: HttpRequest, event_uuid: str) -> HttpResponse:
    member = _member(request)
    found = _event(member, event_uuid)
    policy.require(member, "event.change", found)
    services.career_event_delete(actor=member, event=found)
    messages.success(request, "Event deleted.")
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
            messages.success(request, "Rule added.")
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
    messages.success(request, "Rule removed.")
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
        messages.success(request, "Scheduling rules saved.")
        return redirect("scheduling:settings", slug=member.org.slug)
    return _render(request, "scheduling/settings.html", {"form": form})


# reminders and the feed


@org_view("calendar.view")
def reminders(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    choices = selectors.reminder_choices(member=member)
    initial: dict[str, Any] = {
        "quiet_start": choices.quiet_start,
        "quiet_end": choices.quiet_end,
        "digest_time": choices.digest_time,
    }
    initial |= {f"kind_{row.kind}": row.delivery for row in choices.rows}
    form = forms.PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_save(
                member=member,
                delivery=form.delivery(),
                quiet_start=form.cleaned_data["quiet_start"],
                quiet_end=form.cleaned_data["quiet_end"],
                digest_time=form.cleaned_data["digest_time"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Reminder settings saved.")
            return redirect("scheduling:reminders", slug=member.org.slug)
    token = selectors.feed_token_of(member=member)
    rows = [(row, form[f"kind_{row.kind}"]) for row in choices.rows]
    return _render(
        request,
        "scheduling/reminders.html",
        {
            "form": form,
            "rows": rows,
            "zone_name": selectors.viewer_zone(member),
            "feed_url": feed_url(token) if token else "",
        },
    )


@require_POST
@org_view("calendar.view")
def feed_create(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    services.feed_token_create(member=member)
    messages.success(
        request, "Your private calendar address is ready. Any earlier address no longer works."
    )
    return redirect(reverse("scheduling:reminders", args=[member.org.slug]) + "#feed")


@require_POST
@org_view("calendar.view")
def feed_revoke(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    services.feed_token_revoke(member=member)
    messages.success(
        request, "Your calendar address is switched off; calendars subscribed to it stop updating."
    )
    return redirect(reverse("scheduling:reminders", args=[member.org.slug]) + "#feed")


def feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The private feed: no login (calendar programs cannot sign in), the secret is the key."""
    token = services.feed_token_check(secret)
    if token is None:
        raise Http404
    feed = services.feed_render(token=token)
    # calendar programs poll: an unchanged feed answers 304 to If-None-Match / If-Modified-Since
    last_modified = int(feed.last_modified.timestamp())
    unchanged = get_conditional_response(request, etag=feed.etag, last_modified=last_modified)
    response = unchanged or HttpResponse(feed.body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = feed.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = 'inline; filename="trellis.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
