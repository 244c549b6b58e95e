"""Measure the language analyzers: stance quality, stance speed, inclusive-check quality.

Usage: .venv/bin/python benchmarks/language_eval.py [--split SPLIT] [--errors]
       .venv/bin/python benchmarks/language_eval.py --file PATH [--errors]

SPLIT is one of dev, batches, heldout, heldout2, heldout4 to heldout11, all (default dev):

- dev: benchmarks/data/stance_dev.csv, the statements the rules were first written on;
- batches: every benchmarks/data/stance_dev_batch*.csv together (calibration batches, each
  scored once when it was written, then tuned on). stance_dev_batch13.csv was blind held-out
  set 3 (stance_heldout3.csv) until it was scored once and reported (stop 19); since then it is
  a dev batch like the others. stance_dev_batch14.csv (330 statements written to be hard, in ten
  voices, by someone who had not seen the rules; stop 23) was scored once before the rules were
  tuned on it: victim precision 0.776, macro-F1 0.772. stance_dev_batch15.csv (330 statements in
  16 voices, written blind, committed d62edd1 before anyone working on the rules read it; issue
  10) was scored once with --file before tuning on it: victim precision 0.868, recall 0.600,
  macro-F1 0.762, abstention rate 0.039 (0.890 / 0.591 / 0.765 with the one rule written before it
  was read); after the tuning of 6 December 2026: 0.930 / 0.600 / 0.777;
- heldout, heldout2, heldout4 to heldout11: blind held-out sets, written by people who had
  not seen the rules (heldout5: 333 statements in 19 voices, committed 643babc and scored once
  after the tuning of 6 December 2026: victim precision 0.941, recall 0.577, macro-F1 0.790;
  heldout6: 330 statements in 19 voices, committed 50df4e8, scored once with the same rules:
  0.938 / 0.682 / 0.798; heldout7: 330 statements in 18 voices, committed bb4fbbb, with the same
  rules: 0.987 / 0.700 / 0.848; heldout8: 330 statements in 56 voices, committed e8f5c43, scored
  once with the same rules: 0.902 / 0.673 / 0.854, docs/language.md); heldout9: 330 statements
  in 30 voices, committed 8633a3f, scored once with the second reader: 0.972 / 0.636 / 0.819
  (rules alone, --rules-only: 0.877 / 0.645 / 0.798); heldout10: 330 statements in 33 voices,
  committed 3435b10 before the player reading of the second reader was scored on it (see
  docs/language.md);
- all: dev, batches and every held-out set.

For each split:

- stance: precision, recall and F1 per class, macro-F1, the abstention rate, the highlight
  precision (of the statements shown any victim highlight, the share written as victim
  statements: what a coachee sees; since only a victim reading shows victim words, it equals
  victim precision) and the confusion matrix on the labeled statements (columns
  id,label,voice,hard,text);
- speed: statements per second on one core, timing a few thousand analyses;
- inclusive: precision and recall of "this text has wording worth a hint" on
  benchmarks/data/inclusive_<split>.csv (columns id,flag,category,text), and how often the
  category of the first finding matches.

--rules-only reads by the rules alone, without the second reader (trellis/core/language/
second_reader.py), to show what it changes. Since 6 December 2026 the second reader learns from
the held-out sets scored before it (1, 2 and 4 to 9; benchmarks/language_second_reader.py): with
it, their figures are in-sample, and the eval says so; held-out 10 and 11 stay unread by it.

--file scores one other labeled stance file (same columns), such as a fresh batch written to be
scored once before the rules are tuned on it; held-out files are refused.

The rules are tuned on dev and the dev batches only. --errors lists misread dev and batch
statements; it refuses to list held-out rows, which nobody working on the rules may read.

benchmarks/language_fresh.py reads each dev batch 7 to 15 with the rules as they stood before it
was tuned on (fresh readings) and measures candidate evidence gates on them (docs/language.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trellis.core.language import analyze, default_lexicon, inclusive  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
CLASSES = ("victim", "player", "neutral")
MIN_TIMED = 5000


# held-out sets scored once and reported: the second reader learns from them, the rules never
# (benchmarks/language_second_reader.py); the later ones stay unread by both
SPENT = (
    "heldout",
    "heldout2",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
)
HELD_OUT = (*SPENT, "heldout10", "heldout11")
TUNED_ON = ("dev", "batches")


def class_scores(confusion: Counter[tuple[str, str]], cls: str) -> tuple[float, float, float, int]:
    """Precision, recall and F1 of one class from (gold, predicted) counts, and how many
    statements were read as that class."""
    tp = confusion[(cls, cls)]
    predicted_n = sum(confusion[(g, cls)] for g in CLASSES)
    actual_n = sum(confusion[(cls, p)] for p in CLASSES)
    precision = tp / predicted_n if predicted_n else 0.0
    recall = tp / actual_n if actual_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, predicted_n


def read_rows(kind: str, split: str) -> list[dict[str, str]] | None:
    if split == "batches":
        paths = sorted(DATA.glob(f"{kind}_dev_batch*.csv"), key=_batch_number)
        if not paths:
            print(f"  (no benchmarks/data/{kind}_dev_batch*.csv: skipped)")
            return None
    else:
        paths = [DATA / f"{kind}_{split}.csv"]
        if not paths[0].exists():
            print(f"  ({paths[0].relative_to(ROOT)} does not exist yet: skipped)")
            return None
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(newline="", encoding="utf-8") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def _batch_number(path: Path) -> int:
    digits = "".join(c for c in path.stem.rsplit("batch", 1)[-1] if c.isdigit())
    return int(digits or 0)


def learned_from() -> list[str]:
    """The labelled files the shipped second reader learned from (dev, batches, spent held-out sets)."""
    path = ROOT / "trellis" / "core" / "language" / "data" / "second_reader.json"
    sources: list[str] = json.loads(path.read_text("utf-8"))["sources"]
    return sources


def splits(choice: str) -> list[str]:
    return [*TUNED_ON, *HELD_OUT] if choice == "all" else [choice]


def stance_report(
    rows: list[dict[str, str]], show_errors: bool, second_opinion: bool = True
) -> None:
    gold = [row["label"].strip() for row in rows]
    analyses = [analyze(row["text"], second_opinion=second_opinion) for row in rows]
    predicted = [analysis.stance for analysis in analyses]
    confusion = Counter(zip(gold, predicted, strict=True))
    print(f"  statements: {len(rows)}  ({dict(Counter(gold))})")
    print(f"  {'class':<8} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    f1s = []
    for cls in CLASSES:
        precision, recall, f1, _ = class_scores(confusion, cls)
        actual_n = sum(confusion[(cls, p)] for p in CLASSES)
        f1s.append(f1)
        print(f"  {cls:<8} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {actual_n:>8}")
    accuracy = sum(confusion[(c, c)] for c in CLASSES) / len(rows)
    print(f"  macro-F1: {sum(f1s) / len(f1s):.3f}   accuracy: {accuracy:.3f}")
    held = sum(analysis.abstained for analysis in analyses)
    print(
        f"  victim readings held back as unsure (shown as nothing): {held} "
        f"(abstention rate {held / len(rows):.3f})"
    )
    shown = [
        g
        for g, a in zip(gold, analyses, strict=True)
        if any(m.stance == "victim" for m in a.markers)
    ]
    right = sum(g == "victim" for g in shown)
    print(
        f"  texts shown a victim highlight: {len(shown)}, of them victim statements: {right} "
        f"(highlight precision {right / len(shown) if shown else 0.0:.3f})"
    )
    print("  confusion matrix (rows: gold, columns: predicted)")
    print("  " + " " * 9 + "".join(f"{c:>9}" for c in CLASSES))
    for g in CLASSES:
        print(f"  {g:<9}" + "".join(f"{confusion[(g, p)]:>9}" for p in CLASSES))
    hard = [i for i, row in enumerate(rows) if row.get("hard", "").strip() in {"1", "true", "yes"}]
    if hard:
        right = sum(gold[i] == predicted[i] for i in hard)
        print(f"  hard cases: {right}/{len(hard)} right ({right / len(hard):.3f})")
    if show_errors:
        for row, g, p in zip(rows, gold, predicted, strict=True):
            if g != p:
                print(f"    {row['id']}: gold {g}, read {p}: {row['text']}")


def throughput(rows: list[dict[str, str]]) -> None:
    texts = [row["text"] for row in rows]
    lexicon = default_lexicon()
    passes = max(1, -(-MIN_TIMED // len(texts)))
    wall = cpu = 0.0
    for _ in range(passes):  # each pass starts with an empty word cache, as for unseen text
        lexicon.normalizer.cache.clear()
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        for text in texts:
            analyze(text)
        wall += time.perf_counter() - wall_start
        cpu += time.process_time() - cpu_start
    count = passes * len(texts)
    print(
        f"  throughput: {count / wall:,.0f} statements/s wall clock (time.perf_counter), "
        f"{count / cpu:,.0f} statements/s of CPU time (time.process_time); "
        f"{count} analyses on one core, word cache emptied before each pass"
    )
    if cpu < 0.8 * wall:
        print("  (wall clock well above CPU time: other processes were sharing the core)")


def inclusive_report(rows: list[dict[str, str]], show_errors: bool) -> None:
    tp = fp = fn = tn = category_right = 0
    for row in rows:
        expected = row["flag"].strip() in {"1", "true", "yes"}
        findings = inclusive(row["text"])
        if expected and findings:
            tp += 1
            category_right += findings[0].category == row["category"].strip()
        elif findings:
            fp += 1
        elif expected:
            fn += 1
        else:
            tn += 1
        if show_errors and expected != bool(findings):
            found = [(f.text, f.category) for f in findings]
            print(f"    {row['id']}: expected flag={int(expected)}, found {found}: {row['text']}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"  texts: {len(rows)}  flagged by label: {tp + fn}")
    print(
        f"  precision: {precision:.3f}  recall: {recall:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})"
    )
    if tp:
        print(f"  category of first finding right: {category_right}/{tp}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*TUNED_ON, *HELD_OUT, "all"), default="dev")
    parser.add_argument("--errors", action="store_true", help="list misread dev and batch rows")
    parser.add_argument("--file", type=Path, help="score this stance CSV instead of a split")
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="read by the rules alone, without the second reader (second_reader.py)",
    )
    args = parser.parse_args()
    second_opinion = not args.rules_only
    if args.file is not None:
        if "heldout" in args.file.name:
            parser.error("held-out files are scored by the lead only")
        with args.file.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        print(f"== stance, {args.file.name}")
        stance_report(rows, args.errors, second_opinion)
        return
    for split in splits(args.split):
        show = args.errors and split in TUNED_ON
        if args.errors and not show:
            print(f"(--errors ignored for {split}: its rows stay unread)")
        print(f"== stance, {split} split")
        if second_opinion and f"stance_{split}.csv" in learned_from():
            print(
                "  (the second reader learned from this set: with it, these figures are in-sample;"
                " --rules-only reads it as held out)"
            )
        rows = read_rows("stance", split)
        if rows:
            stance_report(rows, show, second_opinion)
            throughput(rows)
        print(f"== inclusive language, {split} split")
        inclusive_rows = read_rows("inclusive", split)
        if inclusive_rows:
            inclusive_report(inclusive_rows, show)


if __name__ == "__main__":
    main()
