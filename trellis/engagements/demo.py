"""Demo coaching sessions: finished and in-progress ones with several frameworks, realistic
answers, and private and shared notes, for the demo engagements. Idempotent: a session is
recognised by its coachee and topic."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership
from trellis.engagements import demo_kinds, demo_lifecycle, selectors, services
from trellis.engagements.models import CoachingSession, Engagement, SessionNote
from trellis.frameworks import services as framework_services

Answers = list[tuple[str, dict[str, Any]]]  # (stage, {kind: answer}) in the order given


@dataclass(frozen=True)
class Note:
    author: str  # "coach" or "coachee"
    text: str
    private: bool = False
    for_sponsor: bool = False  # the coachee shared it with the sponsor


@dataclass(frozen=True)
class Demo:
    coachee: str
    coach: str  # "" for self-coaching
    framework: str
    topic: str
    days_ago: int
    answers: Answers
    style: str = "non-directive"
    kind: str | None = None
    finish: bool = True
    stop_at: str = ""  # where an unfinished session stands
    replies: dict[str, list[str]] = field(default_factory=dict)  # stage -> replies to its questions
    notes: tuple[Note, ...] = ()
    coach_sets_goal: bool = False
    feedback: tuple[str, ...] = ()
    org: str = "northwind"


SESSIONS = [
    Demo(
        "bob",
        "alice",
        "grow",
        "First month as acting tech lead",
        41,
        replies={
            "goal": [
                "To be confirmed as tech lead by the summer",
                "People come to me with design questions first",
            ],
            "reality": [
                "I run reviews but nobody knows I want the role",
                "4, maybe 5 on a good week",
            ],
            "options": ["Ask Greg straight out", "Lead the migration kick-off"],
            "will": ["Book the talk with Greg this week"],
        },
        answers=[
            (
                "goal",
                {
                    "goal": {
                        "statement": "Be confirmed as tech lead of the platform team",
                        "success_measure": "Greg announces it in the team meeting",
                        "due": "2026-06-30",
                    }
                },
            ),
            (
                "reality",
                {
                    "scaling": {
                        "now": 4,
                        "target": 8,
                        "n_plus_one": "Greg has heard from me that I want the role",
                    },
                    "notes": {
                        "text": "Runs the weekly design review already; has not asked for the role."
                    },
                },
            ),
            (
                "options",
                {
                    "options": [
                        {
                            "option": "Ask Greg for the role directly",
                            "pros": "Clear answer",
                            "cons": "Feels pushy",
                            "rating": 8,
                            "chosen": True,
                        },
                        {
                            "option": "Lead the migration kick-off",
                            "pros": "Shows leadership",
                            "cons": "Adds work",
                            "rating": 7,
                        },
                        {
                            "option": "Wait for the reorganisation",
                            "cons": "Could take a year",
                            "rating": 3,
                        },
                    ]
                },
            ),
            (
                "will",
                {
                    "actions": [
                        {
                            "what": "Book 30 minutes with Greg about the lead role",
                            "when": "2026-01-30",
                            "who": "Bob",
                            "support": "Alice to rehearse the pitch",
                            "obstacles": "Greg travelling",
                            "commitment": 9,
                        },
                        {
                            "what": "Write a one-page migration plan",
                            "when": "2026-02-13",
                            "who": "Bob",
                            "support": "Priya reviews it",
                            "commitment": 7,
                        },
                    ]
                },
            ),
        ],
        notes=(
            Note(
                "coach",
                "Bob undersells his review work. Watch for 'just' and 'only'.",
                private=True,
            ),
            Note(
                "coach",
                "Agreed: Bob asks Greg directly; we check in after the talk.",
                for_sponsor=True,
            ),
            Note("coachee", "Rehearsal helped. I want to ask before the planning week."),
        ),
    ),
    Demo(
        "bob",
        "alice",
        "tgrow",
        "Promotion panel next month",
        6,
        kind="event",
        finish=False,
        stop_at="reality",
        replies={
            "topic": ["The panel on the 20th"],
            "goal": ["Walk out knowing I gave my best case"],
        },
        answers=[
            (
                "topic",
                {
                    "topic": {
                        "topic": "Preparing for the promotion panel",
                        "scope": "The panel itself, not the pay discussion",
                    }
                },
            ),
            (
                "goal",
                {
                    "goal": {
                        "statement": "Present three examples of leading without the title",
                        "success_measure": "Each example has a result and a number",
                        "due": "2026-03-20",
                    }
                },
            ),
        ],
        notes=(
            Note(
                "coach", "Event-driven session before the panel. Short and focused.", private=True
            ),
        ),
    ),
    Demo(
        "hannah",
        "alice",
        "oscar",
        "Negotiating the Baltic accounts",
        27,
        style="directive",
        coach_sets_goal=True,
        feedback=("Your opening offer was clear and confident; slow down at the price.",),
        replies={
            "outcome": ["Keep the margin above 18 percent"],
            "situation": ["5: I give in on price too early"],
        },
        answers=[
            (
                "outcome",
                {
                    "goal": {
                        "statement": "Close the two Baltic renewals with a margin of at least 18%",
                        "success_measure": "Signed contracts at 18% or more",
                        "due": "end of March",
                    }
                },
            ),
            (
                "situation",
                {
                    "scaling": {"now": 5, "target": 8, "n_plus_one": "I name the price and pause"},
                    "notes": {
                        "text": "Discounts offered before the client asked, twice last quarter."
                    },
                },
            ),
            (
                "choices-consequences",
                {
                    "options": [
                        {
                            "option": "Rehearse the price conversation with Alice",
                            "consequences": "More confident opening",
                            "rating": 9,
                            "chosen": True,
                        },
                        {
                            "option": "Bring Dana into the second meeting",
                            "consequences": "Less ownership",
                            "rating": 5,
                        },
                    ]
                },
            ),
            (
                "actions",
                {
                    "actions": [
                        {
                            "what": "Rehearse the price conversation twice",
                            "when": "2026-02-20",
                            "who": "Hannah and Alice",
                            "commitment": 8,
                        },
                        {
                            "what": "Send the renewal proposals",
                            "when": "2026-03-02",
                            "who": "Hannah",
                            "commitment": 9,
                        },
                    ]
                },
            ),
            (
                "review",
                {
                    "review": {
                        "better": "I held the price in the first call",
                        "adjust": "Prepare the walk-away point",
                    }
                },
            ),
        ],
        notes=(
            Note(
                "coach",
                "Directive session at Hannah's request: she wants practice, not exploration.",
                private=True,
            ),
        ),
    ),
    Demo(
        "jamal",
        "marcus",
        "steppa",
        "Getting ready for the promotion panel",
        19,
        style="dialogical",
        kind="event",
        replies={"subject": ["The panel and what comes after"], "emotion": ["Nervous but keen"]},
        answers=[
            (
                "subject",
                {
                    "topic": {
                        "topic": "The senior engineer promotion panel",
                        "scope": "Preparation and the first 90 days",
                    }
                },
            ),
            (
                "target",
                {
                    "goal": {
                        "statement": "Pass the senior engineer panel in April",
                        "success_measure": "Panel outcome letter",
                        "due": "2026-04-15",
                    }
                },
            ),
            (
                "emotion",
                {
                    "emotions": {
                        "feelings": "Excited, and worried about the system design round",
                        "buy_in": 6,
                    }
                },
            ),
            (
                "perception",
                {
                    "options": [
                        {
                            "option": "Mock design interviews with Marcus",
                            "pros": "Real practice",
                            "rating": 9,
                            "chosen": True,
                        },
                        {
                            "option": "Read the system design book",
                            "pros": "Cheap",
                            "cons": "No feedback",
                            "rating": 5,
                        },
                    ]
                },
            ),
            (
                "plan",
                {
                    "actions": [
                        {
                            "what": "Two mock design rounds",
                            "when": "2026-03-20",
                            "who": "Jamal and Marcus",
                            "commitment": 8,
                        },
                        {
                            "what": "Write the impact summary",
                            "when": "2026-03-27",
                            "who": "Jamal",
                            "support": "Greg's input",
                            "commitment": 7,
                        },
                    ]
                },
            ),
            (
                "pace",
                {
                    "notes": {
                        "text": "One mock round a fortnight; impact summary before the end of March."
                    }
                },
            ),
            (
                "act-amend",
                {
                    "review": {
                        "better": "The first mock went well",
                        "adjust": "Practise the trade-offs part",
                    }
                },
            ),
        ],
        notes=(
            Note(
                "coach",
                "Buy-in at 6: check whether the senior title is Jamal's goal or Greg's.",
                private=True,
            ),
            Note("coachee", "I want this for myself; the title matters less than the scope."),
        ),
    ),
    Demo(
        "lena",
        "sofia",
        "oskar",
        "Finding focus after a difficult quarter",
        3,
        finish=False,
        stop_at="know-how",
        replies={"outcome": ["Mornings for deep work again"], "scaling": ["3 right now"]},
        answers=[
            (
                "outcome",
                {
                    "goal": {
                        "statement": "Protect two focus mornings a week",
                        "success_measure": "Calendar shows them, and I keep them",
                        "due": "",
                    }
                },
            ),
            (
                "scaling",
                {
                    "scaling": {
                        "now": 3,
                        "target": 7,
                        "n_plus_one": "One morning kept without interruptions",
                    }
                },
            ),
        ],
        notes=(
            Note(
                "coach",
                "Lena blames herself for the quarter; keep to what already works.",
                private=True,
            ),
        ),
    ),
    Demo(
        "tom",
        "sofia",
        "fuel",
        "Back to target after a slow start",
        12,
        replies={
            "frame": ["Talk about the pipeline"],
            "understand": ["About 40 percent of target"],
        },
        answers=[
            (
                "frame",
                {"topic": {"topic": "The sales pipeline for Q2", "scope": "New accounts only"}},
            ),
            (
                "understand",
                {
                    "scaling": {"now": 4, "target": 8},
                    "notes": {"text": "Pipeline is thin: 6 qualified leads against 15 needed."},
                },
            ),
            (
                "explore",
                {
                    "goal": {
                        "statement": "Build a pipeline of 15 qualified leads",
                        "success_measure": "15 leads in the CRM",
                        "due": "2026-04-30",
                    },
                    "options": [
                        {"option": "Two prospecting mornings a week", "rating": 8, "chosen": True},
                        {"option": "Ask Hannah to share two accounts", "rating": 6},
                    ],
                },
            ),
            (
                "lay-out",
                {
                    "actions": [
                        {
                            "what": "Block Tuesday and Thursday mornings for prospecting",
                            "when": "2026-03-03",
                            "who": "Tom",
                            "commitment": 8,
                        }
                    ]
                },
            ),
        ],
        notes=(Note("coachee", "Prospecting mornings are in the calendar.", for_sponsor=True),),
    ),
    Demo(
        "greg",
        "marcus",
        "clear",
        "Leading a team through a reorganisation",
        2,
        finish=False,
        stop_at="exploring",
        answers=[
            (
                "contracting",
                {
                    "topic": {
                        "topic": "Keeping the team together through the reorganisation",
                        "scope": "How Greg communicates, not the org chart",
                    }
                },
            ),
            (
                "listening",
                {
                    "notes": {
                        "text": "Greg worries two seniors will leave; he has not told the team the timeline."
                    }
                },
            ),
        ],
        notes=(Note("coach", "Contracting: Greg asked that nothing goes to Olga.", private=True),),
    ),
    Demo(
        "yuki",
        "",
        "oskar",
        "Presenting to senior stakeholders",
        9,
        replies={"outcome": ["Calm, short updates"]},
        answers=[
            (
                "outcome",
                {
                    "goal": {
                        "statement": "Give the monthly update in ten minutes without notes",
                        "success_measure": "Under ten minutes, two questions answered",
                        "due": "2026-04-10",
                    }
                },
            ),
            (
                "scaling",
                {"scaling": {"now": 5, "target": 8, "n_plus_one": "I rehearse once out loud"}},
            ),
            (
                "know-how",
                {
                    "resources": {
                        "know_how": "I explain well one to one",
                        "resources": "Sofia's deck template",
                        "already_happening": "The team stand-up goes fine",
                    }
                },
            ),
            (
                "affirm-action",
                {
                    "actions": [
                        {
                            "what": "Rehearse the update out loud once",
                            "when": "2026-03-09",
                            "who": "Yuki",
                            "commitment": 9,
                        }
                    ]
                },
            ),
            (
                "review",
                {
                    "review": {
                        "better": "I wrote the three key messages first",
                        "adjust": "Time the rehearsal",
                    }
                },
            ),
        ],
    ),
    Demo(
        "ravi",
        "",
        "practice",
        "Choosing between two operations roles",
        1,
        finish=False,
        stop_at="alternatives",
        answers=[
            (
                "problem",
                {"topic": {"topic": "Two internal roles open at once"}, "scaling": {"now": 6}},
            ),
            (
                "realistic-goals",
                {
                    "goal": {
                        "statement": "Decide which role to apply for",
                        "success_measure": "Application sent",
                        "due": "2026-03-15",
                    }
                },
            ),
        ],
    ),
    Demo(
        "ed",
        "carol",
        "grow",
        "First 90 days as a director",
        15,
        org="globex",
        answers=[
            (
                "goal",
                {
                    "goal": {
                        "statement": "Agree the leadership team's three priorities",
                        "success_measure": "Written and shared",
                        "due": "2026-03-31",
                    }
                },
            ),
            (
                "reality",
                {"scaling": {"now": 3}, "notes": {"text": "New team, no shared priorities yet."}},
            ),
            ("options", {"options": [{"option": "An offsite", "rating": 7, "chosen": True}]}),
            (
                "will",
                {"actions": [{"what": "Book the offsite", "when": "2026-03-10", "commitment": 8}]},
            ),
        ],
    ),
    # Consecutive sessions connect: OSKAR's Review opens this one with what the GROW session
    # before it planned (seeded last, so that the earlier sessions are finished by then).
    Demo(
        "bob",
        "alice",
        "oskar",
        "Follow-up: what is better since the last session",
        0,
        finish=False,
        stop_at="review",
        answers=[],
    ),
    # Low buy-in at STEPPPA's Emotion took this self-coaching session back to Target, where it
    # stands, with the goal and the feelings kept.
    Demo(
        "yuki",
        "",
        "steppa",
        "A team lead role I am not sure I want",
        1,
        finish=False,
        answers=[
            ("subject", {"topic": {"topic": "The team lead opening on my team"}}),
            (
                "target",
                {
                    "goal": {
                        "statement": "Apply for the team lead role by the end of the month",
                        "success_measure": "Application sent",
                    }
                },
            ),
            ("emotion", {"emotions": {"feelings": "Dutiful more than excited", "buy_in": 4}}),
        ],
    ),
]

CAREER_CONVERSATION = """# Northwind's own framework, written for the demo.
schema = 1
key = "northwind-career"
name = "Northwind career conversation"
version = 1
originator = "Northwind Learning People & Culture team"
source = "Written for the Trellis demo (2026)"
description = "A short career conversation: aspiration, strengths, next steps."

[[stages]]
key = "aspiration"
name = "Aspiration"
purpose = "Name the next role or capability the person is aiming for."
produces = ["goal"]
done_when = "There is one aspiration with a way to see progress and a date."

[stages.prompts]
non_directive = ["Where would you like to be in two years?", "What draws you to that?", "How will you know you are getting closer?"]
dialogical = ["Would it help to look at people already in that role?", "Shall we make it concrete with a date?", "Could there be a nearer step on the way?"]
directive = [{ text = "Write the aspiration as one sentence.", level = "instructing" }, { text = "Set a date within two years.", level = "instructing" }, { text = "Talk to someone in that role this month.", level = "advice" }]

[[stages]]
key = "strengths"
name = "Strengths"
purpose = "Collect the strengths and support the person already has."
produces = ["resources"]
done_when = "Strengths and at least one supporter are named."

[stages.prompts]
non_directive = ["What are you known for?", "Who would vouch for you?", "When did you last do part of that role already?"]
dialogical = ["I have seen you do this well. Does that count?", "Would your manager agree?", "Shall we list three examples?"]
directive = [{ text = "List three strengths with an example each.", level = "instructing" }, { text = "Ask a colleague for one more.", level = "advice" }, { text = "Name one supporter.", level = "instructing" }]

[[stages]]
key = "next-steps"
name = "Next steps"
purpose = "Agree the first steps, with dates and commitment."
produces = ["actions"]
done_when = "Each step has a date and a commitment of 7 or more."

[stages.prompts]
non_directive = ["What is your first step?", "When will you do it?", "How committed are you, from 1 to 10?"]
dialogical = ["Would a smaller first step help?", "Shall we put it in the calendar?", "Who could help with it?"]
directive = [{ text = "Book the first step this week.", level = "advice" }, { text = "Give each step a date.", level = "instructing" }, { text = "Tell your coach when it is done.", level = "instructing" }]
"""


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
