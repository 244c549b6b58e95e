"""The built-in frameworks: present, valid, faithful to their published shape."""

import pytest

from trellis.core.frameworks import (
    BUILTIN_KEYS,
    UnknownFrameworkError,
    Voice,
    builtin_frameworks,
    load_builtin,
    validate_framework_text,
)
from trellis.core.frameworks.loader import BUILTIN_DIR

PUBLISHED_STAGES = {
    "grow": ["Goal", "Reality", "Options", "Will"],
    "tgrow": ["Topic", "Goal", "Reality", "Options", "Wrap-up"],
    "oskar": ["Outcome", "Scaling", "Know-how", "Affirm and Action", "Review"],
    "oscar": ["Outcome", "Situation", "Choices and Consequences", "Actions", "Review"],
    "steppa": [
        "Subject",
        "Target",
        "Emotion",
        "Perception and choice",
        "Plan",
        "Pace",
        "Act and Amend",
    ],
    "clear": ["Contracting", "Listening", "Exploring", "Action", "Review"],
    "fuel": [
        "Frame the conversation",
        "Understand the current state",
        "Explore the desired state",
        "Lay out a success plan",
    ],
    "practice": [
        "Problem identification",
        "Realistic, relevant goals",
        "Alternative solutions",
        "Consideration of consequences",
        "Target most feasible solution(s)",
        "Implementation of chosen solution(s)",
        "Evaluation",
    ],
    "impact-cycle": ["Identify", "Learn", "Improve"],
    "team-clear": ["Contracting", "Listening", "Exploring", "Action", "Review"],
    "five-disciplines": [
        "Commissioning",
        "Clarifying",
        "Co-creating",
        "Connecting",
        "Core learning",
    ],
    "deal-review": [
        "The deal",
        "Stakeholders",
        "Decision process",
        "Next commitments",
        "Risks",
    ],
}


def test_it_ships_the_twelve_frameworks_in_order():
    assert [framework.key for framework in builtin_frameworks()] == list(PUBLISHED_STAGES)
    assert list(BUILTIN_KEYS) == list(PUBLISHED_STAGES)


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_validates_every_builtin_file(key):
    path = BUILTIN_DIR / f"{key}.toml"
    assert validate_framework_text(path.read_text(), path.name) == []


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_keeps_the_published_stage_order(key):
    framework = load_builtin(key)
    assert [stage.name for stage in framework.stages] == PUBLISHED_STAGES[key]


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_gives_every_stage_several_prompts_in_each_voice(key):
    for stage in load_builtin(key).stages:
        for voice in Voice:
            assert len(stage.prompts_for(voice)) >= 3, (key, stage.key, voice)
        assert stage.purpose and stage.done_when and stage.produces


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_cites_originator_and_source_in_each_file(key):
    framework = load_builtin(key)
    assert framework.originator and framework.source and framework.description
    assert framework.when_to_use
    header = framework.text.split("schema =", 1)[0]
    assert "Originator" in header  # the comment at the top of the file cites the model too


def test_it_accepts_mcleods_spelling_of_steppa():
    assert load_builtin("stepppa") is load_builtin("steppa")
    assert load_builtin("STEPPPA").name == "STEPPPA"


def test_it_refuses_an_unknown_framework_and_names_the_known_ones():
    with pytest.raises(UnknownFrameworkError, match="grow, tgrow"):
        load_builtin("achieve")


def test_it_gives_each_model_the_fields_the_domain_calls_for():
    assert load_builtin("oskar").stage("scaling").produces == ("scaling",)
    assert "resources" in load_builtin("oskar").stage("know-how").produces
    assert "actions" in load_builtin("grow").stage("will").produces
    assert "actions" in load_builtin("oscar").stage("actions").produces
    assert "emotions" in load_builtin("steppa").stage("emotion").produces
    assert "peers_goal" in load_builtin("impact-cycle").stage("identify").produces
    assert "goal" in load_builtin("clear").stage("exploring").may_produce


def test_it_never_ships_achieve_under_that_name():
    names = {framework.name.lower() for framework in builtin_frameworks()}
    assert "achieve" not in names


def test_it_writes_no_prompt_twice_within_a_framework():
    for framework in builtin_frameworks():
        texts = [prompt.text for stage in framework.stages for prompt in stage.prompts]
        assert len(texts) == len(set(texts)), framework.key
