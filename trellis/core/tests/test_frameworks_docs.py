"""docs/frameworks.md describes every built-in framework and cannot drift from the code."""

import re
from pathlib import Path

import pytest

from trellis.core.frameworks import (
    BUILTIN_KEYS,
    KINDS,
    load_builtin,
    parse_framework,
    validate_framework_text,
)

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "docs" / "frameworks.md").read_text()


def section(key: str) -> str:
    framework = load_builtin(key)
    heading = f"### {framework.name} (`{key}`)"
    assert heading in DOC, f"docs/frameworks.md has no section {heading!r}"
    return DOC.split(heading, 1)[1].split("\n### ", 1)[0]


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_documents_every_builtin_framework(key):
    framework = load_builtin(key)
    text = section(key)
    assert framework.originator in text
    for stage in framework.stages:
        assert f"| {stage.name} |" in text, f"{key}: stage {stage.name} is not documented"
    for voice in ("Non-directive:", "Dialogical:", "Directive:"):
        assert voice in text


def test_it_documents_every_kind_a_stage_can_produce():
    for kind in KINDS:
        assert f"| `{kind}` |" in DOC


def test_it_gives_a_minimal_example_that_validates():
    example = re.search(r"```toml\n(.*?)```", DOC, re.DOTALL)
    assert example is not None
    assert parse_framework(example.group(1)).key == "check-in"


def test_it_shows_what_validate_really_reports_for_the_broken_example():
    text = (ROOT / "docs" / "examples" / "frameworks" / "broken.toml").read_text()
    for problem in validate_framework_text(text, "broken.toml"):
        assert f"  {problem}\n" in DOC
