"""What a demo coaching session is made of (the specs the demo runs), and the first sessions:
Bob's with Alice (a GROW and a T-GROW), Hannah's OSCAR and Jamal's STEPPPA. The others are in
demo_sessions_more.py; engagements/demo.py runs them."""

from dataclasses import dataclass, field
from typing import Any

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


SESSIONS_FIRST = [
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
]
