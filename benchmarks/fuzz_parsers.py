"""How many generated bad files each data file parser was fed, and how many it refused cleanly.

    .venv/bin/python benchmarks/fuzz_parsers.py                 # 1,000 spoiled files + 200 random byte strings per parser
    .venv/bin/python benchmarks/fuzz_parsers.py --examples 300 --random 100

Each file is a good example file spoiled one to three ways by the strategies in
trellis/core/tests/bad_files.py (bytes that are not UTF-8, UTF-16, NUL, CR-only line ends, Excel's
semicolons, BOM, cut-off, empty and header-only, duplicate and unknown columns, extra cells,
NaN/infinite/huge numbers, over-long fields, deep nesting, wrong types, random splices), or random
bytes. Outcomes: "refused" (our DataFileError, every problem starting with the file name and saying
what was expected: clean), "accepted" (the spoiling left a valid file: Excel's semicolons, a BOM,
CR line ends, a dropped optional cell), and "other" (any other exception, or a refusal without the
file name or expectation): the figure that must be 0. The events parser is the CSV reader and the
row schema of trellis/scheduling/services/events.py; the coachee lookup by email needs the database
and is not part of this count (the Django tests cover it).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.core.tests.bad_files import GOOD_EVENTS, csv_files, outcome, parsers


def events_parser() -> object:
    """The events CSV's reader and row schema (imports Django's settings, touches no database)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    import django

    django.setup()
    from trellis.core.datafiles import read_csv, rows_as
    from trellis.scheduling.services.events import CSV_COLUMNS, CSV_REQUIRED, EventFields

    def parse(data: bytes) -> object:
        table = read_csv(data, "events.csv", required=CSV_REQUIRED, known=CSV_COLUMNS)
        return rows_as(EventFields, table)

    return parse


def tally(parse, files, source: str, examples: int) -> Counter[str]:
    counts: Counter[str] = Counter()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(files)
    def feed(data: bytes) -> None:
        try:
            counts[outcome(parse, data, source)] += 1
        except Exception as exc:  # counted, never raised: this is the figure
            counts["other"] += 1
            if counts["other"] <= 3:
                print(f"  other: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)

    feed()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000, help="spoiled files per parser")
    parser.add_argument("--random", type=int, default=200, help="random byte strings per parser")
    options = parser.parse_args()
    table = parsers()
    table["events CSV"] = (events_parser(), csv_files(GOOD_EVENTS), "events.csv")
    print(f"{'parser':28} {'tried':>7} {'refused':>8} {'accepted':>9} {'other':>6} {'seconds':>8}")
    total: Counter[str] = Counter()
    for name, (parse, files, source) in sorted(table.items()):
        started = time.perf_counter()
        counts = tally(parse, files, source, options.examples)
        counts += tally(parse, st.binary(max_size=300), source, options.random)
        seconds = time.perf_counter() - started
        tried = sum(counts.values())
        total += counts
        print(
            f"{name:28} {tried:>7} {counts['refused']:>8} {counts['accepted']:>9} "
            f"{counts['other']:>6} {seconds:>8.1f}"
        )
    print(
        f"{'all':28} {sum(total.values()):>7} {total['refused']:>8} {total['accepted']:>9} {total['other']:>6}"
    )


if __name__ == "__main__":
    main()
