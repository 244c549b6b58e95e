"""Writes for engagements, coaching sessions and session notes."""

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.core.datafiles import Wording
from trellis.core.frameworks import (
    AnswerError,
    QuestionKind,
    SessionError,
    UnknownFrameworkError,
    Voice,
)
from trellis.core.frameworks import CoachingSession as Engine
from trellis.core.frameworks.session import SESSION_FINISHED, stage_draft
from trellis.engagements import kinds
from trellis.engagements.lifecycle import engagement_propose  # people and lifecycle live there
from trellis.engagements.models import CoachingSession, Engagement, SessionNote
from trellis.engagements.selectors import (
    artifacts_json,
    date_reader,
    previous_plan_of,
    session_artifacts,
    session_engine,
)
from trellis.frameworks import selectors as framework_selectors
from trellis.frameworks import services as framework_services
from trellis.frameworks.selectors import framework_of
from trellis.frameworks.texts import refusal_text
from trellis.insights.services import text_of, writing_record


def engagement_create(
    *,
    actor: Membership,
    coach: Membership,
    coachee: Membership,
    sponsor: Membership | None = None,
    topic: str = "",
) -> Engagement:
    """Open a 1:1 engagement: it is proposed until the coachee accepts it (see lifecycle.py)."""
    return engagement_propose(
        actor=actor, coach=coach, coachee=coachee, sponsor=sponsor, topic=topic
    )


# -- coaching sessions ---------------------------------------------------------------------------

NOT_IN_ORG = _("That engagement is not part of this organization.")
NOT_IN_ENGAGEMENT = _("Only the coach or the coachee of this engagement can open a session in it.")
ENGAGEMENT_ENDED = _("This engagement has ended; reopen it before starting a session.")
ENGAGEMENT_NOT_ACCEPTED = _(
    "This engagement is not accepted yet: sessions start once the coachee accepts it."
)
OTHER_COACHEE = _("The coachee of a session in this engagement is {name}.")
NOT_IN_PEERS = _("Only a coach or an accepted peer of this engagement can open a peer session.")
NO_TURN_YET = _("A peer session needs two peers who accepted their places.")
SELF_ONLY = _("A self-coaching session is for yourself; to coach someone, open an engagement.")
NOT_A_COACHEE_SELF = _("Self-coaching is open to members with the coachee role.")
KIND_NEEDS_ENGAGEMENT = _(
    "A {kind} session runs in an engagement; without one it is self-coaching."
)
SELF_KIND_IN_ENGAGEMENT = _(
    "A session in an engagement is scheduled or event-driven, not self-coaching."
)
UNKNOWN_KIND = _("Unknown kind {kind!r}: expected one of {choices}.")
COACH_AUTHOR_ONLY = _("Only the session's coach can record an answer as the coach's own.")
PERMISSION_NEEDS_ANSWER = _(
    "This question asks permission: answer yes or no (granted true or false)."
)
FEEDBACK_COACH_ONLY = _("Only the session's coach gives feedback.")
EMPTY_NOTE = _("Write something in the note.")
PRIVATE_NOTES_COACH_ONLY = _(
    "Only the coach keeps private notes; a note from you is shared with your coach."
)
UNKNOWN_VISIBILITY = _("Unknown visibility {value!r}: expected private or shared.")
SPONSOR_SHARE_ONLY_SHARED = _("Only a shared note can be shared with the sponsor.")
NO_SPONSOR = _("This session has no sponsor to share with.")
SHARE_SPONSOR_ONLY = _(
    "A note can be shared with this engagement's sponsor only: {name} (id {id})."
)
DIFFERENT_FRAMEWORK = _("The session runs with another version of its framework.")


def coaching_session_create(
    *,
    actor: Membership,
    engagement: Engagement | None = None,
    coachee: Membership | None = None,
    framework_key: str,
    style: str = "non-directive",
    topic: str = "",
    kind: str | None = None,
) -> CoachingSession:
    """Open a coaching session over a framework, pinned to the framework version it runs with.

    With an engagement, its coach runs it with its coachee (either of them may open it; `kind`
    is scheduled by default, or event-driven). Without one, it is the actor's self-coaching.
    """
    errors: dict[str, str] = {}
    kind = kind or (CoachingSession.Kind.SCHEDULED if engagement else CoachingSession.Kind.SELF)
    if kind not in CoachingSession.Kind.values:
        choices = ", ".join(CoachingSession.Kind.values)
        errors["kind"] = UNKNOWN_KIND.format(kind=kind, choices=choices)
    if engagement is not None:
        turn = kinds.rotation_turn(engagement)
        if engagement.org_id != actor.org_id:
            errors["engagement"] = str(NOT_IN_ORG)
        elif engagement.kind == Engagement.Kind.PEER and not (
            engagement.participant_relations(actor) & {"coach", "peer"}
        ):
            errors["engagement"] = str(NOT_IN_PEERS)
        elif engagement.kind != Engagement.Kind.PEER and actor.pk not in (
            engagement.coach_id,
            engagement.coachee_id,
        ):
            errors["engagement"] = str(NOT_IN_ENGAGEMENT)
        elif engagement.status == Engagement.Status.ENDED:
            errors["engagement"] = str(ENGAGEMENT_ENDED)
        elif engagement.status in (Engagement.Status.PROPOSED, Engagement.Status.DECLINED):
            errors["engagement"] = str(ENGAGEMENT_NOT_ACCEPTED)
        elif engagement.kind == Engagement.Kind.PEER and turn is None:
            errors["engagement"] = str(NO_TURN_YET)
        # a peer session: the rotation's turn names who coaches and who is coached
        pair = (turn.coachee, turn.coach) if turn else (engagement.coachee, engagement.coach)
        if coachee is not None and coachee.pk != pair[0].pk:
            errors["coachee"] = OTHER_COACHEE.format(name=pair[0].user)
        if kind == CoachingSession.Kind.SELF:
            errors["kind"] = str(SELF_KIND_IN_ENGAGEMENT)
        coachee, coach = pair
    else:
        if coachee is not None and coachee.pk != actor.pk:
            errors["coachee"] = str(SELF_ONLY)
        elif not actor.is_coachee:
            errors["coachee"] = str(NOT_A_COACHEE_SELF)
        if kind != CoachingSession.Kind.SELF and "kind" not in errors:
            errors["kind"] = KIND_NEEDS_ENGAGEMENT.format(kind=kind)
        coachee, coach = actor, None
    try:
        voice = Voice.parse(style)
    except ValueError as exc:
        errors["style"] = refusal_text(exc)
    if framework_selectors.framework_find(org=actor.org, key=framework_key) is None:
        errors["framework_key"] = framework_services.unknown_framework(actor.org, framework_key)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        try:
            version = framework_services.framework_version_resolve(
                org=actor.org, key=framework_key, actor=actor
            )
        except UnknownFrameworkError as exc:
            raise ValidationError({"framework_key": str(exc.args[0])}) from exc
        previous = previous_plan_of(engagement) if engagement is not None else None
        engine = Engine(framework_of(version), style=voice, previous=previous)
        session = CoachingSession(
            org=actor.org,
            engagement=engagement,
            coachee=coachee,
            coach=coach,
            framework_version=version,
            style=voice.value,
            kind=kind,
            topic=topic.strip(),
            state=engine.to_dict(),
        )
        session.full_clean()
        session.save()
    return session


def coaching_session_submit(
    *,
    actor: Membership,
    session: CoachingSession,
    stage: str,
    answers: Mapping[str, object],
    by: str = "coachee",
) -> CoachingSession:
    """Store a stage's answers by kind. Errors are keyed by the answer's field path
    (`goal.due`, `actions[1].commitment`); then nothing is stored."""
    if by == "coach" and actor.pk != session.coach_id:
        raise ValidationError({"by": COACH_AUTHOR_ONLY})
    with transaction.atomic(durable=True):
        session, engine = _open(session)
        try:
            engine.submit(stage, answers, by=by)  # type: ignore[arg-type]  # checked by the engine
        except AnswerError as exc:
            raise ValidationError(answer_errors(exc)) from exc
        except SessionError as exc:
            raise ValidationError({"stage": refusal_text(exc)}) from exc
        if by == "coachee" and actor.pk == session.coachee_id:  # the coachee's language trend
            writing_record(member=actor, text=text_of(answers), source="session_answer")
        return _save(session, engine)


def answer_errors(exc: AnswerError) -> dict[str, list[str]]:
    """Problems keyed by the answer's field path, each saying what was expected and found."""
    return framework_services.problems_by_path(exc.problems, whole="answers")


@dataclass(frozen=True)
class Leaving:
    """What was on the screen of the stage being left: its answers by kind, and the text as
    typed (kept as a draft when the answers are not accepted)."""

    stage: str
    answers: Mapping[str, object]
    typed: Mapping[str, str]
    by: str = "coachee"


def coaching_session_move(
    *, actor: Membership, session: CoachingSession, stage: str, leaving: Leaving | None = None
) -> CoachingSession:
    """Go to any stage, forward or back: the stages are a compass, not a cage. What was typed
    in the stage being left is saved when it is accepted, else kept as that stage's draft;
    low buy-in saved on the way takes the session back to the goal instead."""
    with transaction.atomic(durable=True):
        session, engine = _open(session)
        went_back = None
        if leaving is not None:
            went_back = _leave(actor, session, engine, leaving)
        try:
            if went_back is None:
                engine.go_to(stage)
        except SessionError as exc:
            raise ValidationError({"stage": refusal_text(exc)}) from exc
        return _save(session, engine)


def _leave(
    actor: Membership, session: CoachingSession, engine: Engine, leaving: Leaving
) -> str | None:
    try:
        if not engine.changed(leaving.stage, leaving.answers):
            return None
        by = "coach" if leaving.by == "coach" and actor.pk == session.coach_id else "coachee"
        went_back = engine.submit(leaving.stage, leaving.answers, by=by)  # type: ignore[arg-type]
    except (AnswerError, SessionError):
        engine.keep_draft(stage_draft(leaving.stage), leaving.typed)
        return None
    if by == "coachee" and actor.pk == session.coachee_id:
        writing_record(member=actor, text=text_of(leaving.answers), source="session_answer")
    return went_back


def coaching_session_keep_draft(
    *,
    actor: Membership,
    session: CoachingSession,
    slot: str,
    values: Mapping[str, str],
    answers: Mapping[str, object] | None = None,
) -> CoachingSession:
    """Keep text as it is typed, unchecked, so that moving away or reloading loses nothing.
    A stage's draft that matches what the stage holds (`answers`) is dropped instead."""
    with transaction.atomic(durable=True):
        session, engine = _open(session)
        try:
            stage = slot.removeprefix("stage:")
            if answers is not None and not engine.changed(stage, answers):
                engine.drop_draft(slot)
            else:
                engine.keep_draft(slot, values)
        except SessionError as exc:
            raise ValidationError({"draft": refusal_text(exc)}) from exc
        return _save(session, engine)


def note_draft(member: Membership) -> str:
    """The draft slot of the note a member is writing (a coach's private note stays theirs)."""
    return f"note:{member.uuid}"


def reply_draft(member: Membership) -> str:
    return f"reply:{member.uuid}"


def coaching_session_reply(
    *,
    actor: Membership,
    session: CoachingSession,
    question_id: str,
    reply: str = "",
    granted: bool | None = None,
) -> CoachingSession:
    """Record that a question was asked, with its reply (blank: skipped); a permission question
    takes the coachee's yes or no instead."""
    with transaction.atomic(durable=True):
        session, engine = _open(session)
        try:
            question = engine.question(question_id)
            if question.kind == QuestionKind.PERMISSION:
                if granted is None:
                    raise ValidationError({"granted": PERMISSION_NEEDS_ANSWER})
                engine.respond_to_permission(question, granted)
            else:
                engine.record(question, reply)
        except SessionError as exc:
            raise ValidationError({"question_id": refusal_text(exc)}) from exc
        engine.drop_draft(reply_draft(actor))
        if actor.pk == session.coachee_id:  # the coachee's language trend
            writing_record(member=actor, text=reply, source="session_reply")
        return _save(session, engine)


def coaching_session_feedback(
    *, actor: Membership, session: CoachingSession, text: str, stage: str | None = None
) -> CoachingSession:
    """In a directive session the coach may record feedback on a stage."""
    if actor.pk != session.coach_id:
        raise ValidationError({"text": FEEDBACK_COACH_ONLY})
    with transaction.atomic(durable=True):
        session, engine = _open(session)
        try:
            engine.record_feedback(text, stage=stage or None)
        except SessionError as exc:
            raise ValidationError({"text": refusal_text(exc)}) from exc
        return _save(session, engine)


def coaching_session_finish(*, actor: Membership, session: CoachingSession) -> CoachingSession:
    """Close the session (open stages are allowed), keep its artifacts, and hand them to the
    goals app when it is there."""
    with transaction.atomic(durable=True):
        session, engine = _open(session)
        engine.finish()
        return _close(actor, session, engine)


def coaching_session_store(
    *, actor: Membership, session: CoachingSession, engine: Engine
) -> CoachingSession:
    """Store a session that was run in memory (the terminal's dialogue) with the framework
    version it was opened with; a finished engine finishes the session."""
    with transaction.atomic(durable=True):
        session, stored = _open(session)
        if engine.framework.content_hash != stored.framework.content_hash:
            raise ValidationError({"session": DIFFERENT_FRAMEWORK})
        if engine.finished:
            return _close(actor, session, engine)
        return _save(session, engine)


def _close(actor: Membership, session: CoachingSession, engine: Engine) -> CoachingSession:
    now = timezone.now()
    session.finished_at = now
    session.status = CoachingSession.Status.FINISHED
    session.artifacts = artifacts_json(engine.artifacts(date_reader(session.coachee, now)))
    session = _save(session, engine, "status", "finished_at", "artifacts")
    # a peer rotation moves on when the calendar session is recorded held (scheduling's attendance)
    _move_artifacts(actor, session)  # the goals are made with the finish, or not at all
    return session


def coaching_session_move_artifacts(*, actor: Membership, session: CoachingSession) -> bool:
    """Turn a finished session's goal and actions into the coachee's goals, once, through
    `trellis.goals.services.goals_from_artifacts` when that exists; False when nothing moved.

    Finishing a session does this already; this catches up sessions finished before the goals
    app was there."""
    with transaction.atomic(durable=True):
        return _move_artifacts(actor, session)


def _move_artifacts(actor: Membership, session: CoachingSession) -> bool:
    mover = _goals_from_artifacts()
    if mover is None or not session.is_finished or session.artifacts_moved_at is not None:
        return False
    mover(
        actor=actor,
        coachee=session.coachee,
        engagement=session.engagement,
        artifacts=session_artifacts(session),
        source_session=session,
    )
    session.artifacts_moved_at = timezone.now()
    session.save(update_fields=["artifacts_moved_at"])
    return True


def _goals_from_artifacts() -> Callable[..., Any] | None:
    try:  # the goals app may not be there yet; its absence is not an error
        module = importlib.import_module("trellis.goals.services")
    except ModuleNotFoundError as exc:
        if exc.name != "trellis.goals.services":
            raise
        return None
    mover = getattr(module, "goals_from_artifacts", None)
    return mover if callable(mover) else None


def _open(session: CoachingSession) -> tuple[CoachingSession, Engine]:
    """The session row, locked for this transaction, and its engine."""
    locked = (
        CoachingSession.objects.select_for_update(of=("self",))
        .select_related("framework_version", "coachee__user", "engagement")
        .get(pk=session.pk)
    )
    engine = session_engine(locked)
    if engine.finished:
        raise ValidationError({"session": refusal_text(Wording(SESSION_FINISHED))})
    return locked, engine


def _save(session: CoachingSession, engine: Engine, *fields: str) -> CoachingSession:
    session.state = engine.to_dict()
    session.style = engine.style.value
    session.full_clean()
    session.save(update_fields=["state", "style", *fields])
    return session


# -- session notes -------------------------------------------------------------------------------


def session_note_create(
    *,
    actor: Membership,
    session: CoachingSession,
    text: str,
    visibility: str = SessionNote.Visibility.SHARED,
    stage: str = "",
) -> SessionNote:
    """A note on a session: private notes are the coach's own; shared ones the coach and the
    coachee both read."""
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = str(EMPTY_NOTE)
    if visibility not in SessionNote.Visibility.values:
        errors["visibility"] = UNKNOWN_VISIBILITY.format(value=visibility)
    elif visibility == SessionNote.Visibility.PRIVATE and actor.pk != session.coach_id:
        errors["visibility"] = str(PRIVATE_NOTES_COACH_ONLY)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        note = SessionNote(
            session=session, author=actor, stage=stage, text=text.strip(), visibility=visibility
        )
        note.full_clean()
        note.save()
        _drop_note_draft(actor, session)
        if actor.pk == session.coachee_id:  # the coachee's language trend
            writing_record(member=actor, text=note.text, source="session_note")
    return note


def _drop_note_draft(actor: Membership, session: CoachingSession) -> None:
    locked = CoachingSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if not locked.is_finished and note_draft(actor) in locked.state.get("drafts", {}):
        _locked, engine = _open(locked)
        engine.drop_draft(note_draft(actor))
        _save(locked, engine)


def session_note_share_with_sponsor(
    *, actor: Membership, note: SessionNote, shared: bool, named: str | None = None
) -> SessionNote:
    """Only the coachee decides whether a shared note is also the sponsor's to read. `named` is
    the member id of the person the coachee chose (the page and the API send it): consent goes to
    that person, so a sponsor who took over since the coachee looked is not shared with."""
    if shared and note.visibility != SessionNote.Visibility.SHARED:
        raise ValidationError({"shared_with_sponsor": SPONSOR_SHARE_ONLY_SHARED})
    if shared and note.sponsor_id is None:
        raise ValidationError({"shared_with_sponsor": NO_SPONSOR})
    sponsor = note.session.engagement.sponsor if shared and note.session.engagement else None
    if sponsor is not None and named is not None and str(sponsor.uuid) != str(named):
        message = SHARE_SPONSOR_ONLY.format(name=sponsor.user.display_name, id=sponsor.uuid)
        raise ValidationError({"shared_with": message})
    with transaction.atomic(durable=True):
        note.shared_with_sponsor = shared
        note.shared_with_id = note.sponsor_id if shared else None  # the sponsor of today, by name
        note.save(update_fields=["shared_with_sponsor", "shared_with"])
    return note
