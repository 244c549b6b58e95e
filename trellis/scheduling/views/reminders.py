"""Pages: reminder settings and the calendar feed."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trellis.accounts.door import org_view
from trellis.scheduling import forms, selectors, services
from trellis.scheduling.services.feeds import feed_url
from trellis.scheduling.views.common import _errors_to_form, _member, _render

# reminders and the feed


@org_view("calendar.view")
def reminders(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    choices = selectors.reminder_choices(member=member)
    initial: dict[str, Any] = {
        "quiet_start": choices.quiet_start,
        "quiet_end": choices.quiet_end,
        "digest_time": choices.digest_time,
        "home_digest": choices.home_digest,
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
                home_digest=form.cleaned_data["home_digest"] or None,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Reminder settings saved."))
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
        request, _("Your private calendar address is ready. Any earlier address no longer works.")
    )
    return redirect(reverse("scheduling:reminders", args=[member.org.slug]) + "#feed")


@require_POST
@org_view("calendar.view")
def feed_revoke(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    services.feed_token_revoke(member=member)
    messages.success(
        request,
        _("Your calendar address is switched off; calendars subscribed to it stop updating."),
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
