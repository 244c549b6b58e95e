"""Pages: the sessions of an engagement, its cadence, one session, cancelling and rescheduling it."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.core.schedule.times import zone
from trellis.scheduling import forms, selectors, services
from trellis.scheduling.services.text import describe_rule
from trellis.scheduling.views.common import (
    _errors_to_form,
    _form_errors,
    _member,
    _occurrence,
    _render,
)

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
                    request,
                    _("%(summary)s scheduled; an invitation is on its way.")
                    % {"summary": series.summary},
                )
                return redirect(
                    "scheduling:engagement", slug=member.org.slug, engagement_uuid=engagement.uuid
                )
    since = timezone.now() - timedelta(days=30)
    occurrences = list(
        selectors.engagement_occurrences(engagement=engagement, since=since, member=member)[:60]
    )
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
                ngettext(
                    "A review every %(weeks)d week is on the calendar.",
                    "A review every %(weeks)d weeks is on the calendar.",
                    weeks,
                )
                % {"weeks": weeks},
            )
    else:
        messages.error(request, _form_errors(form))
    return redirect("scheduling:engagement", slug=member.org.slug, engagement_uuid=engagement.uuid)


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
            # a team or group session: its name, and the members' marks this person may read
            "group_name": series.engagement.group_name if series.engagement else "",
            "marks": selectors.member_marks_for(occurrence, member),
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
                note = (
                    _("Cancelled (late cancellation); the other person has been told.")
                    if changed.late
                    else _("Cancelled; the other person has been told.")
                )
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
                note = _("Rescheduled; the other person has been told.")
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, note)
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
