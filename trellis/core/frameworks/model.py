"""A coaching framework: its stages, what each stage produces, and prompts in three voices."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from trellis.core.datafiles import Wording

UNKNOWN_STYLE = "Unknown style {text!r}: expected one of {choices}"


class Voice(StrEnum):
    """The coach's stance; a session's style is one of these (non-directive by default)."""

    NON_DIRECTIVE = "non-directive"
    DIALOGICAL = "dialogical"
    DIRECTIVE = "directive"

    @property
    def toml_key(self) -> str:
        """The key of this voice under a stage's `prompts` table."""
        return self.value.replace("-", "_")

    @classmethod
    def parse(cls, text: str) -> Voice:
        """Accept "non-directive", "non_directive" and any letter case."""
        cleaned = text.strip().lower().replace("_", "-")
        for voice in cls:
            if voice.value == cleaned:
                return voice
        choices = ", ".join(voice.value for voice in cls)
        raise ValueError(Wording(UNKNOWN_STYLE, text=text, choices=choices))


class Level(StrEnum):
    """Myles Downey's spectrum, from pull (listening) to push (telling), in that order."""

    LISTENING = "listening"
    REFLECTING = "reflecting"
    PARAPHRASING = "paraphrasing"
    SUMMARISING = "summarising"
    QUESTIONING = "questioning"
    SUGGESTING = "suggesting"
    FEEDBACK = "feedback"
    GUIDANCE = "guidance"
    ADVICE = "advice"
    INSTRUCTING = "instructing"
    TELLING = "telling"

    @property
    def rank(self) -> int:
        return list(Level).index(self)

    def needs_permission(self) -> bool:
        """In a non-directive session, a move at advice or stronger first asks permission."""
        return self.rank >= Level.ADVICE.rank


# A prompt without its own level takes the level its voice usually works at.
DEFAULT_LEVEL = {
    Voice.NON_DIRECTIVE: Level.QUESTIONING,
    Voice.DIALOGICAL: Level.SUGGESTING,
    Voice.DIRECTIVE: Level.ADVICE,
}


@dataclass(frozen=True)
class Prompt:
    id: str  # "<stage>/<voice>/<index>", stable within one framework version
    stage: str
    voice: Voice
    text: str
    level: Level


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    purpose: str
    produces: tuple[str, ...]  # kinds that must be answered for the stage to be done
    may_produce: tuple[str, ...]  # kinds the stage accepts but does not wait for
    done_when: str
    prompts: tuple[Prompt, ...]

    @property
    def accepts(self) -> tuple[str, ...]:
        return self.produces + self.may_produce

    def prompts_for(self, voice: Voice) -> tuple[Prompt, ...]:
        return tuple(prompt for prompt in self.prompts if prompt.voice == voice)


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    version: int
    originator: str
    source: str
    description: str
    when_to_use: str
    aliases: tuple[str, ...]
    stages: tuple[Stage, ...]
    content_hash: str  # sha256 of the parsed content: a session keeps the exact version it ran with
    text: str = field(default="", repr=False, compare=False)  # the TOML it was read from

    @property
    def stage_keys(self) -> tuple[str, ...]:
        return tuple(stage.key for stage in self.stages)

    def stage(self, key: str) -> Stage:
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise KeyError(key)

    def index(self, key: str) -> int:
        return self.stage_keys.index(key)

    def prompt(self, prompt_id: str) -> Prompt | None:
        for stage in self.stages:
            for prompt in stage.prompts:
                if prompt.id == prompt_id:
                    return prompt
        return None
