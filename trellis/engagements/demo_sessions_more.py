"""More demo coaching sessions: Lena's, Tom's, Greg's, Yuki's and Ravi's self-coaching, Ed's at
Globex, Bob's follow-up, and Northwind's own career-conversation framework (a TOML the demo
imports). engagements/demo.py runs them."""

from trellis.engagements.demo_sessions import Demo, Note

SESSIONS_MORE = [
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
