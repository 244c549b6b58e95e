"""`trellis language stance | inclusive`: thin doors onto trellis.core.language."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args: str, stdin: str = "", monkeypatch=None) -> str:
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("language", *args, stdout=out)
    return out.getvalue()


def test_it_reads_one_statement_per_line_and_answers_in_json_lines(monkeypatch):
    statements = [
        "My manager said I have to redo it, so I'm blocking two hours.",
        "Why does this always happen to me?",
        "The policy says staff have to submit timesheets by Friday.",
    ]
    output = run("stance", "-", stdin="\n".join(statements) + "\n", monkeypatch=monkeypatch)
    lines = output.splitlines()
    assert len(lines) == 3
    results = [json.loads(line) for line in lines]
    assert [r["stance"] for r in results] == ["player", "victim", "neutral"]
    for result, statement in zip(results, statements, strict=True):
        assert {"stance", "mixed", "markers", "reflection"} <= set(result)
        for marker in result["markers"]:
            assert statement[marker["start"] : marker["end"]] == marker["text"]


def test_it_shows_the_words_noticed_and_a_reflective_question():
    output = run("stance", "There's nothing I can do, they won't let me.")
    assert "Stance: victim" in output
    assert "[There's nothing I can do]" in output
    assert "To reflect on:" in output
    assert "victim" not in output.split("To reflect on:")[1]


def test_it_prints_one_json_object_for_one_text():
    result = json.loads(run("stance", "I'll call the recruiter on Monday.", "--json"))
    assert result["stance"] == "player"
    assert result["markers"][0]["category"] == "plan"


def test_it_checks_wording_line_by_line(monkeypatch):
    output = run(
        "inclusive",
        "-",
        stdin="Hey guys, quick update.\nThanks everyone.\n",
        monkeypatch=monkeypatch,
    )
    first, second = (json.loads(line) for line in output.splitlines())
    assert first["findings"][0]["text"] == "Hey guys"
    assert first["findings"][0]["alternatives"]
    assert second["findings"] == []


def test_it_explains_each_finding_in_the_readable_output():
    output = run("inclusive", "We need more manpower to man the desk.")
    assert "[manpower]" in output and "Why:" in output and "Try:" in output
    assert run("inclusive", "Thanks everyone.").strip() == "No wording to reconsider was found."


def test_it_reads_all_of_standard_input_as_one_text_when_no_text_is_given(monkeypatch):
    output = run(
        "stance",
        "--json",
        stdin="Nobody told me.\nSo I'll ask on Friday.\n",
        monkeypatch=monkeypatch,
    )
    result = json.loads(output)
    assert len(result["sentences"]) == 2


def test_it_refuses_an_unknown_action():
    with pytest.raises(CommandError):
        run("tone", "hello")
