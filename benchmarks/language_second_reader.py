"""Measure the second reader on text its rules never saw, choose its thresholds, write its weights.

Usage: .venv/bin/python benchmarks/language_second_reader.py [--cache PATH] [--sets]
       .venv/bin/python benchmarks/language_second_reader.py --write

The second reader (trellis/core/language/second_reader.py) is a pair of word models learned from
labelled statements: a victim reading is shown only when the victim model finds the text at least
SHOWN_FROM likely to be a victim statement, and a text the rules read as neutral (no victim
reading held back) is read as player when the player model finds it at least PLAYER_FROM likely
to be a player statement.

It learns from dev, the dev batches 7 to 15, and the held-out sets that have been scored once
and reported (SPENT: held-out 1, 2 and 4 to 9). No rule was ever tuned on a held-out row: nobody
working on the rules reads them, and they stay out of the rules' tuning; a word model reading them
is another matter, and 2,505 more labelled statements make it a better reader (docs/language.md).
The held-out sets written after it (10 and 11) are never read here.

Both models are measured on two pools of readings nobody tuned on, each by a model that had not
seen the statements it judges:

- fresh: for each dev batch k from 10 to 15, the readings the rules of that time gave batch k
  (benchmarks/language_fresh.py rebuilds those rules), judged by models learned from the
  statements written before batch k (dev and batches 7 to k-1) and the spent held-out sets;
- held-out: for each spent held-out set, today's rules' readings of it (the rules never saw its
  rows), judged by models learned from everything else (leave one set out).

For each pair of thresholds on the grid it prints victim precision and macro-F1 per pool and over
both. The thresholds shipped are the pair with the highest macro-F1 over both pools (to three
decimals; ties to the higher victim threshold, then the higher player threshold) among those
where each pool's victim precision reaches 0.95. --sets adds, for the shipped pair, each spent
held-out set and each fresh batch beside the rules alone.

--write learns both models from every source and writes
trellis/core/language/data/second_reader.json with the shipped thresholds.

Results are in docs/language.md ("The second reader reads player language, and learns from the
spent held-out sets").
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from language_eval import SPENT  # noqa: E402
from language_fresh import scores  # noqa: E402
from language_gate import TESTS, area_under_curve, cut, readings  # noqa: E402

from trellis.core.language import analyze, second_reader  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
BATCHES = range(7, 16)
SHOWN_FROM = 0.3
PLAYER_FROM = 0.4
GRID = [round(0.05 * i, 2) for i in range(2, 13)]  # victim: 0.10 to 0.60
PLAYER_GRID = [round(0.05 * i, 2) for i in range(4, 17)]  # player: 0.20 to 0.80
TARGET = 0.95
OUT = ROOT / "trellis" / "core" / "language" / "data" / "second_reader.json"


def labelled(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sources(before: int | None = None, leave_out: str | None = None) -> list[Path]:
    """dev, the dev batches written before batch `before` (all of them when None) and the spent
    held-out sets but `leave_out`."""
    batches = [DATA / f"stance_dev_batch{n}.csv" for n in BATCHES if before is None or n < before]
    spent = [DATA / f"stance_{name}.csv" for name in SPENT if name != leave_out]
    return [DATA / "stance_dev.csv", *batches, *spent]


Model = tuple[dict[str, float], float]
Reading = dict[str, object]


def learn(paths: list[Path], side: str = "victim") -> Model:
    rows = [row for path in paths for row in labelled(path)]
    return second_reader.train([r["text"] for r in rows], [r["label"] == side for r in rows])


def judged(readings: list[Reading], paths: list[Path]) -> list[Reading]:
    """The readings with the probabilities of models learned from `paths` (pv, pp)."""
    victim, player = learn(paths), learn(paths, "player")
    for r in readings:
        r["pv"] = second_reader.probability(*victim, str(r["text"]))
        r["pp"] = second_reader.probability(*player, str(r["text"]))
    return readings


def pools(cache: Path | None) -> dict[str, dict[str, list[Reading]]]:
    """fresh: batch k -> its fresh readings; held-out: spent set -> today's rules' readings."""
    data = readings(cache)
    fresh = {f"batch {k}": judged(data[f"fresh {k}"], sources(before=k)) for k in TESTS}
    held: dict[str, list[Reading]] = {}
    for name in SPENT:
        rows = labelled(DATA / f"stance_{name}.csv")
        today = []
        for row in rows:
            a = analyze(row["text"], second_opinion=False)
            today.append(
                {"gold": row["label"], "text": row["text"], "stance": a.stance,
                 "player": a.player, "abstained": a.abstained}
            )  # fmt: skip
        held[name] = judged(today, sources(leave_out=name))
    return {"fresh": fresh, "held-out": held}


def shown(readings: list[Reading], victim_from: float, player_from: float | None) -> list[str]:
    """What the analyzer shows with these thresholds (None: no reader at all): victim readings
    held back as language_gate.cut holds them, then neutral ones read as player."""
    if player_from is None:
        return [str(r["stance"]) for r in readings]
    held = cut(readings, {id(r): float(str(r["pv"])) for r in readings}, victim_from)
    return [
        "player"
        if r["stance"] == "neutral" and not r["abstained"] and float(str(r["pp"])) >= player_from
        else s
        for r, s in zip(readings, held, strict=True)
    ]


def measure(cache: Path | None, per_set: bool) -> None:
    groups = pools(cache)
    pooled = {name: [r for g in sets.values() for r in g] for name, sets in groups.items()}
    pooled["both"] = pooled["fresh"] + pooled["held-out"]
    print("second reader: fresh readings of dev batches 10-15, and leave-one-set-out on the spent")
    print("held-out sets with today's rules")
    for name, rs in pooled.items():
        victims = [r for r in rs if r["stance"] == "victim"]
        auc = area_under_curve(
            [float(str(r["pv"])) for r in victims], [r["gold"] == "victim" for r in victims]
        )
        right = sum(r["gold"] == "victim" for r in victims)
        vp, vr, f1, _ = scores(rs, shown(rs, 0.0, None))
        print(
            f"  {name:<9} {len(rs):>5} statements, {len(victims)} victim readings ({right} right),"
            f" AUC {auc:.3f}; rules alone: victim P {vp:.3f}, R {vr:.3f}, macro-F1 {f1:.3f}"
        )
    print(f"\n  {'victim':>6} {'player':>6}   {'fresh P':>7} {'F1':>5}   {'held-out P':>10} {'F1':>5}"
          f"   {'both P':>6} {'F1':>6}")  # fmt: skip
    best: tuple[float, float, float] | None = None
    for v in GRID:
        for p in PLAYER_GRID:
            row = {name: scores(rs, shown(rs, v, p)) for name, rs in pooled.items()}
            ok = all(row[name][0] >= TARGET for name in ("fresh", "held-out"))
            key = (round(row["both"][2], 3), v, p)
            if ok and (best is None or key > best):
                best = key
            print(
                f"  {v:>6.2f} {p:>6.2f}   {row['fresh'][0]:>7.3f} {row['fresh'][2]:>5.3f}"
                f"   {row['held-out'][0]:>10.3f} {row['held-out'][2]:>5.3f}"
                f"   {row['both'][0]:>6.3f} {row['both'][2]:>6.3f}{'' if ok else '  (P < 0.95)'}"
            )
    chosen = (best[1], best[2]) if best else None
    print(f"  chosen: {chosen}; shipped: {(SHOWN_FROM, PLAYER_FROM)}")
    if per_set:
        print("\n  with the shipped thresholds, beside the rules alone")
        for sets in groups.values():
            for name, rs in sets.items():
                a = scores(rs, shown(rs, 0.0, None))
                b = scores(rs, shown(rs, SHOWN_FROM, PLAYER_FROM))
                print(
                    f"  {name:<9} victim P {a[0]:.3f} -> {b[0]:.3f}, R {a[1]:.3f} -> {b[1]:.3f},"
                    f" macro-F1 {a[2]:.3f} -> {b[2]:.3f}"
                )


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
    parser.add_argument("--sets", action="store_true", help="a line per set and batch too")
    parser.add_argument("--write", action="store_true", help="learn from all and write the weights")
    args = parser.parse_args()
    if args.write:
        write()
    else:
        measure(args.cache, args.sets)


if __name__ == "__main__":
    main()
