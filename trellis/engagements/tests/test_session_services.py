"""Coaching sessions as services: opening, answering, moving, finishing, pinned versions."""

import pytest
import time_machine
from django.core.exceptions import ValidationError

from trellis.engagements import selectors, services
from trellis.engagements.models import CoachingSession
from trellis.frameworks.models import FrameworkVersion


def open_grow(world, **kwargs):
    return services.coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow", **kwargs
    )


def test_it_opens_a_session_in_an_engagement_pinned_to_a_builtin_snapshot(world):
    session = open_grow(world, topic="The tech lead role")
    assert session.coach == world.alice and session.coachee == world.bob
    assert session.kind == "scheduled" and session.style == "non-directive"
    assert session.status == "in_progress"
    version = session.framework_version
    assert version.org is None and version.key == "grow" and version.version == 1
    assert session.state["framework"]["hash"] == version.content_hash
    again = open_grow(world)
    assert again.framework_version == version
    assert FrameworkVersion.objects.filter(key="grow").count() == 1


def test_it_accepts_mcleods_spelling_and_an_event_driven_kind(world):
    session = services.coaching_session_create(
        actor=world.bob,
        engagement=world.engagement,
        framework_key="STEPPPA",
        style="directive",
        kind="event",
    )
    assert session.framework_version.key == "steppa"
    assert session.kind == "event" and session.style == "directive"


def test_it_names_every_field_it_refuses(world):
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_create(
            actor=world.alice,
            engagement=world.engagement,
            framework_key="achieve",
            style="bossy",
            kind="self",
        )
    errors = caught.value.message_dict
    assert set(errors) == {"style", "kind", "framework_key"}
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_create(
            actor=world.alice, engagement=world.engagement, framework_key="achieve"
        )
    assert "grow, tgrow" in caught.value.message_dict["framework_key"][0]
    assert not CoachingSession.objects.exists()


def test_it_refuses_a_session_in_someone_elses_engagement(world):
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_create(
            actor=world.dana, engagement=world.engagement, framework_key="grow"
        )
    assert caught.value.message_dict["engagement"] == [services.NOT_IN_ENGAGEMENT]


def test_it_opens_self_coaching_for_a_coachee_only(world):
    session = services.coaching_session_create(actor=world.bob, framework_key="oskar")
    assert session.kind == "self" and session.coach is None and session.coachee == world.bob
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_create(actor=world.dana, framework_key="oskar")
    assert caught.value.message_dict["coachee"] == [services.NOT_A_COACHEE_SELF]


@time_machine.travel("2026-03-02 09:00Z")
def test_it_runs_a_grow_session_to_its_artifacts(world):
    session = open_grow(world)
    session = services.coaching_session_submit(
        actor=world.alice,
        session=session,
        stage="goal",
        answers={"goal": {"statement": "Lead the platform team", "due": "end of June"}},
    )
    session = services.coaching_session_move(actor=world.alice, session=session, stage="will")
    session = services.coaching_session_submit(
        actor=world.alice,
        session=session,
        stage="will",
        answers={
            "actions": [
                {"what": "Ask Greg for the lead role", "when": "2026-03-06", "commitment": "8"}
            ]
        },
    )
    session = services.coaching_session_finish(actor=world.alice, session=session)
    assert session.status == "finished" and session.finished_at is not None
    goal = session.artifacts["goal"]
    assert goal["statement"] == "Lead the platform team"
    assert goal["due_date"] == "2026-06-30"
    assert session.artifacts["actions"][0]["commitment"] == 8
    assert "reality" in session.artifacts["open_stages"]
    markdown = selectors.session_markdown(session, [])
    assert "- [ ] Ask Greg for the lead role" in markdown


def test_it_keys_answer_errors_by_field_path_and_stores_nothing(world):
    session = open_grow(world)
    before = session.state
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_submit(
            actor=world.alice,
            session=session,
            stage="will",
            answers={"actions": [{"what": "Call", "commitment": 12}, {"when": "2026-02-30"}]},
        )
    errors = caught.value.message_dict
    assert "actions[0].commitment" in errors and "actions[1].what" in errors
    assert "actions[1].when" in errors
    session.refresh_from_db()
    assert session.state == before


def test_it_lets_only_the_coach_set_the_goal_and_only_when_directive(world):
    session = open_grow(world)
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_submit(
            actor=world.alice,
            session=session,
            stage="goal",
            answers={"goal": "Ship it"},
            by="coach",
        )
    assert "goal" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_submit(
            actor=world.bob, session=session, stage="goal", answers={"goal": "Ship it"}, by="coach"
        )
    assert caught.value.message_dict["by"] == [services.COACH_AUTHOR_ONLY]
    directive = open_grow(world, style="directive")
    directive = services.coaching_session_submit(
        actor=world.alice, session=directive, stage="goal", answers={"goal": "Ship it"}, by="coach"
    )
    assert directive.state["answers"]["goal"]["goal"]["by"] == "coach"


def test_it_asks_permission_before_advice_in_a_non_directive_session(world):
    session = open_grow(world)
    engine = selectors.session_engine(session)
    asked = []
    while (question := engine.next_question()) is not None and question.kind != "permission":
        asked.append(question.id)
        session = services.coaching_session_reply(
            actor=world.alice, session=session, question_id=question.id, reply="noted"
        )
        engine = selectors.session_engine(session)
    services.coaching_session_move(actor=world.alice, session=session, stage="options")
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_reply(
            actor=world.alice, session=session, question_id="options/dialogical/0/permission"
        )
    assert caught.value.message_dict["granted"] == [services.PERMISSION_NEEDS_ANSWER]
    assert len(asked) == 4


def test_it_records_feedback_from_the_coach_of_a_directive_session(world):
    session = open_grow(world, style="directive")
    session = services.coaching_session_feedback(
        actor=world.alice, session=session, text="Clear goal, well scoped."
    )
    assert session.state["feedback"] == [{"stage": "goal", "text": "Clear goal, well scoped."}]
    with pytest.raises(ValidationError):
        services.coaching_session_feedback(actor=world.bob, session=session, text="Nice")
    plain = open_grow(world)
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_feedback(actor=world.alice, session=plain, text="Nice")
    assert "directive" in caught.value.message_dict["text"][0]


def test_it_refuses_changes_to_a_finished_session(world):
    session = services.coaching_session_finish(actor=world.alice, session=open_grow(world))
    with pytest.raises(ValidationError) as caught:
        services.coaching_session_move(actor=world.alice, session=session, stage="will")
    assert "finished" in caught.value.message_dict["session"][0]


def test_it_keeps_self_coaching_out_of_the_admins_and_sponsors_lists(world):
    coached = open_grow(world)
    services.coaching_session_create(actor=world.bob, framework_key="oskar")
    assert list(selectors.sessions_visible_to(member=world.olga)) == [coached]
    assert list(selectors.sessions_visible_to(member=world.dana)) == [coached]
    assert selectors.sessions_visible_to(member=world.bob).count() == 2
    assert not selectors.sessions_visible_to(member=world.carol).exists()
