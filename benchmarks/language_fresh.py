"""Estimate on fresh text what an evidence gate on victim readings would do.

Usage: .venv/bin/python benchmarks/language_fresh.py [--batches]

A victim reading is "fresh" when the rules that made it had not been tuned on its text. For each
dev batch 7 to 15 this rebuilds the rules as they stood before that batch was tuned on (`git
archive` of trellis/core at the commit in BEFORE, run in a subprocess) and reads the batch with
them: 392 victim readings as fresh as they were when each batch was first scored. On top of those
readings, and of the current rules' readings of dev and every dev batch (tuned on), it applies
each candidate gate in GATES: a victim reading the gate does not pass is held back (shown as
nothing; read as player when its player words alone make a player reading, else neutral), as
abstain.py holds one back. It prints victim precision, victim recall and macro-F1 with and
without each gate. --batches adds one line per fresh batch.

The last table learns a list of "strong" single markers (category and weight of the one marker
of readings right at least 85% of the time, seen at least 3 times) on the fresh readings of the
earlier batches and tests it on the later ones, so the list is not scored on the readings it was
chosen on.

It reads only benchmarks/data/stance_dev.csv and stance_dev_batch*.csv: never a held-out set.
Results and the decision are in docs/language.md ("An evidence gate, measured on fresh text").
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from language_eval import CLASSES, class_scores  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
THRESHOLD = 0.5  # stance.toml settings.threshold: the weight that makes a reading

# The rules as they stood before each dev batch was tuned on: the commit that added the batch
# when it added nothing else, else its parent; batch 13 was blind held-out set 3 until f47482d.
BEFORE = {
    7: "27a34bc",
    8: "25691ba",
    9: "6d2eb03",
    10: "6124901",
    11: "a51cccc^",  # added with the first hold-back rules, which were tuned on it
    12: "de39a09",
    13: "f47482d^",  # scored once as held-out 3 with these rules
    14: "25bab1f^",  # added with the rules tuned on it
    15: "d62edd1",
}

WORKER = """
import csv, json, sys
from trellis.core.language import analyze
out = []
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            a = analyze(row["text"])
            out.append({
                "gold": row["label"].strip(), "text": row["text"], "stance": a.stance,
                "player": a.player, "victim": a.victim,
                "abstained": getattr(a, "abstained", False),
                "markers": [[m.category, m.weight] for m in a.markers if m.stance == "victim"],
            })
json.dump(out, sys.stdout)
"""

Reading = dict[str, object]
Gate = Callable[[Reading], bool]

FIRST_PERSON = frozenset(
    {"i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "we", "us", "our", "ourselves"}
)


def first_person(text: str) -> bool:
    """The writer is in the text: I, me, my, we, us, our (I'm, we've...)."""
    words = re.findall(r"[a-z]+(?:['\u2019][a-z]+)?", text.lower())
    return any(
        re.sub(r"['\u2019]", "", w) in FIRST_PERSON or w[:2] in {"i'", "i\u2019"} for w in words
    )


def markers(r: Reading) -> list[list[object]]:
    found = r["markers"]
    assert isinstance(found, list)
    return found


def weight(marker: list[object]) -> float:
    value = marker[1]
    assert isinstance(value, float | int)
    return float(value)


GATES: dict[str, Gate] = {
    "no gate (as the rules read)": lambda r: True,
    "two or more markers": lambda r: len(markers(r)) >= 2,
    "two or more, or one of weight >= 1.0": (
        lambda r: len(markers(r)) >= 2 or weight(markers(r)[0]) >= 1.0
    ),
    "total victim weight >= 1.0": lambda r: float(str(r["victim"])) >= 1.0,
    "two or more, or one with I/me/we in the text": (
        lambda r: len(markers(r)) >= 2 or first_person(str(r["text"]))
    ),
    "two or more, or one of weight >= 1.0 with I/we": (
        lambda r: (
            len(markers(r)) >= 2 or (weight(markers(r)[0]) >= 1.0 and first_person(str(r["text"])))
        )
    ),
}


def read(commit: str | None, paths: list[Path], worker: str = WORKER) -> list[Reading]:
    """Read the statements in `paths` with the rules of `commit` (None: this checkout), in a
    subprocess running `worker` (language_gate.py passes its own, which keeps every marker)."""
    if commit is None:
        cwd = ROOT
    else:
        tmp = tempfile.TemporaryDirectory()
        archive = subprocess.run(
            ["git", "archive", commit, "trellis/__init__.py", "trellis/core"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp.name, filter="data")
        cwd = Path(tmp.name)
    done = subprocess.run(
        [sys.executable, "-c", worker, *map(str, paths)],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        check=True,
    )
    readings: list[Reading] = json.loads(done.stdout)
    return readings


def shown(readings: list[Reading], gate: Gate) -> list[str]:
    """The stance a coachee would be shown: a victim reading the gate stops is held back."""
    out = []
    for r in readings:
        if r["stance"] != "victim" or gate(r):
            out.append(str(r["stance"]))
        else:
            out.append("player" if float(str(r["player"])) >= THRESHOLD else "neutral")
    return out


def scores(readings: list[Reading], predicted: list[str]) -> tuple[float, float, float, int]:
    """Victim precision, victim recall, macro-F1 and the number of victim readings shown."""
    confusion = Counter((str(r["gold"]), p) for r, p in zip(readings, predicted, strict=True))
    f1s, victim = [], (0.0, 0.0, 0)
    for cls in CLASSES:
        precision, recall, f1, predicted_n = class_scores(confusion, cls)
        f1s.append(f1)
        if cls == "victim":
            victim = (precision, recall, predicted_n)
    return victim[0], victim[1], sum(f1s) / len(f1s), victim[2]


def table(title: str, sets: dict[str, list[Reading]], gates: dict[str, Gate]) -> None:
    print(f"\n{title}")
    print(f"  {'set':<22} {'gate':<48} {'victim P':>8} {'R':>6} {'macro-F1':>8} {'shown':>6}")
    for name, readings in sets.items():
        for label, gate in gates.items():
            p, r, f, n = scores(readings, shown(readings, gate))
            print(f"  {name:<22} {label:<48} {p:>8.3f} {r:>6.3f} {f:>8.3f} {n:>6}")


def learned(readings: list[Reading]) -> set[tuple[str, float]]:
    """Single markers (category, weight) right at least 85% of the time, seen at least 3 times."""
    seen: dict[tuple[str, float], list[int]] = defaultdict(lambda: [0, 0])
    for r in readings:
        if r["stance"] == "victim" and len(markers(r)) == 1:
            key = (str(markers(r)[0][0]), round(weight(markers(r)[0]), 2))
            seen[key][0] += 1
            seen[key][1] += r["gold"] == "victim"
    return {key for key, (n, right) in seen.items() if n >= 3 and right / n >= 0.85}


def strong_gate(strong: set[tuple[str, float]]) -> Gate:
    """Shown with two or more markers, or with one whose (category, weight) is in `strong`."""

    def gate(r: Reading) -> bool:
        first = markers(r)[0]
        return len(markers(r)) >= 2 or (str(first[0]), round(weight(first), 2)) in strong

    return gate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", action="store_true", help="one line per fresh batch too")
    args = parser.parse_args()
    fresh = {n: read(c, [DATA / f"stance_dev_batch{n}.csv"]) for n, c in BEFORE.items()}
    pooled = [r for readings in fresh.values() for r in readings]
    current_dev = read(None, [DATA / "stance_dev.csv"])
    current_batches = read(None, [DATA / f"stance_dev_batch{n}.csv" for n in BEFORE])
    sets = {"fresh, batches 7-15": pooled}
    if args.batches:
        sets.update({f"fresh, batch {n}": readings for n, readings in fresh.items()})
    table("Fresh readings (rules as before each batch was tuned on), pooled:", sets, GATES)
    table(
        "Current rules (tuned on these):",
        {"dev": current_dev, "dev batches 7-15": current_batches},
        GATES,
    )
    splits = {"7-13 -> 14-15": (range(7, 14), range(14, 16)), "7-14 -> 15": (range(7, 15), (15,))}
    print("\nA list of strong single markers learned on earlier fresh batches, tested on later:")
    for name, (train, test) in splits.items():
        strong = learned([r for n in train for r in fresh[n]])
        later = [r for n in test for r in fresh[n]]
        gates: dict[str, Gate] = {
            "no gate": GATES["no gate (as the rules read)"],
            f"two or more, or one of {len(strong)} strong": strong_gate(strong),
        }
        table(f"  learned on {name} ({sorted(strong)})", {f"fresh {name}": later}, gates)


if __name__ == "__main__":
    main()
