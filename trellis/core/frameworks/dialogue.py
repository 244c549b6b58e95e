"""A whole session as a dialogue of lines: what `trellis coach` runs in a terminal.

One line answers one prompt, so answers can be piped in; a blank line skips a question or a
field; the end of input finishes the session with whatever it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .artifacts import Artifacts
from .followups import QuestionKind
from .kinds import KINDS, FieldSpec, KindSpec
from .problems import AnswerError
from .session import CoachingSession
from .summary import artifacts_markdown

Ask = Callable[[str], str | None]  # shows a prompt, returns the line typed, or None at the end
Say = Callable[[str], None]

YES = {"y", "yes", "ok", "okay", "sure", "please", "go ahead"}
MAX_ITEMS = 20  # a list answer (options, actions) stops here even without a blank line


class _EndOfInput(Exception):
    pass


def run_dialogue(session: CoachingSession, ask: Ask, say: Say) -> Artifacts:
    """Walk the stages from the current one: questions, then the stage's fields, then
    follow-ups on what was answered. Returns the finished session's artifacts."""
    framework = session.framework

    def line(prompt: str) -> str:
        answer = ask(prompt)
        if answer is None:
            raise _EndOfInput
        return answer.strip()

    try:
        start = framework.index(session.current)
        for number, stage in enumerate(framework.stages[start:], start=start + 1):
            if stage.key != session.current:
                session.go_to(stage.key)
            say(f"\n== {number}/{len(framework.stages)} {stage.name} ==\n{stage.purpose}")
            _questions(session, line)
            say("Write down what this stage produced (a blank line skips):")
            for kind in stage.accepts:
                _fields(session, stage.key, KINDS[kind], line, say)
            _questions(session, line)  # follow-ups on low scores just given
    except _EndOfInput:
        say("\n(end of input: finishing the session with what it holds)")
    artifacts = session.finish()
    say("\n" + artifacts_markdown(artifacts, framework))
    return artifacts


def _questions(session: CoachingSession, line: Callable[[str], str]) -> None:
    while (question := session.next_question()) is not None:
        reply = line(f"{question.text}\n> ")
        if question.kind == QuestionKind.PERMISSION:
            session.respond_to_permission(question, reply.lower() in YES)
        else:
            session.record(question, reply)


def _fields(
    session: CoachingSession, stage: str, kind: KindSpec, line: Callable[[str], str], say: Say
) -> None:
    if kind.many:
        items = []
        for number in range(1, MAX_ITEMS + 1):
            item = _ask_fields(kind, line, f"{kind.label} {number}", finish_hint=True)
            if item is None:
                break
            items.append(item)
        answer: Any = items
    else:
        answer = _ask_fields(kind, line, kind.label, finish_hint=False)
        if answer is None:
            return
    try:
        session.submit(stage, {kind.key: answer})
    except AnswerError as exc:  # keep going: the stage stays open and the coachee sees why
        say("Not saved: " + "; ".join(f"{p.path}: expected {p.expected}" for p in exc.problems))


def _ask_fields(
    kind: KindSpec, line: Callable[[str], str], heading: str, *, finish_hint: bool
) -> dict[str, str] | None:
    """Ask each field; a blank required field skips the whole answer (or ends the list)."""
    answer: dict[str, str] = {}
    for field in kind.fields:
        hint = " (blank to finish)" if finish_hint and field.required else ""
        label = heading if field.label == kind.label else f"{heading} - {field.label}"
        text = line(f"{label}{_type_hint(field)}{hint}: ")
        if field.required and not text:
            return None
        if text:
            answer[field.name] = text
    return answer or None


def _type_hint(field: FieldSpec) -> str:
    if field.type == "date":
        return " (YYYY-MM-DD or words)"
    if field.type == "bool":
        return " (y/n)"
    return ""
