"""Demo coaching sessions: finished and in-progress ones with several frameworks, realistic
answers, and private and shared notes, for the demo engagements. Idempotent: a session is
recognised by its coachee and topic."""

from datetime import timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership
from trellis.engagements import demo_kinds, demo_lifecycle, selectors, services
from trellis.engagements.demo_sessions import SESSIONS_FIRST, Demo, Note
from trellis.engagements.demo_sessions_more import CAREER_CONVERSATION, SESSIONS_MORE
from trellis.engagements.models import CoachingSession, Engagement, SessionNote
from trellis.frameworks import services as framework_services

SESSIONS = [*SESSIONS_FIRST, *SESSIONS_MORE]


def seed(demo: DemoOrgs) -> None:
    framework_services.framework_import(
        org=demo.northwind,
        text=CAREER_CONVERSATION,
        source="northwind-career.toml",
        actor=demo.nw["sofia"],
    )
    for spec in SESSIONS:
        people = demo.nw if spec.org == "northwind" else demo.gx
        coachee = people[spec.coachee]
        if CoachingSession.objects.filter(coachee=coachee, topic=spec.topic).exists():
            continue
        _run(spec, coachee, people.get(spec.coach))
    _career_conversation(demo)
    demo_lifecycle.seed(demo)  # proposed, paused, ended with a closing review, agreements
    demo_kinds.seed(demo)  # a team engagement (accepted, declined, pending) and a peer circle


def _run(spec: Demo, coachee: Membership, coach: Membership | None) -> None:
    engagement = None
    if coach is not None:
        engagement = Engagement.objects.filter(coach=coach, coachee=coachee).first()
    actor = coach or coachee
    session = services.coaching_session_create(
        actor=actor,
        engagement=engagement,
        framework_key=spec.framework,
        style=spec.style,
        topic=spec.topic,
        kind=spec.kind,
    )
    for stage, answers in spec.answers:
        session = services.coaching_session_move(actor=actor, session=session, stage=stage)
        for reply in spec.replies.get(stage, []):
            session = _reply(actor, session, reply)
        by = "coach" if spec.coach_sets_goal and "goal" in answers else "coachee"
        session = services.coaching_session_submit(
            actor=actor, session=session, stage=stage, answers=answers, by=by
        )
    for text in spec.feedback:
        session = services.coaching_session_feedback(actor=actor, session=session, text=text)
    if spec.stop_at:
        session = services.coaching_session_move(actor=actor, session=session, stage=spec.stop_at)
    for note in spec.notes:
        author = coach if note.author == "coach" and coach is not None else coachee
        made = services.session_note_create(
            actor=author,
            session=session,
            text=note.text,
            visibility=SessionNote.Visibility.PRIVATE
            if note.private
            else SessionNote.Visibility.SHARED,
        )
        if note.for_sponsor and session.sponsor_id is not None:
            services.session_note_share_with_sponsor(actor=coachee, note=made, shared=True)
    if spec.finish:
        session = services.coaching_session_finish(actor=actor, session=session)
    _backdate(session, spec.days_ago, finished=spec.finish)


def _reply(actor: Membership, session: CoachingSession, reply: str) -> CoachingSession:
    question = selectors.session_engine(session).next_question()
    if question is None:
        return session
    if question.kind == "permission":
        session = services.coaching_session_reply(
            actor=actor, session=session, question_id=question.id, granted=True
        )
        question = selectors.session_engine(session).next_question()
        if question is None:
            return session
    return services.coaching_session_reply(
        actor=actor, session=session, question_id=question.id, reply=reply
    )


def _backdate(session: CoachingSession, days_ago: int, *, finished: bool) -> None:
    """Demo sessions happened in the past: at 10:00 that day, an hour long."""
    started = (timezone.now() - timedelta(days=days_ago)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    CoachingSession.objects.filter(pk=session.pk).update(
        started_at=started, finished_at=started + timedelta(hours=1) if finished else None
    )
    SessionNote.objects.filter(session=session).update(created_at=started + timedelta(minutes=50))


def _career_conversation(demo: DemoOrgs) -> None:
    """Ravi, coached by Alice, in Northwind's own framework: an in-progress session."""
    topic = "Career conversation: operations manager"
    ravi = demo.nw["ravi"]
    if CoachingSession.objects.filter(coachee=ravi, topic=topic).exists():
        return
    spec = Demo(
        "ravi",
        "alice",
        "northwind-career",
        topic,
        4,
        finish=False,
        stop_at="strengths",
        answers=[
            (
                "aspiration",
                {
                    "goal": {
                        "statement": "Become operations manager within two years",
                        "success_measure": "Offer letter",
                        "due": "2027-12-31",
                    }
                },
            )
        ],
        notes=(Note("coach", "Ravi peer-coaches already; use that as evidence.", private=True),),
    )
    _run(spec, ravi, demo.nw["alice"])
