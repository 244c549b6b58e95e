"""Pages for engagements and their coaching sessions (htmx moves between stages)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.accounts.paging import page_of
from trellis.core.frameworks import CoachingSession as Engine
from trellis.core.frameworks import Stage, StageStatus, Voice, review_stage, stage_draft
from trellis.engagements import kinds_views, lifecycle_views, selectors, services, visibility
from trellis.engagements.forms import (
    EngagementFilterForm,
    EngagementForm,
    NoteForm,
    SessionStartForm,
    answers_from_post,
    stage_fields,
)
from trellis.engagements.models import Agreement, CoachingSession, Engagement
from trellis.frameworks import selectors as framework_selectors


@org_view("engagement.list")
def engagement_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = EngagementFilterForm(
        request.GET,
        statuses=[(v, str(label)) for v, label in Engagement.Status.choices],
        by_coach=member.is_admin,
    )
    engagements = selectors.engagements_visible_to(member=member, rows_only=True)
    if form.is_valid():
        engagements = selectors.engagements_search(
            member=member,
            status=form.cleaned_data["status"],
            coach=form.cleaned_data.get("coach", "").strip(),
            text=form.cleaned_data["q"].strip(),
            rows_only=True,
        )
    can_create = policy.allows(member, "engagement.create")
    page = page_of(request, engagements)
    page.object_list = selectors.with_places(page.object_list)
    context = {
        "page": page,
        "filter_form": form,
        "can_create": can_create,
        "waiting": selectors.proposals_for(member=member),
    }
    return render(request, "engagements/list.html", context)


PROPOSED = _("Engagement proposed: it starts when the coachee accepts it.")


@org_view("engagement.create")
def engagement_new(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    coaches = selectors.members_with_role(member=member, role="coach")
    if not member.is_admin:
        coaches = coaches.filter(pk=member.pk)
    form = EngagementForm(
        request.POST or None,
        initial={"coach": member.uuid if member.is_coach else None},
        coaches=coaches,
        coachees=selectors.members_with_role(member=member, role="coachee"),
        sponsors=selectors.members_with_role(member=member, role="sponsor"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_create(actor=member, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, PROPOSED)
            return redirect(
                "engagements:detail", slug=member.org.slug, engagement_uuid=engagement.uuid
            )
    return render(request, "engagements/new.html", {"form": form})


@org_view("engagement.list")
def engagement_detail(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, "engagement.view", engagement)
    return render(request, "engagements/detail.html", _engagement_context(member, engagement))


# -- coaching sessions ---------------------------------------------------------------------------


def _framework_choices(member: Membership) -> list[tuple[str, str]]:
    return [
        (entry.framework.key, entry.framework.name)
        for entry in framework_selectors.frameworks_for(org=member.org)
    ]


def _engagement_context(member: Membership, engagement: Engagement) -> dict[str, Any]:
    sees_content = policy.allows(member, "engagement.content.read", engagement)
    context: dict[str, Any] = {
        "engagement": engagement,
        "sees_content": sees_content,
        "sessions": selectors.sessions_of_engagement(engagement=engagement, member=member),
        "sponsor_notes": [],
        "sponsor_items": [],
    }
    context |= lifecycle_views.lifecycle_context(member, engagement)
    context |= kinds_views.kinds_context(member, engagement)
    if engagement.kind == Engagement.Kind.PEER:  # a peer reads only the sessions they were in
        context["readable_sessions"] = {
            s.pk
            for s in context["sessions"]
            if member.pk in (s.coach_id, s.coachee_id)
            and policy.allows(member, "session.content.read", s)
        }
    if policy.allows(member, "session.start", engagement):
        context["start_form"] = SessionStartForm(frameworks=_framework_choices(member))
    if engagement.sponsor_id == member.pk:
        context["sponsor_notes"] = selectors.notes_shared_with_sponsor(engagement=engagement)
        seen = visibility.sponsor_sees(engagement)
        context["sponsor_items"] = [
            label for key, label in Agreement.SPONSOR_ITEMS.items() if key in seen
        ]
    return context


@require_POST
@org_view("session.list")
def session_start(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    engagement = selectors.engagement_get(member=member, uuid=engagement_uuid)
    if engagement is None:
        raise Http404
    policy.require(member, "session.start", engagement)
    form = SessionStartForm(request.POST, frameworks=_framework_choices(member))
    if form.is_valid():
        try:
            session = services.coaching_session_create(
                actor=member, engagement=engagement, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("engagements:session", slug=member.org.slug, session_uuid=session.uuid)
    context = _engagement_context(member, engagement) | {"start_form": form}
    return render(request, "engagements/detail.html", context)


@org_view("session.list")
def session_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    return render(request, "engagements/sessions.html", _sessions_context(member))


def _sessions_context(member: Membership, form: SessionStartForm | None = None) -> dict[str, Any]:
    rows = [
        (session, policy.allows(member, "session.content.read", session))
        for session in selectors.sessions_visible_to(member=member)[:200]
    ]
    context: dict[str, Any] = {"rows": rows, "plan": []}
    if policy.allows(member, "session.self.start"):
        context["self_form"] = form or SessionStartForm(frameworks=_framework_choices(member))
        context["plan"] = selectors.plan_from_sessions(coachee=member)
    return context


@require_POST
@org_view("session.self.start")
def session_self_start(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = SessionStartForm(request.POST, frameworks=_framework_choices(member))
    if form.is_valid():
        try:
            session = services.coaching_session_create(actor=member, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("engagements:session", slug=member.org.slug, session_uuid=session.uuid)
    return render(request, "engagements/sessions.html", _sessions_context(member, form))


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _session_for(request: HttpRequest, session_uuid: str, action: str) -> CoachingSession:
    member = request.member  # type: ignore[attr-defined]
    session = selectors.session_get(member=member, uuid=session_uuid)
    if session is None:
        raise Http404
    policy.require(member, action, session)
    return session


@org_view("session.list")
def session_detail(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.content.read")
    if session.is_finished:
        return redirect(
            "engagements:session_summary", slug=session.org.slug, session_uuid=session.uuid
        )
    voice = request.GET.get("voice", "")
    if voice not in Voice._value2member_map_:
        voice = ""
    if request.htmx:  # type: ignore[attr-defined]  # a question in another voice
        context = _runner_context(request, session, voice=voice)
        return render(request, "engagements/session.html#runner", context)
    context = _runner_context(request, session, voice=voice) | _notes_context(request, session)
    return render(request, "engagements/session.html", context)


def _runner_context(
    request: HttpRequest,
    session: CoachingSession,
    *,
    data: QueryDict | None = None,
    errors: dict[str, list[str]] | None = None,
    message: str = "",
    voice: str = "",
) -> dict[str, Any]:
    member = request.member  # type: ignore[attr-defined]
    engine = selectors.session_engine(session)
    stage = engine.current_stage
    is_coach = member.pk == session.coach_id
    directive = engine.style == Voice.DIRECTIVE
    prefill = {kind: engine.prefill(stage.key, kind) for kind in stage.accepts}
    stages = engine.framework.stages
    index = engine.framework.index(stage.key)
    draft = engine.draft(stage_draft(stage.key)) if data is None else None
    if draft is not None:  # typed earlier and not saved yet: shown as it was typed
        data = QueryDict(mutable=True)
        data.update(draft)
    reviewing = engine.previous is not None and stage.key == review_stage(engine.framework)
    after = stages[index + 1] if index + 1 < len(stages) else None
    if after is None and reviewing and engine.status(stages[0].key) != StageStatus.DONE:
        after = stages[0]  # the review opened this session; the conversation goes on from the top
    reply_draft = engine.draft(services.reply_draft(member)) or {}
    question = engine.next_question(voice or None)
    return {
        "session": session,
        "framework": engine.framework,
        "engine": engine,
        "stage": stage,
        "stage_number": index + 1,
        "stages": [
            {
                "stage": s,
                "status": engine.status(s.key).value,
                "label": STATUS_LABELS[engine.status(s.key)],
            }
            for s in engine.framework.stages
        ],
        "question": question,
        "reply_text": reply_draft.get("reply", "")
        if question is not None and reply_draft.get("question_id") == question.id
        else "",
        "restored": draft is not None,
        "previous_plan": engine.previous if reviewing else None,
        "sent_back": engine.sent_back_here(),
        "stage_replies": [r for r in engine.replies() if r.stage == stage.key],
        "other_voices": [v.value for v in Voice if v.value != (voice or engine.style.value)],
        "voice": voice,
        "prompts": stage.prompts_for(engine.style),
        "boxes": stage_fields(stage, prefill=prefill, data=data, errors=errors),
        "errors": errors or {},
        "flags": engine.flags,
        "feedback": engine.feedback,
        "is_coach": is_coach,
        "may_set_goal": is_coach
        and directive
        and bool({"goal", "peers_goal"} & set(stage.accepts)),
        "may_give_feedback": is_coach and directive,
        "previous": stages[index - 1] if index > 0 else None,
        "next": after,
        "is_last": index + 1 == len(stages),
        "open_count": len(engine.open_stages()),
        "message": message,
    }


STATUS_LABELS = {
    StageStatus.NOT_STARTED: _("not started"),
    StageStatus.OPEN: _("open"),
    StageStatus.DONE: _("done"),
}


def _runner(
    request: HttpRequest,
    session: CoachingSession,
    *,
    data: QueryDict | None = None,
    errors: dict[str, list[str]] | None = None,
    message: str = "",
) -> HttpResponse:
    """The stage panel for htmx; the whole page otherwise (after a redirect when it worked)."""
    if request.htmx:  # type: ignore[attr-defined]
        context = _runner_context(request, session, data=data, errors=errors, message=message)
        return render(request, "engagements/session.html#runner", context)
    if errors:
        context = _runner_context(request, session, data=data, errors=errors, message=message)
        return render(
            request, "engagements/session.html", context | _notes_context(request, session)
        )
    if message:
        messages.success(request, message)
    return redirect("engagements:session", slug=session.org.slug, session_uuid=session.uuid)


@require_POST
@org_view("session.list")
def session_move(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.run")
    leaving = _leaving(session, request.POST)
    try:
        session = services.coaching_session_move(
            actor=request.member,  # type: ignore[attr-defined]
            session=session,
            stage=request.POST.get("stage", ""),
            leaving=leaving,
        )
    except ValidationError as exc:
        return _runner(request, session, errors=exc.message_dict)
    message = selectors.went_back_from(session, leaving.stage) if leaving else ""
    return _runner(request, session, message=message)


def _leaving(session: CoachingSession, data: QueryDict) -> services.Leaving | None:
    """The answers of the stage on screen, sent along with a move (the answers form names its
    stage), so that moving on saves them, or keeps them as a draft."""
    engine = selectors.session_engine(session)
    stage = _screen_stage(engine, data)
    if stage is None:
        return None
    answers = answers_from_post(stage, data, engine.answers.get(stage.key, {}))
    by = "coach" if data.get("by_coach") else "coachee"
    return services.Leaving(stage.key, answers, _typed(stage, data), by)


def _screen_stage(engine: Engine, data: QueryDict) -> Stage | None:
    """The stage whose answers form was on screen (it may no longer be the current one, when
    the other person moved the session meanwhile); None without one."""
    key = data.get("draft_stage", "")
    if engine.finished or key not in engine.framework.stage_keys:
        return None
    return engine.framework.stage(key)


def _typed(stage: Stage, data: QueryDict) -> dict[str, str]:
    """The answer fields of a stage as typed (their names start with a kind the stage takes)."""
    prefixes = tuple(f"{kind}-" for kind in stage.accepts)
    return {name: data.get(name, "") for name in data if name.startswith(prefixes)}


DRAFT_KEPT = _("Kept as you typed it; not saved yet.")
DRAFT_UNKNOWN = _("draft: expected stage, reply or note.")


@require_POST
@org_view("session.list")
def session_draft(request: HttpRequest, session_uuid: str) -> HttpResponse:
    """Autosave: what is typed in a stage, a reply or a note is kept as typed, so that moving
    to another stage or reloading the page finds it again. Answers only the status line."""
    member = request.member  # type: ignore[attr-defined]
    what = request.POST.get("draft") or "stage"
    session = _session_for(
        request, session_uuid, "note.create" if what == "note" else "session.run"
    )
    engine = selectors.session_engine(session)
    answers = None
    if what == "stage":
        stage = _screen_stage(engine, request.POST)
        if stage is None:
            return HttpResponse("", status=204)  # no stage's answers were sent
        slot, values = stage_draft(stage.key), _typed(stage, request.POST)
        answers = answers_from_post(stage, request.POST, engine.answers.get(stage.key, {}))
    elif what == "reply":
        slot = services.reply_draft(member)
        values = {k: request.POST.get(k, "") for k in ("question_id", "reply")}
        if not values["reply"].strip():
            values = {}
    elif what == "note":
        slot = services.note_draft(member)
        values = {k: request.POST.get(k, "") for k in ("text", "visibility")}
        if not values["text"].strip():
            values = {}
    else:
        return HttpResponse(DRAFT_UNKNOWN, status=400)
    try:
        services.coaching_session_keep_draft(
            actor=member, session=session, slot=slot, values=values, answers=answers
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=200)
    return HttpResponse(DRAFT_KEPT if values else "", status=200)


@require_POST
@org_view("session.list")
def session_answers(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.run")
    engine = selectors.session_engine(session)
    stage = engine.current_stage
    answered = engine.answers.get(stage.key, {})
    answers = answers_from_post(stage, request.POST, answered)
    by = "coach" if request.POST.get("by_coach") else "coachee"
    try:
        session = services.coaching_session_submit(
            actor=request.member,  # type: ignore[attr-defined]
            session=session,
            stage=stage.key,
            answers=answers,
            by=by,
        )
    except ValidationError as exc:
        return _runner(request, session, data=request.POST, errors=exc.message_dict)
    went_back = selectors.went_back_from(session, stage.key)
    return _runner(
        request,
        session,
        message=(
            gettext("%(stage)s: answers saved.") % {"stage": stage.name} + f" {went_back}"
        ).strip(),
    )


@require_POST
@org_view("session.list")
def session_reply(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.run")
    granted = request.POST.get("granted")
    try:
        session = services.coaching_session_reply(
            actor=request.member,  # type: ignore[attr-defined]
            session=session,
            question_id=request.POST.get("question_id", ""),
            reply="" if "skip" in request.POST else request.POST.get("reply", ""),
            granted=None if granted is None else granted == "yes",
        )
    except ValidationError as exc:
        return _runner(request, session, errors=exc.message_dict)
    return _runner(request, session)


@require_POST
@org_view("session.list")
def session_feedback(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.feedback")
    try:
        session = services.coaching_session_feedback(
            actor=request.member,  # type: ignore[attr-defined]
            session=session,
            text=request.POST.get("text", ""),
        )
    except ValidationError as exc:
        return _runner(request, session, errors=exc.message_dict)
    return _runner(request, session, message=gettext("Feedback recorded."))


@require_POST
@org_view("session.list")
def session_finish(request: HttpRequest, session_uuid: str) -> HttpResponse:
    session = _session_for(request, session_uuid, "session.run")
    try:
        session = services.coaching_session_finish(
            actor=request.member,  # type: ignore[attr-defined]
            session=session,
        )
    except ValidationError as exc:
        return _runner(request, session, errors=exc.message_dict)
    url = reverse(
        "engagements:session_summary",
        kwargs={"slug": session.org.slug, "session_uuid": session.uuid},
    )
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


def _notes_context(
    request: HttpRequest, session: CoachingSession, form: NoteForm | None = None
) -> dict[str, Any]:
    member = request.member  # type: ignore[attr-defined]
    notes = selectors.session_notes_for(member=member, session=session)
    draft = (session.state.get("drafts") or {}).get(services.note_draft(member))
    return {
        "session": session,
        "notes": notes,
        "note_form": form
        or NoteForm(private_allowed=member.pk == session.coach_id, initial=draft or None),
        "note_restored": form is None and bool(draft),
        "may_write_notes": policy.allows(member, "note.create", session),
        "may_share_with_sponsor": session.sponsor_id is not None
        and policy.allows(member, "note.share_with_sponsor", session),
    }
