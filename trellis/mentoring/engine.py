"""The bridge to the matching engine (trellis/core/matching): a program's enrolments become the
same participants CSV that `trellis match` reads, so the web and the terminal match alike."""

import csv
import io
from collections.abc import Callable, Sequence

from trellis.core.matching import (
    Decision,
    MatchResult,
    Review,
    ReviewedPair,
    Rules,
    parse_participants,
    parse_rules,
    run_matching,
)
from trellis.core.matching.model import SET_KINDS
from trellis.core.matching.participants import attribute_columns

from .models import Enrolment, MentoringProgram, Pair

Progress = Callable[[str, int, int], None]


def rules_of(setup: MentoringProgram) -> Rules:
    return parse_rules(setup.rules_text, source=f"{setup.program.slug}-rules.toml")


def list_columns(rules: Rules) -> set[str]:
    found: set[str] = set()
    for c in rules.criteria:
        if c.kind in SET_KINDS:
            found.update(c.columns)
    return found


def cell(value: object) -> str:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


def roster_csv(
    rules: Rules,
    enrolments: Sequence[Enrolment],
    *,
    previous: dict[int, set[int]] | None = None,
    capacity: dict[int, int] | None = None,
) -> str:
    """The participants file for these enrolments: id is the enrolment id; `previous` holds the
    earlier partners (ended or declined pairs), which the rules keep out."""
    columns = attribute_columns(rules)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "name", "role", "capacity", "previous", *columns])
    previous = previous or {}
    capacity = capacity or {}
    for e in enrolments:
        writer.writerow(
            [
                e.pk,
                e.member.user.name or e.member.user.email,
                e.role,
                capacity.get(e.pk, e.capacity),
                ";".join(str(p) for p in sorted(previous.get(e.pk, ()))),
                *(cell(e.answers.get(c, "")) for c in columns),
            ]
        )
    return out.getvalue()


def review_of(pairs: Sequence[Pair]) -> Review:
    """Locks (proposed, locked) and bans as the engine's review."""
    return Review(
        pairs=tuple(
            ReviewedPair(
                left=str(p.left_id),
                right=str(p.right_id),
                decision=Decision.BAN if p.status == Pair.Status.BANNED else Decision.LOCK,
            )
            for p in pairs
        )
    )


def match(rules: Rules, text: str, review: Review, progress: Progress | None = None) -> MatchResult:
    roster = parse_participants(text, rules, source="enrolments.csv")
    return run_matching(rules, roster, review=review, progress=progress)
