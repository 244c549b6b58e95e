"""An admin's review of a run: pairs that must stay (lock) and pairs that must not happen (ban).

The review file is a matches file (as `trellis match run` writes it) with the `decision` column
filled in: `lock` or `ban` on the rows to keep or refuse; other rows are ignored.
"""

from __future__ import annotations

from pathlib import Path

from .model import Decision, Review, ReviewedPair, Rules
from .participants import read_records
from .problems import Problem, ReviewError

MISSING_REVIEW_COLUMNS = "the column(s) {columns}"
FOUND_MISSING = "a header without them"
EXPECTED_DECISION = "lock, ban or nothing"
MISSING_PARTNER = "both people of the pair beside a decision"
FOUND_ONE = "only one"


def read_review(path: str | Path, rules: Rules) -> Review:
    """Locks and bans from a review CSV; raises ReviewError listing every problem by line."""
    path = Path(path)
    header, records = read_records(path)
    first, second = rules.sides
    missing = [column for column in (first, second, "decision") if column not in header]
    if missing:
        raise ReviewError(
            [
                Problem(
                    path.name,
                    "line 1",
                    MISSING_REVIEW_COLUMNS.format(columns=", ".join(missing)),
                    FOUND_MISSING,
                )
            ]
        )
    pairs, problems = [], []
    for record in records:
        value = record.cells.get("decision", "").strip().lower()
        if not value:
            continue
        try:
            decision = Decision(value)
        except ValueError:
            problems.append(
                Problem(
                    path.name,
                    f"line {record.line}, decision",
                    EXPECTED_DECISION,
                    f'"{value}"',
                )
            )
            continue
        a, b = record.cells.get(first, ""), record.cells.get(second, "")
        if not a or not b:
            problems.append(Problem(path.name, f"line {record.line}", MISSING_PARTNER, FOUND_ONE))
            continue
        pairs.append(ReviewedPair(left=a, right=b, decision=decision, line=record.line))
    if problems:
        raise ReviewError(problems)
    return Review(tuple(pairs))
