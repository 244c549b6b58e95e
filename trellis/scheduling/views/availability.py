"""Pages: availability (weekly windows and exceptions) and booking."""

from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.core.schedule.times import zone
from trellis.scheduling import forms, selectors, services
from trellis.scheduling.services.bookings import BOOK_AHEAD
from trellis.scheduling.views.common import _errors_to_form, _form_errors, _member, _render

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
            messages.success(request, _("Booking rules saved."))
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
            messages.success(request, _("Window added."))
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
    messages.success(request, _("Window removed."))
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
            messages.success(request, _("Exception added."))
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
    messages.success(request, _("Exception removed."))
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
        messages.error(request, _("Pick one of the free times below."))
        return redirect("scheduling:book", slug=member.org.slug)
    try:
        booking = services.slot_book(actor=member, engagement=engagement, start=start)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scheduling:book", slug=member.org.slug)
    messages.success(
        request,
        _("Booked with %(coach)s; an invitation is on its way.")
        % {"coach": engagement.coach.user.display_name},
    )
    assert booking.session is not None
    return redirect(
        "scheduling:session", slug=member.org.slug, occurrence_uuid=booking.session.uuid
    )
