"""The framework file schema: every problem named with its file, field path and expectation."""

from pathlib import Path

import pytest

from trellis.core.frameworks import (
    FrameworkError,
    Problem,
    parse_framework,
    validate_framework_text,
)
from trellis.core.frameworks.schema import (
    EXPECTED_PROMPT_LIST,
    EXPECTED_SLUG,
    EXPECTED_TEXT,
    EXPECTED_TOML,
    EXPECTED_UNIQUE_STAGE,
    EXPECTED_VERSION,
)

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "frameworks"

MINIMAL = """
key = "tiny"
name = "Tiny"
version = 1
originator = "Us"
source = "Our handbook"
description = "One stage."

[[stages]]
key = "goal"
name = "Goal"
purpose = "Set a goal."
produces = ["goal"]
done_when = "A goal is written."

[stages.prompts]
non_directive = ["What do you want?"]
dialogical = ["Shall we write it down?"]
directive = [{ text = "Write it down.", level = "instructing" }]
"""


def problems_of(text: str) -> dict[str, Problem]:
    return {problem.path: problem for problem in validate_framework_text(text, "custom.toml")}


def test_it_reports_every_problem_in_the_broken_example_with_its_path():
    text = (EXAMPLES / "broken.toml").read_text()
    problems = problems_of(text)
    assert problems["key"].expected == EXPECTED_SLUG
    assert problems["version"].expected == EXPECTED_VERSION
    assert problems["originator"].expected == EXPECTED_TEXT
    assert "unknown field" in problems["stages[0].purpos"].found
    assert "'purpose'" in problems["stages[0].purpos"].found
    assert "goals" in problems["stages[0].produces[0]"].found
    assert problems["stages[0].prompts.directive[0].text"].expected == EXPECTED_TEXT
    assert "shouting" in problems["stages[0].prompts.directive[1].level"].found
    assert problems["stages[1].key"].expected == EXPECTED_UNIQUE_STAGE
    assert problems["stages[1].prompts.directive"].expected == EXPECTED_PROMPT_LIST
    assert len(problems) >= 10


def test_it_names_the_file_in_every_message():
    text = (EXAMPLES / "broken.toml").read_text()
    for problem in validate_framework_text(text, "broken.toml"):
        assert str(problem).startswith(f"broken.toml: {problem.path}: expected ")


def test_it_refuses_to_parse_a_broken_file_and_carries_the_problems():
    with pytest.raises(FrameworkError) as caught:
        parse_framework((EXAMPLES / "broken.toml").read_text(), "broken.toml")
    assert len(caught.value.problems) >= 10
    assert "stages[1].key" in str(caught.value)


def test_it_reports_a_toml_syntax_error_with_its_line():
    problems = validate_framework_text('key = "grow"\nname = \n', "bad.toml")
    assert len(problems) == 1
    assert problems[0].expected == EXPECTED_TOML
    assert "line 2" in problems[0].found


def test_it_accepts_the_custom_example_and_a_minimal_file():
    framework = parse_framework((EXAMPLES / "star-check-in.toml").read_text())
    assert framework.stage_keys == ("status", "target", "action", "reflect")
    tiny = parse_framework(MINIMAL)
    assert tiny.stages[0].prompts[-1].level == "instructing"
    assert tiny.stages[0].prompts[0].level == "questioning"  # the voice's usual level


def test_it_requires_all_three_voices_and_known_voices_only():
    text = MINIMAL.replace('dialogical = ["Shall we write it down?"]', 'dialogic = ["Shall we?"]')
    problems = problems_of(text)
    assert "stages[0].prompts.dialogical" in problems
    assert "'dialogical'" in problems["stages[0].prompts.dialogic"].found


def test_it_refuses_a_file_without_stages():
    text = MINIMAL.split("[[stages]]")[0]
    assert set(problems_of(text)) == {"stages"}


def test_it_refuses_a_kind_listed_twice_and_a_wrong_schema_version():
    text = "schema = 2\n" + MINIMAL.replace(
        'produces = ["goal"]', 'produces = ["goal"]\nmay_produce = ["goal"]'
    )
    problems = problems_of(text)
    assert "schema" in problems
    assert "stages[0].may_produce[0]" in problems


def test_it_hashes_content_not_layout():
    plain = parse_framework(MINIMAL)
    commented = parse_framework("# a comment\n" + MINIMAL.replace("\n\n", "\n\n\n"))
    changed = parse_framework(MINIMAL.replace("What do you want?", "What do you want now?"))
    assert plain.content_hash == commented.content_hash
    assert plain.content_hash != changed.content_hash
