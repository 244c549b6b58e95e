"""API operations for coaching sessions: open, answer, move between stages, reply, feedback,
finish, and their notes (shared with the sponsor only when the coachee says so). Mounted under
`/sessions`; the engagements' own operations are in api.py."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.frameworks import Question, Voice
from trellis.engagements import selectors, services
from trellis.engagements.models import CoachingSession, SessionNote
from trellis.engagements.people_api import PersonRef, _person
from trellis.frameworks.texts import core_text, refusal_text

sessions_router = Router(tags=["sessions"])

ENGAGEMENT_NOT_FOUND = _("No engagement of this organization has that id.")


class FrameworkRef(Schema):
    key: str
    name: str
    version: int


class SessionBrief(Schema):
    """What anyone who may know of a session sees: that it happened, when, with which framework."""

    id: UUID
    kind: str
    status: str
    framework: FrameworkRef
    engagement_id: UUID | None
    coach: PersonRef | None
    coachee: PersonRef
    started_at: datetime
    finished_at: datetime | None


class StageState(Schema):
    key: str
    name: str
    status: str  # not-started, open, done
    purpose: str


class QuestionOut(Schema):
    id: str
    stage: str
    text: str
    kind: str  # prompt, follow-up, permission
    voice: str
    level: str
    about: str


class FlagOut(Schema):
    code: str
    stage: str
    path: str
    message: str


class ReplyOut(Schema):
    stage: str
    question: str
    reply: str


class PlannedActionOut(Schema):
    what: str
    when: str
    who: str
    commitment: int | None


class PreviousPlanOut(Schema):
    """What the engagement's previous session planned; the review stage opens with it."""

    framework: str
    finished_on: str
    goal: str
    actions: list[PlannedActionOut]
    scaling: int | None
    question: str


class SessionOut(SessionBrief):
    style: str
    topic: str
    current: str
    stages: list[StageState]
    open_stages: list[str]
    next_question: QuestionOut | None
    flags: list[FlagOut]
    answers: dict[str, dict[str, Any]]  # stage -> kind -> {"by": ..., "data": ...}
    feedback: list[dict[str, str]]
    artifacts: dict[str, Any] | None  # once finished
    replies: list[ReplyOut] = []  # replies recorded against suggested questions
    previous_plan: PreviousPlanOut | None = None


class SessionIn(Schema):
    engagement_id: UUID | None = None  # none: a self-coaching session
    framework_key: str
    style: str = "non-directive"
    topic: str = ""
    kind: str | None = None  # scheduled or event (in an engagement); self otherwise


class AnswersIn(Schema):
    stage: str
    answers: dict[str, Any]  # kind -> answer, e.g. {"goal": {"statement": ..., "due": ...}}
    by: str = "coachee"  # "coach" only for the coach of a directive session setting the goal


class MoveIn(Schema):
    stage: str


class ReplyIn(Schema):
    question_id: str
    reply: str = ""  # blank: skipped
    granted: bool | None = None  # for a question that asks permission


class FeedbackIn(Schema):
    text: str
    stage: str | None = None


class NoteIn(Schema):
    text: str
    visibility: str = "shared"  # private (the coach's alone) or shared (coach and coachee)
    stage: str = ""


class NoteOut(Schema):
    id: UUID
    author: PersonRef
    stage: str
    text: str
    visibility: str
    shared_with: PersonRef | None = Field(
        description="The person the coachee shared this note with, by name (the engagement's "
        "sponsor when they shared it); null when it is shared with nobody beyond coach and coachee"
    )
    shared_with_sponsor: bool = Field(
        description="Deprecated, read shared_with: true when the note is shared with the "
        "engagement's sponsor of today by name (a note shared with an earlier sponsor is not)"
    )
    created_at: datetime


class SponsorShareIn(Schema):
    shared_with: UUID | None = Field(
        default=None,
        description="The member id of the person to share the note with: the engagement's "
        "sponsor, named so that consent goes to that person and no other; null stops sharing",
    )
    shared: bool | None = Field(
        default=None,
        description="Older form, still accepted: true shares with the sponsor of today, false "
        "stops sharing. Send shared_with or shared, not both",
    )


def _session_brief(s: CoachingSession) -> dict[str, object]:
    return {
        "id": s.uuid,
        "kind": s.kind,
        "status": s.status,
        "framework": {
            "key": s.framework_version.key,
            "name": s.framework_version.name,
            "version": s.framework_version.version,
        },
        "engagement_id": s.engagement.uuid if s.engagement else None,
        "coach": _person(s.coach),
        "coachee": _person(s.coachee),
        "started_at": s.started_at,
        "finished_at": s.finished_at,
    }


def _session_out(s: CoachingSession) -> dict[str, object]:
    engine = selectors.session_engine(s)
    overview = engine.overview()
    return {
        **_session_brief(s),
        "style": s.style,
        "topic": s.topic,
        "current": overview["current"],
        "stages": [
            {**stage, "purpose": engine.framework.stage(stage["key"]).purpose}
            for stage in overview["stages"]
        ],
        "open_stages": overview["open_stages"],
        # core writes its questions and flags in English: the reader's language here
        "next_question": overview["next_question"]
        and {**overview["next_question"], "text": core_text(overview["next_question"]["text"])},
        "flags": [{**f, "message": core_text(f["message"])} for f in overview["flags"]],
        "answers": s.state.get("answers", {}),
        "feedback": s.state.get("feedback", []),
        "artifacts": s.artifacts,
        "replies": overview["replies"],
        "previous_plan": overview["previous"],
    }


def _note_out(note: SessionNote) -> dict[str, object]:
    return {
        "id": note.uuid,
        "author": _person(note.author),
        "stage": note.stage,
        "text": note.text,
        "visibility": note.visibility,
        "shared_with": _person(note.shared_with) if note.shared_with_sponsor else None,
        "shared_with_sponsor": note.shared_with_sponsor
        and note.shared_with_id is not None
        and note.shared_with_id == note.sponsor_id,
        "created_at": note.created_at,
    }


def _session(request: HttpRequest, session_id: UUID, action: str) -> CoachingSession:
    member = member_of(request)
    session = selectors.session_get(member=member, uuid=str(session_id))
    if session is None:
        raise Http404
    policy.require(member, action, session)
    return session


@sessions_router.get(
    "", response=page_of(SessionBrief), summary="Coaching sessions you may know of"
)
def session_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "session.list")
    return paginate(selectors.sessions_visible_to(member=member), page, _session_brief)


@sessions_router.post(
    "",
    response={201: SessionOut},
    summary="Open a session in an engagement (its coach or coachee), or a self-coaching session",
)
def session_create(request: HttpRequest, payload: SessionIn) -> Status[dict[str, object]]:
    member = member_of(request)
    engagement = None
    if payload.engagement_id is not None:
        engagement = selectors.engagement_get(member=member, uuid=str(payload.engagement_id))
        if engagement is None:
            raise services.ValidationError({"engagement_id": ENGAGEMENT_NOT_FOUND})
        policy.require(member, "session.start", engagement)
    else:
        policy.require(member, "session.self.start")
    session = services.coaching_session_create(
        actor=member,
        engagement=engagement,
        framework_key=payload.framework_key,
        style=payload.style,
        topic=payload.topic,
        kind=payload.kind,
    )
    return Status(201, _session_out(session))


@sessions_router.get(
    "/{session_id}",
    response=SessionOut,
    summary="A session's state: stages, answers, flags and the next suggested question",
)
def session_detail(
    request: HttpRequest, session_id: UUID, voice: str | None = None
) -> dict[str, object]:
    """`voice` asks for the next question in another voice than the session's style."""
    out = _session_out(_session(request, session_id, "session.content.read"))
    if voice:
        try:
            engine_voice = Voice.parse(voice)
        except ValueError as exc:
            raise services.ValidationError({"voice": refusal_text(exc)}) from exc
        session = _session(request, session_id, "session.content.read")
        question = selectors.session_engine(session).next_question(engine_voice)
        out["next_question"] = None if question is None else _question(question)
    return out


def _question(q: Question) -> dict[str, str]:
    return {
        "id": q.id,
        "stage": q.stage,
        "text": core_text(q.text),
        "kind": q.kind.value,
        "voice": q.voice.value,
        "level": q.level.value,
        "about": q.about,
    }


@sessions_router.post(
    "/{session_id}/answers",
    response=SessionOut,
    summary="Submit a stage's answers; errors name the field path (answers.goal.due)",
)
def session_answers(
    request: HttpRequest, session_id: UUID, payload: AnswersIn
) -> dict[str, object]:
    session = _session(request, session_id, "session.run")
    try:
        session = services.coaching_session_submit(
            actor=member_of(request),
            session=session,
            stage=payload.stage,
            answers=payload.answers,
            by=payload.by,
        )
    except services.ValidationError as exc:
        raise services.ValidationError(
            {
                field if field in ("stage", "by", "session") else f"answers.{field}": messages
                for field, messages in exc.message_dict.items()
            }
        ) from exc
    return _session_out(session)


@sessions_router.post("/{session_id}/move", response=SessionOut, summary="Go to any stage")
def session_move(request: HttpRequest, session_id: UUID, payload: MoveIn) -> dict[str, object]:
    session = _session(request, session_id, "session.run")
    session = services.coaching_session_move(
        actor=member_of(request), session=session, stage=payload.stage
    )
    return _session_out(session)


@sessions_router.post(
    "/{session_id}/replies",
    response=SessionOut,
    summary="Record a question as asked, with the reply (or a yes/no to a permission question)",
)
def session_reply(request: HttpRequest, session_id: UUID, payload: ReplyIn) -> dict[str, object]:
    session = _session(request, session_id, "session.run")
    session = services.coaching_session_reply(
        actor=member_of(request),
        session=session,
        question_id=payload.question_id,
        reply=payload.reply,
        granted=payload.granted,
    )
    return _session_out(session)


@sessions_router.post(
    "/{session_id}/feedback",
    response=SessionOut,
    summary="The coach's feedback (directive sessions)",
)
def session_feedback(
    request: HttpRequest, session_id: UUID, payload: FeedbackIn
) -> dict[str, object]:
    session = _session(request, session_id, "session.feedback")
    session = services.coaching_session_feedback(
        actor=member_of(request), session=session, text=payload.text, stage=payload.stage
    )
    return _session_out(session)


@sessions_router.post(
    "/{session_id}/finish",
    response=SessionOut,
    summary="Finish the session; its goal and actions become the coachee's",
)
def session_finish(request: HttpRequest, session_id: UUID) -> dict[str, object]:
    session = _session(request, session_id, "session.run")
    session = services.coaching_session_finish(actor=member_of(request), session=session)
    return _session_out(session)


@sessions_router.get(
    "/{session_id}/notes",
    response=page_of(NoteOut),
    summary="The session's notes you may read (a sponsor: those the coachee shared with them)",
)
def session_notes(
    request: HttpRequest, session_id: UUID, page: Query[PageQuery]
) -> dict[str, object]:
    session = _session(request, session_id, "session.view")
    notes = selectors.session_notes_for(member=member_of(request), session=session)
    return paginate(notes, page, _note_out)


@sessions_router.post(
    "/{session_id}/notes",
    response={201: NoteOut},
    summary="Add a note: private (the coach's alone) or shared (coach and coachee)",
)
def session_note_create(
    request: HttpRequest, session_id: UUID, payload: NoteIn
) -> Status[dict[str, object]]:
    session = _session(request, session_id, "note.create")
    note = services.session_note_create(
        actor=member_of(request),
        session=session,
        text=payload.text,
        visibility=payload.visibility,
        stage=payload.stage,
    )
    return Status(201, _note_out(note))


@sessions_router.post(
    "/{session_id}/notes/{note_id}/sponsor",
    response=NoteOut,
    summary="Share a shared note with the sponsor, or stop sharing it (the coachee only)",
)
def session_note_sponsor(
    request: HttpRequest, session_id: UUID, note_id: UUID, payload: SponsorShareIn
) -> dict[str, object]:
    session = _session(request, session_id, "session.view")
    note = (
        session.notes.filter(uuid=note_id).select_related("author__user", "shared_with__user")
    ).first()
    if note is None:
        raise Http404
    note.session = session
    policy.require(member_of(request), "note.share_with_sponsor", note)
    shared, named = _share_asked(payload)
    try:
        note = services.session_note_share_with_sponsor(
            actor=member_of(request), note=note, shared=shared, named=named
        )
    except services.ValidationError as exc:
        if "shared_with" not in payload.model_fields_set:
            raise
        # a request that names the person hears about the field it sent
        raise services.ValidationError({"shared_with": exc.messages}) from exc
    return _note_out(note)


SHARE_ONE_OF = _("Send shared_with (the person's id, or null to stop sharing) or shared, not both.")
SHARE_NOTHING = _("Send shared_with: the id of the person to share with, or null to stop sharing.")


def _share_asked(payload: SponsorShareIn) -> tuple[bool, str | None]:
    """Whether to share, and with whom the coachee named (checked by the service against the
    sponsor of today)."""
    named = "shared_with" in payload.model_fields_set
    if named and payload.shared is not None:
        raise services.ValidationError({"shared_with": SHARE_ONE_OF})
    if not named:
        if payload.shared is None:
            raise services.ValidationError({"shared_with": SHARE_NOTHING})
        return payload.shared, None
    if payload.shared_with is None:
        return False, None
    return True, str(payload.shared_with)
