"""Measure the second reader on fresh text, and write its weights.

Usage: .venv/bin/python benchmarks/language_second_reader.py [--cache PATH] [--batches]
       .venv/bin/python benchmarks/language_second_reader.py --write

The second reader (trellis/core/language/second_reader.py) is a pair of word models learned from
labelled statements: a victim reading is shown only when the victim model finds the text likely
enough to be a victim statement, and a text the rules read as neutral (no victim reading held
back) is read as player when the player model finds it likely enough to be a player statement.
Both are measured by forward chaining on fresh readings, as benchmarks/language_gate.py measures
its gates: for each dev batch k from 10 to 15, the models are learned from the statements written
before batch k (dev and batches 7 to k-1, with their labels) and applied to the readings the rules
of that time gave batch k (benchmarks/language_fresh.py rebuilds those rules). Neither the models
nor the rules had seen batch k. The figures are pooled over the six batches: the AUC of the
victim model's probability between right and wrong victim readings, and victim precision,
recall and macro-F1 for each threshold, beside no reader; then, with victim readings cut at
SHOWN_FROM, player and neutral precision and recall and macro-F1 for each player threshold.

The victim threshold shipped (SHOWN_FROM) is the lowest on the grid at which pooled fresh victim
precision reaches 0.95 with macro-F1 no lower than without the reader; it was chosen here, on
these readings only, before any held-out set was scored with the reader. The player threshold
(PLAYER_FROM) is the one with the highest pooled fresh macro-F1 (ties: the higher), chosen here
before held-out set 10 was scored.

--write learns both models from dev and every dev batch (7 to 15) and writes
trellis/core/language/data/second_reader.json with their thresholds.

It reads only benchmarks/data/stance_dev.csv and stance_dev_batch*.csv: never a held-out set.
Results are in docs/language.md ("A second reader", "The second reader reads player language").
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from language_eval import CLASSES, class_scores  # noqa: E402
from language_fresh import scores  # noqa: E402
from language_gate import TESTS, area_under_curve, cut, readings  # noqa: E402

from trellis.core.language import second_reader  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
BATCHES = range(7, 16)
SHOWN_FROM = 0.5
PLAYER_FROM = 0.6
GRID = [round(0.05 * i, 2) for i in range(15)]
PLAYER_GRID = [round(0.05 * i, 2) for i in range(6, 20)]
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


def learn(paths: list[Path], side: str = "victim") -> tuple[dict[str, float], float]:
    rows = [row for path in paths for row in labelled(path)]
    return second_reader.train([r["text"] for r in rows], [r["label"] == side for r in rows])


Reading = dict[str, object]


def promoted(
    readings: list[Reading], shown: list[str], player_p: dict[int, float], threshold: float
) -> list[str]:
    """What is shown when a neutral reading of the rules (no victim reading held back) that the
    player model finds at least `threshold` likely is read as player."""
    return [
        "player"
        if r["stance"] == "neutral" and not r.get("abstained") and player_p[id(r)] >= threshold
        else s
        for r, s in zip(readings, shown, strict=True)
    ]


def per_class(readings: list[Reading], predicted: list[str]) -> str:
    confusion = Counter((str(r["gold"]), p) for r, p in zip(readings, predicted, strict=True))
    parts = []
    for cls in CLASSES[1:]:
        precision, recall, _, _ = class_scores(confusion, cls)
        parts.append(f"{precision:>8.3f} {recall:>6.3f}")
    return " ".join(parts)


def measure(cache: Path | None, per_batch: bool) -> None:
    data = readings(cache)
    pooled: list[Reading] = []
    p: list[float] = []
    by_id: dict[int, float] = {}  # each reading's probability, as language_gate.cut reads it
    player_p: dict[int, float] = {}
    print("second reader, forward chaining on fresh readings (dev batches 10 to 15)")
    for k in TESTS:
        model = learn(sources(before=k))
        player = learn(sources(before=k), "player")
        fresh = data[f"fresh {k}"]
        q = [second_reader.probability(*model, str(r["text"])) for r in fresh]
        by_id.update((id(r), v) for r, v in zip(fresh, q, strict=True))
        player_p.update((id(r), second_reader.probability(*player, str(r["text"]))) for r in fresh)
        pooled += fresh
        p += q
        if per_batch:
            for threshold in (0.0, SHOWN_FROM):
                vp, vr, f1, n = scores(fresh, cut(fresh, by_id, threshold))
                print(f"  batch {k} at {threshold:.2f}: {vp:.3f} / {vr:.3f}, {f1:.3f} ({n} shown)")
            both = promoted(fresh, cut(fresh, by_id, SHOWN_FROM), player_p, PLAYER_FROM)
            vp, vr, f1, n = scores(fresh, both)
            print(f"  batch {k} and player from {PLAYER_FROM:.2f}: {vp:.3f} / {vr:.3f}, {f1:.3f}")
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

    shown = cut(pooled, by_id, SHOWN_FROM)
    print(
        f"\n  player readings of the rules' neutral ones, victim readings shown from {SHOWN_FROM}"
    )
    print(
        f"  {'player from':>11} {'victim P':>8} {'R':>6} {'player P':>8} {'R':>6}"
        f" {'neutral P':>9} {'R':>6} {'macro-F1':>8}"
    )
    rows = [("none", shown)] + [
        (f"{t:.2f}", promoted(pooled, shown, player_p, t)) for t in PLAYER_GRID
    ]
    best = max(PLAYER_GRID, key=lambda t: (scores(pooled, rows[PLAYER_GRID.index(t) + 1][1])[2], t))
    for label, predicted in rows:
        vp, vr, f1, _ = scores(pooled, predicted)
        mark = "  <- the highest macro-F1" if label == f"{best:.2f}" else ""
        print(
            f"  {label:>11} {vp:>8.3f} {vr:>6.3f} {per_class(pooled, predicted)} {f1:>8.3f}{mark}"
        )
    print(f"  chosen: {best}; shipped: {PLAYER_FROM}")


def write() -> None:
    paths = sources()
    models = {
        "victim": (*learn(paths), SHOWN_FROM),
        "player": (*learn(paths, "player"), PLAYER_FROM),
    }
    OUT.write_text(second_reader.model_file(models, [p.name for p in paths]), "utf-8")
    sizes = ", ".join(f"{side} {len(m[0])} weights from {m[2]}" for side, m in models.items())
    print(f"wrote {OUT.relative_to(ROOT)}: {sizes}")


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
