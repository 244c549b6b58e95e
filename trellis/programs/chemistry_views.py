"""The page where an enrolled person books a chemistry conversation with a pool coach."""

from datetime import datetime
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from trellis.accounts.door import org_view
from trellis.programs import chemistry, selectors
from trellis.programs.doors import own_enrolment
from trellis.scheduling.services.text import when_for

NOT_A_TIME = _("Pick one of the times shown.")


@org_view("program.list")
def chemistry_book(request: HttpRequest, program: str, coach: UUID) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found, enrolment = own_enrolment(member, program)
    place = next((e for e in selectors.pool_of(program=found) if e.place.coach.uuid == coach), None)
    if place is None:
        raise Http404
    status = 200
    if request.method == "POST":
        try:
            start = datetime.fromisoformat(request.POST.get("start", ""))
            if start.tzinfo is None:
                raise ValueError
        except ValueError:
            messages.error(request, NOT_A_TIME)
            status = 400
        else:
            try:
                chemistry.chemistry_book(
                    actor=member, enrolment=enrolment, coach=place.place.coach, start=start
                )
            except ValidationError as exc:
                for errors in exc.message_dict.values():
                    for error in errors:
                        messages.error(request, error)
                status = 400
            else:
                when = when_for(start, member.user.time_zone)
                messages.success(
                    request,
                    gettext(
                        "Chemistry conversation with %(coach)s booked for %(when)s; "
                        "the invitation is on its way to you both."
                    )
                    % {"coach": place.place.coach.user, "when": when},
                )
                return redirect("programs:detail", slug=member.org.slug, program=found.slug)
    zone = member.user.time_zone
    slots = [
        (s.start.isoformat(), when_for(s.start, zone))
        for s in chemistry.chemistry_slots(enrolment=enrolment, coach=place.place.coach)
    ]
    context = {"program": found, "entry": place, "slots": slots, "zone": zone}
    return render(request, "programs/chemistry.html", context, status=status)


@require_POST
@org_view("program.list")
def chemistry_cancel(request: HttpRequest, program: str) -> HttpResponse:
    """The enrolled person cancels their booked chemistry conversation."""
    member = request.member  # type: ignore[attr-defined]
    found, enrolment = own_enrolment(member, program)
    try:
        chemistry.chemistry_cancel(actor=member, enrolment=enrolment)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(
            request,
            gettext(
                "Chemistry conversation cancelled; the cancellation is on its way to you both."
            ),
        )
    return redirect("programs:detail", slug=member.org.slug, program=found.slug)
