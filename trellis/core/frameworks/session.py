"""A coaching session over a framework: a state machine that can be stored as plain JSON.

Stages are a compass, not a cage: the session may start anywhere, go forward, back, or jump.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from .answers import DateParser, Typed, typed_answer
from .artifacts import Artifacts, Feedback, Reply, build_artifacts
from .continuity import PreviousPlan, back_to_goal, opening_stage
from .followups import Flag, Question, QuestionKind, flags, follow_ups, permission_question
from .kinds import KINDS, is_complete, normalise_answer
from .model import Framework, Level, Stage, Voice
from .problems import AnswerError, Problem, SessionError, Wording, describe

SESSION_FORMAT = 1
GOAL_KINDS = ("goal", "peers_goal")

UNKNOWN_STAGE = "This framework has no stage {key!r}; its stages are: {keys}"
NO_STAGE_AFTER = "{name} is the last stage"
NO_STAGE_BEFORE = "{name} is the first stage"
# a refusal of a move is a Wording of one of these, which an edge can say in the reader's language
SESSION_FINISHED = "The session is finished and can no longer change"
FEEDBACK_ONLY_IN_DIRECTIVE = "Feedback is recorded only in a directive session"
EMPTY_FEEDBACK = "Feedback needs some text"
UNKNOWN_AUTHOR = "An answer is given by 'coachee' or 'coach', not {by!r}"
UNKNOWN_QUESTION = "This session has no question {id!r} to record"
NOT_A_PERMISSION = "The question {id!r} does not ask permission"
ANSWER_PERMISSION_INSTEAD = "The question {id!r} asks permission: use respond_to_permission"
FRAMEWORK_MISMATCH = (
    "The session ran with {key} version {version} (hash {hash:.12}); "
    "the framework given is {given_key} version {given_version} (hash {given_hash:.12})"
)
UNREADABLE_SESSION = "The stored session could not be read: {reason}"
DRAFT_TOO_LARGE = "A draft holds at most {fields} fields of {chars} characters each"
DRAFT_FIELDS = 200
DRAFT_CHARS = 20_000
EXPECTED_ANSWERS = "a table of answers by kind: {kinds}"
EXPECTED_STAGE_KIND = "one of the kinds this stage produces: {kinds}"
EXPECTED_COACHEE_GOAL = (
    "a goal set by the coachee: a coach sets the goal only in a directive session"
)
FOUND_OTHER_KIND = "a kind this stage does not produce"
FOUND_COACH_GOAL = "a goal set by the coach"

Author = Literal["coachee", "coach"]


class StageStatus(StrEnum):
    NOT_STARTED = "not-started"
    OPEN = "open"
    DONE = "done"


class CoachingSession:
    """One session: current stage, answers per stage, questions asked, style and feedback."""

    def __init__(
        self,
        framework: Framework,
        *,
        style: Voice | str = Voice.NON_DIRECTIVE,
        start_at: str | None = None,
        previous: PreviousPlan | None = None,
    ) -> None:
        self.framework = framework
        self.style = style if isinstance(style, Voice) else Voice.parse(style)
        self.previous = previous  # the plan of the relationship's session before this one
        self.current = start_at if start_at is not None else opening_stage(framework, previous)
        self._stage(self.current)
        self.visited: list[str] = [self.current]
        self.answers: dict[str, dict[str, dict[str, Any]]] = {}  # stage -> kind -> {by, data}
        self.history: list[tuple[Question, str]] = []  # (question, reply); "" when skipped
        self.permissions: dict[str, bool] = {}  # prompt id -> granted
        self.feedback: list[Feedback] = []
        self.drafts: dict[str, dict[str, str]] = {}  # slot -> field -> text typed, not yet saved
        self.went_back: list[dict[str, str]] = []  # {"from", "to", "message"}, oldest first
        self.finished = False

    # -- stages ---------------------------------------------------------------------------

    @property
    def current_stage(self) -> Stage:
        return self._stage(self.current)

    def go_to(self, key: str) -> Stage:
        """Jump to any stage, in either direction."""
        self._check_not_finished()
        stage = self._stage(key)
        self.current = key
        if key not in self.visited:
            self.visited.append(key)
        return stage

    def forward(self) -> Stage:
        index = self.framework.index(self.current)
        if index + 1 >= len(self.framework.stages):
            raise SessionError(Wording(NO_STAGE_AFTER, name=self.current_stage.name))
        return self.go_to(self.framework.stages[index + 1].key)

    def back(self) -> Stage:
        index = self.framework.index(self.current)
        if index == 0:
            raise SessionError(Wording(NO_STAGE_BEFORE, name=self.current_stage.name))
        return self.go_to(self.framework.stages[index - 1].key)

    def status(self, key: str) -> StageStatus:
        stage = self._stage(key)
        given = self.answers.get(key, {})
        if all(kind in given and is_complete(kind, given[kind]["data"]) for kind in stage.produces):
            return StageStatus.DONE
        asked_here = any(question.stage == key for question, _reply in self.history)
        if key in self.visited or given or asked_here:
            return StageStatus.OPEN
        return StageStatus.NOT_STARTED

    def open_stages(self) -> list[str]:
        """Stages not yet done, in framework order (not started ones included)."""
        return [key for key in self.framework.stage_keys if self.status(key) != StageStatus.DONE]

    def next_open_stage(self) -> str | None:
        """The first open stage after the current one, wrapping around; None when all are done."""
        keys = self.framework.stage_keys
        start = keys.index(self.current)
        for key in keys[start + 1 :] + keys[: start + 1]:
            if self.status(key) != StageStatus.DONE:
                return key
        return None

    # -- answers --------------------------------------------------------------------------

    def submit(
        self, stage_key: str, answers: Mapping[str, object], *, by: Author = "coachee"
    ) -> str | None:
        """Store a stage's answers by kind, replacing earlier ones of the same kinds, and drop
        the stage's draft. Low buy-in takes the session back to the stage that set the goal:
        then the message saying so is returned (None otherwise).

        Raises AnswerError naming every field at fault; then nothing is stored.
        """
        self._check_not_finished()
        self._store(stage_key, answers, by=by, directive=self.style == Voice.DIRECTIVE)
        self.drafts.pop(stage_draft(self._stage(stage_key).key), None)
        back = back_to_goal(self.framework, stage_key, self._data_by_stage().get(stage_key, {}))
        if back is None:
            return None
        target, message = back
        self.go_to(target)
        self.went_back.append({"from": stage_key, "to": target, "message": message})
        return message

    def changed(self, stage_key: str, answers: Mapping[str, object]) -> bool:
        """Whether these answers differ from what the stage holds (answers that would not be
        accepted count as a change: they are worth keeping as a draft)."""
        stored = self.answers.get(self._stage(stage_key).key, {})
        for kind, data in answers.items():
            value, problems = normalise_answer(kind, data)
            if problems or kind not in stored or stored[kind]["data"] != value:
                return True
        return False

    # -- drafts: what is typed but not saved yet ------------------------------------------

    def keep_draft(self, slot: str, values: Mapping[str, str]) -> None:
        """Keep text as typed (not checked) under a slot: a stage's fields (`stage_draft(key)`),
        a reply, a note. Blank values drop the slot."""
        self._check_not_finished()
        kept = {str(k): str(v) for k, v in values.items() if str(v).strip()}
        if len(kept) > DRAFT_FIELDS or any(len(v) > DRAFT_CHARS for v in kept.values()):
            raise SessionError(Wording(DRAFT_TOO_LARGE, fields=DRAFT_FIELDS, chars=DRAFT_CHARS))
        if kept:
            self.drafts[slot] = kept
        else:
            self.drafts.pop(slot, None)

    def draft(self, slot: str) -> dict[str, str] | None:
        found = self.drafts.get(slot)
        return None if found is None else dict(found)

    def drop_draft(self, slot: str) -> None:
        self.drafts.pop(slot, None)

    def sent_back_here(self) -> str:
        """Why the session stands at the current stage after low buy-in, while that buy-in still
        holds ("" otherwise: once buy-in is scored again at 7 or more, the note goes)."""
        for item in reversed(self.went_back):
            if item["to"] != self.current:
                continue
            answers = self._data_by_stage().get(item["from"], {})
            back = back_to_goal(self.framework, item["from"], answers)
            return back[1] if back is not None and back[0] == self.current else ""
        return ""

    def replies(self) -> tuple[Reply, ...]:
        """Replies recorded against suggested questions, in the order given (skips left out)."""
        return tuple(
            Reply(question.stage, question.text, reply)
            for question, reply in self.history
            if reply and question.kind != QuestionKind.PERMISSION
        )

    def _store(
        self, stage_key: str, answers: Mapping[str, object], *, by: str, directive: bool
    ) -> None:
        stage = self._stage(stage_key)
        if by not in ("coachee", "coach"):
            raise SessionError(Wording(UNKNOWN_AUTHOR, by=str(by)))
        kinds = ", ".join(stage.accepts)
        if not isinstance(answers, Mapping):
            expected = Wording(EXPECTED_ANSWERS, kinds=kinds)
            raise AnswerError([Problem("answers", "", expected, describe(answers))])
        problems: list[Problem] = []
        accepted: dict[str, dict[str, Any]] = {}
        for kind, data in answers.items():
            if kind not in stage.accepts:
                expected = Wording(EXPECTED_STAGE_KIND, kinds=kinds)
                other = Wording(FOUND_OTHER_KIND)
                problems.append(Problem("answers", str(kind), expected, other))
                continue
            if kind in GOAL_KINDS and by == "coach" and not directive:
                expected, by_coach = Wording(EXPECTED_COACHEE_GOAL), Wording(FOUND_COACH_GOAL)
                problems.append(Problem("answers", kind, expected, by_coach, KINDS[kind].label))
            value, found = normalise_answer(kind, data)
            problems.extend(found)
            accepted[kind] = {"by": by, "data": value}
        if problems:
            raise AnswerError(problems)
        self.answers.setdefault(stage_key, {}).update(accepted)

    def answer(
        self, stage_key: str, kind: str, parse_date: DateParser | None = None
    ) -> Typed | None:
        """A stage's answer of one kind as a frozen dataclass (or tuple of them), or None."""
        entry = self.answers.get(stage_key, {}).get(kind)
        return None if entry is None else typed_answer(kind, entry["data"], parse_date)

    def prefill(self, stage_key: str, kind: str) -> dict[str, Any] | None:
        """What a form for this kind should start with: this stage's answer, else the nearest
        earlier stage's (PRACTICE weighs the options found a stage before, for instance)."""
        keys = self.framework.stage_keys
        for key in reversed(keys[: keys.index(self._stage(stage_key).key) + 1]):
            entry = self.answers.get(key, {}).get(kind)
            if entry is not None:
                return dict(entry["data"])
        return None

    @property
    def flags(self) -> list[Flag]:
        return flags(self.framework, self._data_by_stage())

    # -- questions ------------------------------------------------------------------------

    def next_question(self, voice: Voice | str | None = None) -> Question | None:
        """The next question to ask in the current stage, never one already asked.

        Follow-ups on low scores come first, then the stage's prompts in the session's style
        (or in `voice`, when the coach wants a prompt from another voice). In a non-directive
        session an advice-level prompt first yields a question asking permission.
        """
        if self.finished:
            return None
        chosen = self.style if voice is None else Voice.parse(voice)
        stage = self.current_stage
        asked_ids = {question.id for question, _reply in self.history}
        if voice is None:  # a voice asked for explicitly means "a prompt in that voice, now"
            # back at the goal after low buy-in, the buy-in follow-ups are asked here
            sent_here = [item["from"] for item in self.went_back if item["to"] == stage.key]
            for key in [stage.key, *reversed(sent_here)]:
                for question in self._follow_ups(key, chosen):
                    if question.id not in asked_ids:
                        return question
        asked_texts = {question.text for question, _reply in self.history}
        for prompt in stage.prompts_for(chosen):
            declined = self.permissions.get(prompt.id) is False
            if prompt.id in asked_ids or prompt.text in asked_texts or declined:
                continue
            if self._needs_permission(prompt.level) and not self.permissions.get(prompt.id):
                return permission_question(
                    prompt.id, stage.key, chosen, self._count(QuestionKind.PERMISSION)
                )
            return Question(
                prompt.id, stage.key, prompt.text, QuestionKind.PROMPT, prompt.voice, prompt.level
            )
        return None

    def record(self, question: Question | str, reply: str | None = None) -> Question:
        """Note that a question was asked, with the reply (None or blank: skipped)."""
        self._check_not_finished()
        found = self.question(question) if isinstance(question, str) else question
        if found.kind == QuestionKind.PERMISSION:
            raise SessionError(Wording(ANSWER_PERMISSION_INSTEAD, id=found.id))
        self.history.append((found, (reply or "").strip()))
        if found.stage not in self.visited:
            self.visited.append(found.stage)
        return found

    def respond_to_permission(self, question: Question | str, granted: bool) -> Question:
        """Record the coachee's yes or no; a no means that prompt is not offered again."""
        self._check_not_finished()
        found = self.question(question) if isinstance(question, str) else question
        if found.kind != QuestionKind.PERMISSION:
            raise SessionError(Wording(NOT_A_PERMISSION, id=found.id))
        self.history.append((found, "yes" if granted else "no"))
        self.permissions[found.about] = granted
        return found

    def question(self, question_id: str) -> Question:
        """The question an id names, as next_question would have offered it (for the API)."""
        if question_id.endswith("/permission"):
            prompt = self.framework.prompt(question_id.removesuffix("/permission"))
            if prompt is not None:
                count = self._count(QuestionKind.PERMISSION)
                return permission_question(prompt.id, prompt.stage, prompt.voice, count)
        elif "/follow-up/" in question_id:
            stage_key = question_id.split("/", 1)[0]
            if stage_key in self.framework.stage_keys:
                for question in self._follow_ups(stage_key, self.style):
                    if question.id == question_id:
                        return question
        else:
            prompt = self.framework.prompt(question_id)
            if prompt is not None:
                kind = QuestionKind.PROMPT
                return Question(
                    prompt.id, prompt.stage, prompt.text, kind, prompt.voice, prompt.level
                )
        raise SessionError(Wording(UNKNOWN_QUESTION, id=question_id))

    # -- style, feedback, finishing -------------------------------------------------------

    def change_style(self, style: Voice | str) -> None:
        self._check_not_finished()
        self.style = style if isinstance(style, Voice) else Voice.parse(style)

    def record_feedback(self, text: str, *, stage: str | None = None) -> Feedback:
        """In a directive session the coach may give feedback; it is kept on the session."""
        self._check_not_finished()
        if self.style != Voice.DIRECTIVE:
            raise SessionError(Wording(FEEDBACK_ONLY_IN_DIRECTIVE))
        if not text.strip():
            raise SessionError(Wording(EMPTY_FEEDBACK))
        feedback = Feedback(self._stage(stage or self.current).key, text.strip())
        self.feedback.append(feedback)
        return feedback

    def artifacts(self, parse_date: DateParser | None = None) -> Artifacts:
        """What the session has produced so far; `parse_date` reads dates written in words."""
        return build_artifacts(
            self.framework,
            self.answers,
            style=self.style,
            feedback=tuple(self.feedback),
            flags=tuple(self.flags),
            open_stages=tuple(self.open_stages()),
            parse_date=parse_date,
            replies=self.replies(),
            previous=self.previous,
        )

    def finish(self, parse_date: DateParser | None = None) -> Artifacts:
        """Close the session (open stages are allowed) and return its artifacts."""
        self.finished = True
        return self.artifacts(parse_date)

    def overview(self) -> dict[str, Any]:
        """The state a page or the API shows: stages with their status, the next question, flags."""
        question = self.next_question()
        return {
            "framework": {"key": self.framework.key, "version": self.framework.version},
            "style": self.style.value,
            "current": self.current,
            "finished": self.finished,
            "stages": [
                {"key": stage.key, "name": stage.name, "status": self.status(stage.key).value}
                for stage in self.framework.stages
            ],
            "open_stages": self.open_stages(),
            "next_question": None if question is None else _question_view(question),
            "flags": [
                {"code": f.code, "stage": f.stage, "path": f.path, "message": f.message}
                for f in self.flags
            ],
            "replies": [
                {"stage": r.stage, "question": r.question, "reply": r.reply} for r in self.replies()
            ],
            "previous": None if self.previous is None else self.previous.to_dict(),
            "went_back": [dict(item) for item in self.went_back],
        }

    # -- storage --------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; `from_dict` with the same framework version restores it."""
        return {
            "format": SESSION_FORMAT,
            "framework": {
                "key": self.framework.key,
                "version": self.framework.version,
                "hash": self.framework.content_hash,
            },
            "style": self.style.value,
            "current": self.current,
            "visited": list(self.visited),
            "answers": {
                stage: {kind: {"by": e["by"], "data": e["data"]} for kind, e in kinds.items()}
                for stage, kinds in self.answers.items()
            },
            "history": [_question_dict(question, reply) for question, reply in self.history],
            "permissions": dict(self.permissions),
            "feedback": [{"stage": f.stage, "text": f.text} for f in self.feedback],
            "drafts": {slot: dict(values) for slot, values in self.drafts.items()},
            "previous": None if self.previous is None else self.previous.to_dict(),
            "went_back": [dict(item) for item in self.went_back],
            "finished": self.finished,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], framework: Framework) -> CoachingSession:
        """Restore a stored session; the framework must be the exact version it ran with."""
        stored = data.get("framework") if isinstance(data, Mapping) else None
        if not isinstance(stored, Mapping):
            raise SessionError(UNREADABLE_SESSION.format(reason="no framework recorded"))
        if stored.get("hash") != framework.content_hash:
            raise SessionError(
                FRAMEWORK_MISMATCH.format(
                    key=stored.get("key"),
                    version=stored.get("version"),
                    hash=str(stored.get("hash")),
                    given_key=framework.key,
                    given_version=framework.version,
                    given_hash=framework.content_hash,
                )
            )
        try:
            if data["format"] != SESSION_FORMAT:
                raise ValueError(f"format {data['format']!r} is not {SESSION_FORMAT}")
            session = cls(framework, style=data["style"], start_at=data["current"])
            session.visited = [session._stage(key).key for key in data["visited"]]
            for stage_key, kinds in data["answers"].items():
                for kind, entry in kinds.items():
                    # the style may have changed since a directive coach set the goal
                    session._store(stage_key, {kind: entry["data"]}, by=entry["by"], directive=True)
            session.history = [_question_from_dict(item) for item in data["history"]]
            session.permissions = {str(k): bool(v) for k, v in data["permissions"].items()}
            session.feedback = [Feedback(item["stage"], item["text"]) for item in data["feedback"]]
            # drafts, the previous plan and returns came later: older sessions have none
            session.drafts = {
                str(slot): {str(k): str(v) for k, v in values.items()}
                for slot, values in data.get("drafts", {}).items()
            }
            previous = data.get("previous")
            session.previous = None if previous is None else PreviousPlan.from_dict(previous)
            session.went_back = [
                {"from": str(i["from"]), "to": str(i["to"]), "message": str(i["message"])}
                for i in data.get("went_back", [])
            ]
            session.finished = bool(data["finished"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SessionError(UNREADABLE_SESSION.format(reason=exc)) from exc
        return session

    # -- helpers --------------------------------------------------------------------------

    def _stage(self, key: str) -> Stage:
        try:
            return self.framework.stage(key)
        except KeyError:
            keys = ", ".join(self.framework.stage_keys)
            raise SessionError(Wording(UNKNOWN_STAGE, key=str(key), keys=keys)) from None

    def _check_not_finished(self) -> None:
        if self.finished:
            raise SessionError(Wording(SESSION_FINISHED))

    def _needs_permission(self, level: Level) -> bool:
        return self.style == Voice.NON_DIRECTIVE and level.needs_permission()

    def _count(self, kind: QuestionKind) -> int:
        return sum(1 for question, _reply in self.history if question.kind == kind)

    def _follow_ups(self, stage_key: str, voice: Voice) -> list[Question]:
        data = self._data_by_stage().get(stage_key, {})
        return list(follow_ups(stage_key, data, voice, self._count(QuestionKind.FOLLOW_UP)))

    def _data_by_stage(self) -> dict[str, dict[str, Any]]:
        return {
            stage: {kind: entry["data"] for kind, entry in kinds.items()}
            for stage, kinds in self.answers.items()
        }


def stage_draft(stage_key: str) -> str:
    """The draft slot of a stage's fields."""
    return f"stage:{stage_key}"


def _question_dict(question: Question, reply: str) -> dict[str, str]:
    return {
        "id": question.id,
        "stage": question.stage,
        "text": question.text,
        "kind": question.kind.value,
        "voice": question.voice.value,
        "level": question.level.value,
        "about": question.about,
        "reply": reply,
    }


def _question_view(question: Question) -> dict[str, str]:
    view = _question_dict(question, "")
    del view["reply"]
    return view


def _question_from_dict(item: Mapping[str, str]) -> tuple[Question, str]:
    question = Question(
        id=item["id"],
        stage=item["stage"],
        text=item["text"],
        kind=QuestionKind(item["kind"]),
        voice=Voice.parse(item["voice"]),
        level=Level(item["level"]),
        about=item.get("about", ""),
    )
    return question, item.get("reply", "")
