"""Write a run's result as CSV, all files or none: each is written aside, then moved into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from trellis.core import spreadsheet

from .explain import explanation_text
from .model import MatchResult


def matches_rows(result: MatchResult) -> list[list[str]]:
    """The matches table: one row per pair, then one per person left unmatched, with the reason."""
    first, second = result.rules.sides
    rows = [
        [
            first,
            f"{first}_name",
            second,
            f"{second}_name",
            "status",
            "score",
            "explanation",
            "decision",
        ]
    ]
    for match in result.matches:
        rows.append(
            [
                match.left.id,
                match.left.name,
                match.right.id,
                match.right.name,
                "locked" if match.locked else "matched",
                f"{match.score:g}",
                explanation_text(match.contributions),
                "",
            ]
        )
    for item in result.unmatched:
        person = item.participant
        on_left = result.rules.is_peer or person.side == first
        ids = [person.id, person.name, "", ""] if on_left else ["", "", person.id, person.name]
        rows.append([*ids, "unmatched", "", f"{item.reason}: {item.detail}", ""])
    return rows


def csv_text(rows: Iterable[list[str]]) -> str:
    """Through the one spreadsheet-safe writer (formula-like cells quoted, UTF-8 with a BOM)."""
    return spreadsheet.csv_text(rows)


def write_files(files: dict[Path, str]) -> None:
    """Write every file or none: all are written to temporary files first, then renamed."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
            )
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            staged.append((temporary, path))
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)


def write_matches(result: MatchResult, path: str | Path) -> None:
    write_files({Path(path): csv_text(matches_rows(result))})
