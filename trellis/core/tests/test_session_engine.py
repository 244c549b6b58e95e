# mypy: disable-error-code="union-attr,index,arg-type"
# Why: these tests read Optional results (next question, goal, prefill) directly; a None
# there fails the test with an AttributeError, which is the check we want.
"""The session engine's rules: a compass, not a cage, that adapts to the answers."""

import json
from datetime import date

import pytest

from trellis.core.frameworks import (
    AnswerError,
    CoachingSession,
    Question,
    QuestionKind,
    SessionError,
    StageStatus,
    Voice,
    load_builtin,
    parse_framework,
)
from trellis.core.frameworks.followups import (
    COMMITMENT_FOLLOW_UPS,
    FLAG_GOAL_WITHOUT_DATE,
    FLAG_GOAL_WITHOUT_MEASURE,
    PERMISSION_QUESTIONS,
)
from trellis.core.frameworks.session import (
    EXPECTED_COACHEE_GOAL,
    FEEDBACK_ONLY_IN_DIRECTIVE,
    SESSION_FINISHED,
)


def grow(**kwargs: object) -> CoachingSession:
    return CoachingSession(load_builtin("grow"), **kwargs)


def ask_all(session: CoachingSession, voice: Voice | None = None) -> list[Question]:
    asked: list[Question] = []
    while (question := session.next_question(voice)) is not None:
        assert len(asked) < 50, "the engine keeps suggesting questions"
        if question.kind == QuestionKind.PERMISSION:
            session.respond_to_permission(question, granted=True)
        else:
            session.record(question, "an answer")
        asked.append(question)
    return asked


def test_it_starts_non_directive_at_the_first_stage():
    session = grow()
    assert session.style == Voice.NON_DIRECTIVE
    assert session.current == "goal"
    assert session.next_question().voice == Voice.NON_DIRECTIVE


def test_it_never_suggests_a_question_twice():
    session = grow()
    asked = ask_all(session)
    texts = [question.text for question in asked]
    assert len(texts) == len(set(texts)) == 4
    assert session.next_question() is None
    session.forward()
    session.back()
    assert session.next_question() is None  # coming back does not repeat the stage


def test_it_does_not_move_on_until_a_question_is_recorded():
    session = grow()
    assert session.next_question() == session.next_question()


def test_it_follows_up_a_scaling_below_seven():
    session = grow(start_at="reality")
    session.submit("reality", {"scaling": {"now": 4}})
    question = session.next_question()
    assert question.kind == QuestionKind.FOLLOW_UP
    assert "4" in question.text and "5" in question.text
    session.record(question, "I would have one ally in the team")
    assert session.next_question().kind == QuestionKind.PROMPT


def test_it_does_not_follow_up_seven_or_more():
    session = grow(start_at="reality")
    session.submit("reality", {"scaling": {"now": 7}})
    assert session.next_question().kind == QuestionKind.PROMPT


def test_it_follows_up_each_low_commitment_in_varied_words():
    session = grow(start_at="will")
    actions = [
        {"what": "Ask for feedback", "when": "2025-04-01", "commitment": 5},
        {"what": "Update my CV", "when": "2025-04-08", "commitment": 3},
        {"what": "Book the course", "when": "2025-04-02", "commitment": 9},
    ]
    session.submit("will", {"actions": actions})
    first = session.next_question()
    session.record(first, "If my manager agreed the time")
    second = session.next_question()
    session.record(second, "")
    assert first.kind == second.kind == QuestionKind.FOLLOW_UP
    assert "Ask for feedback" in first.text and "6" in first.text
    assert "Update my CV" in second.text and "4" in second.text
    assert first.text.split('"')[0] != second.text.split('"')[0]  # not the same wording twice
    assert session.next_question().kind == QuestionKind.PROMPT
    assert {flag.path for flag in session.flags if flag.code == "low-commitment"} == {
        "actions[0].commitment",
        "actions[1].commitment",
    }
    assert COMMITMENT_FOLLOW_UPS  # the wordings live in one place


def test_it_keeps_options_open_while_the_list_is_empty():
    session = grow(start_at="options")
    session.submit("options", {"options": []})
    assert session.status("options") == StageStatus.OPEN
    assert "options" in session.open_stages()
    session.submit(
        "options", {"options": [{"option": "Ask for a secondment", "pros": "learn fast"}]}
    )
    assert session.status("options") == StageStatus.DONE


def test_it_flags_a_goal_without_measure_or_date():
    session = grow()
    session.submit("goal", {"goal": "Become a team lead"})
    messages = {flag.message for flag in session.flags}
    assert messages == {FLAG_GOAL_WITHOUT_MEASURE, FLAG_GOAL_WITHOUT_DATE}
    session.submit(
        "goal",
        {
            "goal": {
                "statement": "Become a team lead",
                "success_measure": "offer letter",
                "due": "2025-12-31",
            }
        },
    )
    assert session.flags == []


def test_it_asks_permission_before_advice_in_non_directive_mode():
    session = grow()
    question = session.next_question(voice="directive")
    assert question.kind == QuestionKind.PERMISSION
    assert question.text in PERMISSION_QUESTIONS
    assert question.about == "goal/directive/0"
    session.respond_to_permission(question, granted=True)
    offered = session.next_question(voice="directive")
    assert offered.id == "goal/directive/0" and offered.kind == QuestionKind.PROMPT


def test_it_drops_a_prompt_when_permission_is_declined():
    session = grow()
    session.respond_to_permission(session.next_question(voice=Voice.DIRECTIVE), granted=False)
    following = session.next_question(voice=Voice.DIRECTIVE)
    assert following.id == "goal/directive/1"  # feedback level: below advice, no permission
    session.record(following)
    assert session.next_question(voice=Voice.DIRECTIVE).kind == QuestionKind.PERMISSION


def test_it_does_not_ask_permission_in_directive_mode():
    session = grow(style="directive")
    question = session.next_question()
    assert question.kind == QuestionKind.PROMPT and question.voice == Voice.DIRECTIVE


def test_it_lets_a_directive_coach_set_the_goal_and_give_feedback():
    session = grow(style="directive")
    session.submit(
        "goal", {"goal": {"statement": "Pass the audit", "due": "2025-09-30"}}, by="coach"
    )
    feedback = session.record_feedback("You prepared the evidence well.")
    artifacts = session.finish()
    assert artifacts.goal.set_by == "coach"
    assert artifacts.goal.due_date == date(2025, 9, 30)
    assert artifacts.feedback == (feedback,)
    assert feedback.stage == "goal"


def test_it_keeps_the_goal_the_coachees_outside_directive_mode():
    session = grow(style="dialogical")
    with pytest.raises(AnswerError) as caught:
        session.submit("goal", {"goal": "Pass the audit"}, by="coach")
    assert caught.value.problems[0].path == "goal"
    assert caught.value.problems[0].expected == EXPECTED_COACHEE_GOAL
    with pytest.raises(SessionError, match=FEEDBACK_ONLY_IN_DIRECTIVE):
        session.record_feedback("Good work")


def test_it_jumps_anywhere_and_moves_back_and_forth():
    session = grow(start_at="options")
    assert session.status("goal") == StageStatus.NOT_STARTED
    session.go_to("goal")
    assert session.current == "goal" and session.status("goal") == StageStatus.OPEN
    with pytest.raises(SessionError, match="Goal is the first stage"):
        session.back()
    session.go_to("will")
    with pytest.raises(SessionError, match="Will is the last stage"):
        session.forward()
    assert session.back().key == "options"
    with pytest.raises(SessionError, match="goal, reality, options, will"):
        session.go_to("wrap-up")


def test_it_suggests_the_next_open_stage():
    session = grow()
    session.submit("goal", {"goal": "Lead the launch"})
    session.submit("options", {"options": [{"option": "Volunteer"}]})
    assert session.next_open_stage() == "reality"
    session.go_to("will")
    assert session.next_open_stage() == "reality"  # wraps around


def test_it_stores_nothing_when_any_answer_is_wrong():
    session = grow(start_at="reality")
    with pytest.raises(AnswerError) as caught:
        session.submit("reality", {"notes": "Busy quarter", "scaling": {"now": 14}, "goal": "x"})
    assert {problem.path for problem in caught.value.problems} == {"scaling.now", "goal"}
    assert session.answers == {}


def test_it_round_trips_through_json_and_carries_on():
    session = grow(style="dialogical", start_at="reality")
    session.submit("reality", {"scaling": {"now": 3}, "notes": "New manager"})
    session.record(session.next_question(), "I would know what she expects")
    session.go_to("goal")
    stored = json.loads(json.dumps(session.to_dict()))
    restored = CoachingSession.from_dict(stored, load_builtin("grow"))
    assert restored.to_dict() == session.to_dict()
    assert restored.next_question() == session.next_question()
    assert restored.style == Voice.DIALOGICAL


def test_it_restores_a_coach_set_goal_after_the_style_changed():
    session = grow(style="directive")
    session.submit("goal", {"goal": "Pass the audit"}, by="coach")
    session.change_style("non-directive")
    restored = CoachingSession.from_dict(session.to_dict(), load_builtin("grow"))
    assert restored.artifacts().goal.set_by == "coach"
    assert restored.style == Voice.NON_DIRECTIVE


def test_it_refuses_to_restore_with_another_framework_version():
    session = grow()
    changed = load_builtin("grow").text.replace("version = 1", "version = 2", 1)
    with pytest.raises(SessionError, match="version 1"):
        CoachingSession.from_dict(session.to_dict(), parse_framework(changed))


def test_it_records_a_question_by_its_id_for_the_api():
    session = grow()
    question = session.record("goal/non-directive/2", "When my manager says yes")
    assert question.text == "How will you know you have got there?"
    assert session.to_dict()["history"][0]["reply"] == "When my manager says yes"
    with pytest.raises(SessionError, match="no question"):
        session.record("goal/sideways/0", "")


def test_it_refuses_changes_once_finished():
    session = grow()
    session.finish()
    assert session.next_question() is None
    with pytest.raises(SessionError, match=SESSION_FINISHED):
        session.submit("goal", {"goal": "Too late"})
    with pytest.raises(SessionError, match=SESSION_FINISHED):
        session.go_to("will")


def test_it_reports_open_stages_and_flags_in_the_artifacts():
    session = grow()
    session.submit("goal", {"goal": "Get promoted"})
    artifacts = session.finish()
    assert artifacts.open_stages == ("reality", "options", "will")
    assert {flag.code for flag in artifacts.flags} == {
        "goal-without-success-measure",
        "goal-without-due-date",
    }


def test_it_takes_refined_answers_from_the_latest_stage_and_the_first_scaling_as_baseline():
    session = CoachingSession(load_builtin("practice"))
    session.submit("problem", {"topic": "Workload", "scaling": {"now": 3}})
    session.submit("alternatives", {"options": [{"option": "Delegate"}, {"option": "Say no"}]})
    assert session.prefill("consequences", "options")["items"][1]["option"] == "Say no"
    weighed = [
        {"option": "Delegate", "rating": 8, "chosen": True},
        {"option": "Say no", "rating": 4},
    ]
    session.submit("consequences", {"options": weighed})
    session.submit("evaluation", {"review": "Evenings are free again", "scaling": {"now": 7}})
    artifacts = session.artifacts()
    assert [option.rating for option in artifacts.options] == [8, 4]
    assert artifacts.options[0].chosen
    assert artifacts.reality.scaling.now == 3
    assert [scaling.now for _stage, scaling in artifacts.reality.scalings] == [3, 7]


def test_it_follows_up_low_buy_in_and_points_back_to_the_target():
    session = CoachingSession(load_builtin("stepppa"), start_at="emotion")
    message = session.submit("emotion", {"emotions": {"feelings": "uneasy", "buy_in": 4}})
    assert session.current == "target" and "back to Target" in message
    question = session.next_question()  # asked back at Target, where the goal is reshaped
    assert question.kind == QuestionKind.FOLLOW_UP and question.stage == "emotion"
    flag = next(flag for flag in session.flags if flag.code == "low-buy-in")
    assert "Target" in flag.message


def test_it_gives_an_overview_for_pages_and_the_api():
    session = grow()
    session.submit("goal", {"goal": "Get promoted"})
    overview = json.loads(json.dumps(session.overview()))
    assert overview["current"] == "goal" and overview["style"] == "non-directive"
    assert [stage["status"] for stage in overview["stages"]] == [
        "done",
        "not-started",
        "not-started",
        "not-started",
    ]
    assert overview["next_question"]["id"] == "goal/non-directive/0"
    assert {flag["path"] for flag in overview["flags"]} == {"goal.success_measure", "goal.due"}


def test_it_names_the_styles_for_an_unknown_one():
    with pytest.raises(ValueError, match="non-directive, dialogical, directive"):
        grow(style="socratic")
