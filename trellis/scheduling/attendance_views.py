""" "Log your session": record what became of a calendar session and open or link the coaching
conversation held on that occasion. (Views split by topic; the calendar's are in views.py.)"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.engagements import selectors as engagement_selectors
from trellis.engagements.models import CoachingSession
from trellis.scheduling import selectors, services
from trellis.scheduling.models import Outcome
from trellis.scheduling.services.attendance import GROUP_KINDS, group_members
from trellis.scheduling.services.events import framework_choices
from trellis.scheduling.views.common import _member, _occurrence, _render


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        label=gettext_lazy("What became of the session"),
    )


class MembersForm(forms.Form):
    """A group session: who of the accepted members was there."""

    present = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Who attended")
    )
    late_cancelled = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Who cancelled late (inside the cancellation window)"),
    )


class StartForm(forms.Form):
    framework_key = forms.ChoiceField(label=gettext_lazy("Framework"))


class LinkForm(forms.Form):
    session = forms.ChoiceField(label=gettext_lazy("A conversation already held"))


@org_view("calendar.view")
def session_log(request: HttpRequest, occurrence_uuid: str) -> HttpResponse:
    member = _member(request)
    occurrence = _occurrence(member, occurrence_uuid)
    policy.require(member, "attendance.record", occurrence)
    engagement = occurrence.series.engagement
    unlinked = [
        s
        for s in engagement_selectors.sessions_of_engagement(engagement=engagement)
        if not s.calendar_entries.exists()
    ]
    step = request.POST.get("step", "outcome") if request.method == "POST" else ""
    posted = {name: request.POST if step == name else None for name in ("outcome", "start", "link")}
    outcome_form = OutcomeForm(
        posted["outcome"], initial={"outcome": occurrence.outcome or Outcome.HELD}
    )
    start_form = StartForm(posted["start"])
    start_form.fields["framework_key"].choices = framework_choices(org=member.org)  # type: ignore[attr-defined]
    link_form = LinkForm(posted["link"])
    link_form.fields["session"].choices = [  # type: ignore[attr-defined]
        (str(s.uuid), f"{s.framework_version.name}, {s.started_at:%Y-%m-%d}") for s in unlinked
    ]
    group = engagement.kind in GROUP_KINDS
    members = group_members(engagement) if group else []
    members_form = MembersForm(
        request.POST if step == "members" else None,
        initial={
            field: [
                str(m.member.uuid) for m in selectors.member_marks(occurrence) if m.mark == mark
            ]
            for field, mark in (("present", "held"), ("late_cancelled", "late_cancellation"))
        },
    )
    for field in ("present", "late_cancelled"):
        members_form.fields[field].choices = [(str(m.uuid), str(m.user)) for m in members]  # type: ignore[attr-defined]
    form = {
        "outcome": outcome_form,
        "start": start_form,
        "link": link_form,
        "members": members_form,
    }.get(step)
    if form is not None and form.is_valid():
        try:
            if form is members_form:
                there = set(form.cleaned_data["present"])
                late = set(form.cleaned_data["late_cancelled"])
                services.group_attendance_record(
                    actor=member,
                    occurrence=occurrence,
                    present=[m for m in members if str(m.uuid) in there],
                    late_cancelled=[m for m in members if str(m.uuid) in late],
                )
                messages.success(request, _("Attendance recorded for each member."))
                return redirect("scheduling:session_log", member.org.slug, occurrence.uuid)
            if form is outcome_form:
                services.attendance_record(
                    actor=member, occurrence=occurrence, outcome=form.cleaned_data["outcome"]
                )
                messages.success(request, _("Outcome recorded."))
                return redirect("scheduling:session_log", member.org.slug, occurrence.uuid)
            chosen = None
            if form is link_form:
                chosen = CoachingSession.objects.filter(
                    engagement=engagement, uuid=form.cleaned_data["session"]
                ).first()
                if chosen is None:
                    raise Http404
            session = services.attendance_session_open(
                actor=member,
                occurrence=occurrence,
                framework_key=form.cleaned_data.get("framework_key", ""),
                session=chosen,
            )
            return redirect("engagements:session", member.org.slug, session.uuid)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    context = {
        "o": occurrence,
        "engagement": engagement,
        "attendance": selectors.attendance_of(occurrence, now=timezone.now()),
        "outcome_form": outcome_form,
        "members_form": members_form if group else None,
        "marks": selectors.member_marks_for(occurrence, member) if group else [],
        "start_form": start_form,
        "link_form": link_form if unlinked else None,
        "linked": occurrence.coaching_session,
        "zone_name": selectors.viewer_zone(member),
        "can_log": occurrence.start <= timezone.now(),
    }
    return _render(request, "scheduling/session_log.html", context)
