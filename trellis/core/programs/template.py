"""Program templates as data: what a coaching program is, read from a TOML file.

A template names the kind of engagement, the framework(s), the number and cadence of sessions,
the instruments given at start, midpoint and end, the action and resource steps by week, and
optionally the career events that open a focused session (event-driven sessions).
`plan(template, start)` turns it into dates for one cohort.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from importlib.resources import files
from typing import Annotated, Literal

from pydantic import Field, field_validator

from trellis.core.datafiles import (
    DataFileError,
    DataModel,
    OneOf,
    Slug,
    Text,
    Whole,
    load_toml,
)

KINDS = ("one_to_one", "team", "group", "peer", "instructional")
# The kinds whose people share one engagement (the team, the group, the circle), each accepting
# their own place in it: the program assigns its coach (an imported template must say "assign";
# one stored before that rule is run as if it did).
SHARED_KINDS = ("team", "group", "peer")
CADENCES = {"weekly": 7, "fortnightly": 14, "monthly": 28}
MOMENTS = ("start", "midpoint", "end")
# The kinds of career event a coachee logs (trellis.scheduling's CareerEvent.Type, kept equal by a test).
CAREER_EVENTS = (
    "performance_review",
    "promotion_decision",
    "role_change",
    "new_project",
    "job_interview",
    "offer",
    "setback",
    "custom",
)


class ProgramTemplateError(DataFileError):
    """A template file that is not a valid program template; lists every problem."""


class Sessions(DataModel):
    count: Annotated[int, Whole(1, 52, what="a number of sessions from 1 to 52")]
    every: Annotated[str, OneOf(*CADENCES)]
    minutes: Annotated[int, Whole(15, 240, what="a session length of 15 to 240 minutes")] = 60
    first_after_days: Annotated[int, Whole(0, 90, what="0 to 90 days after the start")] = 7
    local_time: Annotated[str, Text(5, what="a local time of day as HH:MM, e.g. 10:00")] = "10:00"

    @field_validator("local_time")
    @classmethod
    def _clock(cls, value: str) -> str:
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            raise ValueError("expected a local time of day as HH:MM, e.g. 10:00")
        if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
            raise ValueError("expected a local time of day as HH:MM, e.g. 10:00")
        return value

    @property
    def at(self) -> time:
        hours, _, minutes = self.local_time.partition(":")
        return time(int(hours), int(minutes))


class InstrumentStep(DataModel):
    key: Annotated[str, Slug()]
    when: list[Literal["start", "midpoint", "end"]] = Field(
        min_length=1, max_length=3, description="a list of start, midpoint and end"
    )


class Step(DataModel):
    week: Annotated[int, Whole(1, 104, what="a week number from 1 to 104")]
    kind: Annotated[str, OneOf("action", "resource")]
    title: Annotated[str, Text(200)]
    detail: Annotated[str, Text(1000, blank=True)] = ""


class EventSessions(DataModel):
    """Event-driven sessions: when a career event of one of these kinds is logged for someone
    enrolled in the program, a focused session of this framework is opened in their engagement."""

    on: list[Annotated[str, OneOf(*CAREER_EVENTS)]] = Field(
        min_length=1, max_length=len(CAREER_EVENTS), description="a list of career event kinds"
    )
    framework: Annotated[str, Slug()] = "tgrow"


class Cascade(DataModel):
    """A program that opens others (business coaching): from this week on, a proposed team
    engagement for each team with a goal under one of the organization's business goals, and a
    proposed one-to-one engagement for each person enrolled. Each person accepts their own place."""

    week: Annotated[int, Whole(1, 104, what="a week number from 1 to 104")]
    teams: bool = True
    leaders: bool = True


class ProgramTemplate(DataModel):
    key: Annotated[str, Slug()]
    name: Annotated[str, Text(120)]
    version: Annotated[int, Whole(1, 10_000)] = 1
    purpose: Annotated[str, Text(1000)]
    kind: Annotated[str, OneOf(*KINDS)]
    frameworks: list[Annotated[str, Slug()]] = Field(
        min_length=1, max_length=9, description='a list of framework keys, e.g. ["grow"]'
    )
    coach_assignment: Annotated[str, OneOf("choose", "assign")] = "assign"
    run_by: list[Annotated[str, Text(120)]] = Field(
        default_factory=list, max_length=20, description="a list of who runs it, in words"
    )
    sessions: Sessions
    instruments: list[InstrumentStep] = Field(default_factory=list, max_length=20)
    steps: list[Step] = Field(default_factory=list, max_length=200)
    event_sessions: EventSessions | None = None
    cascade: Cascade | None = None
    # the track offers each enrolled person the language insight; only their own yes turns it on
    language_insight: bool = False

    @property
    def weeks(self) -> int:
        """How long the program runs, from the first session's week to the last."""
        days = self.sessions.first_after_days + CADENCES[self.sessions.every] * (
            self.sessions.count - 1
        )
        return days // 7 + 1


@dataclass(frozen=True)
class Plan:
    """One cohort's dates: its sessions (local dates), its instruments and its steps."""

    sessions: tuple[date, ...]
    instruments: tuple[tuple[str, str, date], ...]  # (instrument key, moment, due)
    steps: tuple[tuple[Step, date], ...]
    ends_on: date


def plan(template: ProgramTemplate, start: date) -> Plan:
    every = CADENCES[template.sessions.every]
    first = start + timedelta(days=template.sessions.first_after_days)
    sessions = tuple(first + timedelta(days=every * n) for n in range(template.sessions.count))
    ends_on = sessions[-1]
    moments = {"start": start, "midpoint": start + (ends_on - start) / 2, "end": ends_on}
    instruments = tuple(
        (item.key, moment, moments[moment]) for item in template.instruments for moment in item.when
    )
    steps = tuple((step, start + timedelta(weeks=step.week - 1)) for step in template.steps)
    return Plan(sessions, instruments, steps, ends_on)


def parse_template(data: bytes | str, source: str) -> ProgramTemplate:
    """A template read from TOML; raises ProgramTemplateError naming every field that is wrong."""
    return load_toml(ProgramTemplate, data, source, error=ProgramTemplateError)


BUILTIN = files("trellis.core.programs").joinpath("builtin")


@cache
def builtin_templates() -> tuple[ProgramTemplate, ...]:
    found = sorted(p.name for p in BUILTIN.iterdir() if p.name.endswith(".toml"))
    return tuple(parse_template(BUILTIN.joinpath(name).read_bytes(), name) for name in found)


def load_builtin(key: str) -> ProgramTemplate:
    for template in builtin_templates():
        if template.key == key:
            return template
    known = ", ".join(t.key for t in builtin_templates())
    raise KeyError(f"No built-in program template has the key {key!r}; known: {known}.")
