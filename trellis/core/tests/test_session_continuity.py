"""Nothing typed is lost, replies reach the summary, and consecutive sessions connect (no Django)."""

import json

from trellis.core.frameworks import (
    CoachingSession,
    PreviousPlan,
    artifacts_markdown,
    load_builtin,
    previous_plan,
    review_stage,
    stage_draft,
)

LAST_TIME = {
    "goal": {"statement": "Calmer weekly planning"},
    "actions": [
        {"what": "Send the agenda on Friday", "when_date": "2026-03-06", "when_text": "Friday"},
        {"what": "", "when_date": None},
    ],
    "reality": {"scaling": {"now": 5}},
}


def roundtrip(session: CoachingSession) -> CoachingSession:
    return CoachingSession.from_dict(json.loads(json.dumps(session.to_dict())), session.framework)


def test_it_reads_the_plan_a_finished_session_left():
    plan = previous_plan(LAST_TIME, framework="oskar", finished_on="2026-03-02")
    assert plan is not None
    assert plan.goal == "Calmer weekly planning" and plan.scaling == 5
    assert [(a.what, a.when) for a in plan.actions] == [("Send the agenda on Friday", "2026-03-06")]
    assert (
        plan.question
        == 'Last time you planned "Send the agenda on Friday". What is better since then?'
    )
    assert previous_plan({"goal": None, "actions": []}, framework="grow", finished_on="x") is None
    assert previous_plan(None, framework="grow", finished_on="x") is None


def test_it_opens_the_next_oskar_and_clear_session_at_review_with_last_times_plan():
    plan = previous_plan(LAST_TIME, framework="oskar", finished_on="2026-03-02")
    for key in ("oskar", "clear", "oscar"):
        framework = load_builtin(key)
        session = roundtrip(CoachingSession(framework, previous=plan))
        assert session.current == review_stage(framework) == "review"
        assert session.previous == plan
        assert session.overview()["previous"]["question"].startswith("Last time you planned")
        assert CoachingSession(framework).current == framework.stages[0].key  # no plan: the start


def test_it_shows_last_times_plan_in_the_markdown():
    plan = previous_plan(LAST_TIME, framework="oskar", finished_on="2026-03-02")
    session = CoachingSession(load_builtin("oskar"), previous=plan)
    session.submit("review", {"review": {"better": "Planning starts on time"}})
    text = artifacts_markdown(session.finish(), session.framework)
    assert "## Planned last time (2026-03-02)" in text
    assert "- Send the agenda on Friday (2026-03-06)" in text
    assert "What is better: Planning starts on time" in text


def test_it_takes_steppa_back_to_target_on_low_buy_in_and_keeps_what_was_typed():
    session = CoachingSession(load_builtin("steppa"), start_at="target")
    session.submit("target", {"goal": {"statement": "Head of sales by June"}})
    session.go_to("emotion")
    message = session.submit("emotion", {"emotions": {"feelings": "flat", "buy_in": 3}})
    assert message is not None and "Buy-in is 3 out of 10" in message
    session = roundtrip(session)
    assert session.current == "target"
    assert session.answer("target", "goal").statement == "Head of sales by June"
    assert session.answer("emotion", "emotions").buy_in == 3
    assert session.went_back[-1]["to"] == "target"


def test_it_moves_on_from_emotion_with_enough_buy_in():
    session = CoachingSession(load_builtin("steppa"), start_at="emotion")
    assert session.submit("emotion", {"emotions": {"buy_in": 7}}) is None
    assert session.current == "emotion" and session.went_back == []


def test_it_keeps_drafts_until_the_stage_is_saved():
    session = CoachingSession(load_builtin("grow"))
    session.keep_draft(stage_draft("goal"), {"goal-statement": "Lead the team", "goal-due": ""})
    session.keep_draft("note:alice", {"text": "Half a thought"})
    session = roundtrip(session)
    assert session.draft(stage_draft("goal")) == {"goal-statement": "Lead the team"}
    assert session.draft("note:alice") == {"text": "Half a thought"}
    session.submit("goal", {"goal": {"statement": "Lead the team"}})
    assert session.draft(stage_draft("goal")) is None
    session.keep_draft("note:alice", {"text": "  "})
    assert session.draft("note:alice") is None


def test_it_tells_a_change_from_what_the_stage_holds():
    session = CoachingSession(load_builtin("grow"))
    session.submit("goal", {"goal": {"statement": "Lead the team", "due": "2026-06-30"}})
    assert not session.changed(
        "goal", {"goal": {"statement": "Lead the team", "due": "2026-06-30"}}
    )
    assert session.changed("goal", {"goal": {"statement": "Lead the platform team"}})
    assert session.changed("reality", {"scaling": {"now": "eleven"}})  # not accepted: a draft


def test_it_puts_replies_in_the_artifacts_and_the_markdown():
    session = CoachingSession(load_builtin("grow"))
    question = session.next_question()
    session.record(question, "Be the tech lead")
    session.record(session.next_question(), "")  # skipped: not a reply
    artifacts = session.finish()
    assert [(r.stage, r.question, r.reply) for r in artifacts.replies] == [
        ("goal", question.text, "Be the tech lead")
    ]
    text = artifacts_markdown(artifacts, session.framework)
    assert f"- Goal: *{question.text}* Be the tech lead" in text


def test_it_reads_older_stored_sessions_without_drafts_or_plans():
    data = CoachingSession(load_builtin("grow")).to_dict()
    for key in ("drafts", "previous", "went_back"):
        del data[key]
    session = CoachingSession.from_dict(data, load_builtin("grow"))
    assert session.drafts == {} and session.previous is None and session.went_back == []
    assert PreviousPlan.from_dict({"actions": [{"what": "x"}]}).actions[0].what == "x"


def test_it_says_why_it_is_back_at_target_only_while_buy_in_stays_low():
    session = CoachingSession(load_builtin("steppa"), start_at="emotion")
    session.submit("emotion", {"emotions": {"buy_in": 4}})
    assert "Buy-in is 4 out of 10" in session.sent_back_here()
    session.go_to("emotion")
    session.submit("emotion", {"emotions": {"buy_in": 8}})
    session.go_to("target")
    assert session.sent_back_here() == ""
