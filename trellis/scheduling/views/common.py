"""What the scheduling pages share: the member, rendering, form errors, today in the member's zone,
the URLs the calendar links to, and one session (404 when not theirs)."""

from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.schedule.times import zone
from trellis.scheduling import selectors
from trellis.scheduling.models import ScheduledSession

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


def _occurrence(member: Membership, occurrence_uuid: str) -> ScheduledSession:
    occurrence = selectors.occurrence_get(member=member, uuid=occurrence_uuid)
    if occurrence is None:
        raise Http404
    policy.require(member, "calendar.session.view", occurrence.series)
    return occurrence
