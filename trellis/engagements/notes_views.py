"""Pages for a coaching session's notes (writing one, sharing it with the sponsor), its summary
and its Markdown export. (The engagement and runner pages are in views.py.)"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.engagements import selectors, services
from trellis.engagements.forms import (
    NoteForm,
)
from trellis.engagements.models import CoachingSession
from trellis.engagements.views import (
    _add_errors,
    _notes_context,
    _runner_context,
    _session_for,
)


@require_POST
@org_view("session.list")
def session_note_create(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "note.create")
    member = request.member  # type: ignore[attr-defined]
    form = NoteForm(request.POST, private_allowed=member.pk == session.coach_id)
    if form.is_valid():
        engine = selectors.session_engine(session)
        try:
            services.session_note_create(
                actor=member, session=session, stage=engine.current, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            session.refresh_from_db(fields=["state"])  # the note's draft is gone
            return _notes(request, session, None)
    return _notes(request, session, form)


def _notes(request: HttpRequest, session: CoachingSession, form: NoteForm | None) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request, "engagements/session.html#notes", _notes_context(request, session, form)
        )
    if form is not None and form.errors:
        context = _runner_context(request, session) | _notes_context(request, session, form)
        return render(request, "engagements/session.html", context)
    return redirect("engagements:session", slug=session.org.slug, session_uuid=session.uuid)


@require_POST
@org_view("session.list")
def session_note_sponsor(request: HttpRequest, session_uuid: str, note_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.view")
    note = session.notes.filter(uuid=note_uuid).first()
    if note is None:
        raise Http404
    note.session = session
    member = request.member  # type: ignore[attr-defined]
    policy.require(member, "note.share_with_sponsor", note)
    try:
        services.session_note_share_with_sponsor(
            actor=member,
            note=note,
            shared=request.POST.get("shared") == "yes",
            named=request.POST.get("shared_with") or None,  # the sponsor the page named
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if session.is_finished and not request.htmx:  # type: ignore[attr-defined]
        return redirect(
            "engagements:session_summary", slug=session.org.slug, session_uuid=session.uuid
        )
    return _notes(request, session, None)


@org_view("session.list")
def session_summary(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.content.read")
    engine = selectors.session_engine(session)
    context = {
        "session": session,
        "framework": engine.framework,
        "artifacts": session.artifacts if session.is_finished else None,
        "stage_names": {s.key: s.name for s in engine.framework.stages},
        "plan_url": _plan_url(request.member, session),  # type: ignore[attr-defined]
    } | _notes_context(request, session)
    return render(request, "engagements/session_summary.html", context)


def _plan_url(member: Membership, session: CoachingSession) -> str:
    """Where the session's goals now live, when the goals app has pages for them."""
    slug = session.org.slug
    try:
        if member.pk == session.coachee_id:
            return reverse("goals:my_plan", kwargs={"slug": slug})
        if session.engagement is not None:
            kwargs = {"slug": slug, "engagement_uuid": session.engagement.uuid}
            return reverse("goals:engagement_plan", kwargs=kwargs)
    except NoReverseMatch:
        pass
    return ""


@org_view("session.list")
def session_export(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.content.read")
    notes = selectors.session_notes_for(member=request.member, session=session)  # type: ignore[attr-defined]
    text = selectors.session_markdown(session, notes)
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    name = f"{session.framework_version.key}-session-{session.started_at:%Y-%m-%d}.md"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
