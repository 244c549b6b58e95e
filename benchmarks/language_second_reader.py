"""Measure the second reader of victim readings on fresh text, and write its weights.

Usage: .venv/bin/python benchmarks/language_second_reader.py [--cache PATH] [--batches]
       .venv/bin/python benchmarks/language_second_reader.py --write

The second reader (trellis/core/language/second_reader.py) is a word model learned from labelled
statements; a victim reading is shown only when it finds the text likely enough to be a victim
statement. It is measured by forward chaining on fresh readings, as benchmarks/language_gate.py
measures its gates: for each dev batch k from 10 to 15, a reader is learned from the statements
written before batch k (dev and batches 7 to k-1, with their labels) and applied to the readings
the rules of that time gave batch k (benchmarks/language_fresh.py rebuilds those rules). Neither
the reader nor the rules had seen batch k. The figures are pooled over the six batches: the AUC
of the reader's probability between right and wrong victim readings, and victim precision,
recall and macro-F1 for each threshold, beside no reader.

The threshold shipped (SHOWN_FROM) is the lowest on the grid at which pooled fresh victim
precision reaches 0.95 with macro-F1 no lower than without the reader; it was chosen here, on
these readings only, before any held-out set was scored with the reader.

--write learns the reader from dev and every dev batch (7 to 15) and writes
trellis/core/language/data/second_reader.json with SHOWN_FROM.

It reads only benchmarks/data/stance_dev.csv and stance_dev_batch*.csv: never a held-out set.
Results are in docs/language.md ("A second reader").
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from language_fresh import scores  # noqa: E402
from language_gate import TESTS, area_under_curve, cut, readings  # noqa: E402

from trellis.core.language import second_reader  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
BATCHES = range(7, 16)
SHOWN_FROM = 0.5
GRID = [round(0.05 * i, 2) for i in range(15)]
TARGET = 0.95
OUT = ROOT / "trellis" / "core" / "language" / "data" / "second_reader.json"


def labelled(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sources(before: int | None = None) -> list[Path]:
    """dev and the dev batches written before batch `before` (all of them when None)."""
    return [DATA / "stance_dev.csv"] + [
        DATA / f"stance_dev_batch{n}.csv" for n in BATCHES if before is None or n < before
    ]


def learn(paths: list[Path]) -> tuple[dict[str, float], float]:
    rows = [row for path in paths for row in labelled(path)]
    return second_reader.train([r["text"] for r in rows], [r["label"] == "victim" for r in rows])


def measure(cache: Path | None, per_batch: bool) -> None:
    data = readings(cache)
    pooled: list[dict[str, object]] = []
    p: list[float] = []
    by_id: dict[int, float] = {}  # each reading's probability, as language_gate.cut reads it
    print("second reader, forward chaining on fresh readings (dev batches 10 to 15)")
    for k in TESTS:
        model = learn(sources(before=k))
        fresh = data[f"fresh {k}"]
        q = [second_reader.probability(*model, str(r["text"])) for r in fresh]
        by_id.update((id(r), v) for r, v in zip(fresh, q, strict=True))
        pooled += fresh
        p += q
        if per_batch:
            for threshold in (0.0, SHOWN_FROM):
                vp, vr, f1, n = scores(fresh, cut(fresh, by_id, threshold))
                print(f"  batch {k} at {threshold:.2f}: {vp:.3f} / {vr:.3f}, {f1:.3f} ({n} shown)")
    victims = [
        (q, r["gold"] == "victim")
        for r, q in zip(pooled, p, strict=True)
        if r["stance"] == "victim"
    ]
    auc = area_under_curve([q for q, _ in victims], [ok for _, ok in victims])
    right = sum(ok for _, ok in victims)
    print(
        f"  {len(pooled)} statements, {len(victims)} fresh victim readings ({right} right); AUC {auc:.3f}"
    )
    print(f"  {'shown from':>10} {'victim P':>8} {'R':>6} {'macro-F1':>8} {'shown':>6}")
    base = scores(pooled, cut(pooled, by_id, 0.0))
    chosen = None
    for threshold in GRID:
        vp, vr, f1, n = scores(pooled, cut(pooled, by_id, threshold))
        mark = ""
        if chosen is None and vp >= TARGET and f1 >= base[2]:
            chosen, mark = threshold, "  <- the lowest reaching 0.95 without losing macro-F1"
        print(f"  {threshold:>10.2f} {vp:>8.3f} {vr:>6.3f} {f1:>8.3f} {n:>6}{mark}")
    print(f"  chosen: {chosen}; shipped: {SHOWN_FROM}")


def write() -> None:
    paths = sources()
    weights, bias = learn(paths)
    OUT.write_text(
        second_reader.model_file(weights, bias, SHOWN_FROM, [p.name for p in paths]), "utf-8"
    )
    print(f"wrote {OUT.relative_to(ROOT)}: {len(weights)} weights, shown from {SHOWN_FROM}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep the fresh readings in this JSON file")
    parser.add_argument("--batches", action="store_true", help="a line per test batch too")
    parser.add_argument("--write", action="store_true", help="learn from all and write the weights")
    args = parser.parse_args()
    if args.write:
        write()
    else:
        measure(args.cache, args.batches)


if __name__ == "__main__":
    main()
