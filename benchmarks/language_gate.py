"""Measure a learned gate on victim readings by forward chaining on fresh text.

Usage: .venv/bin/python benchmarks/language_gate.py [--cache PATH] [--batches] [--show]

A victim reading is "fresh" when the rules that made it had not been tuned on its text
(benchmarks/language_fresh.py rebuilds the rules as they stood before each dev batch 7 to 15 was
tuned on). The gate is a logistic regression, written with numpy, on properties of a victim
reading (NAMES; FEATURE_SETS): its markers only (how many victim and player markers, their
categories and weights); those and cheap properties of its text (whether the writer opens a
marker, first-person words, questions, negations, reported speech, length...); or those and
every word seen in at least MIN_DOCUMENTS training readings. It is scored by forward chaining: for each batch k from
10 to 15 it is trained on what existed before batch k was read (the fresh readings of batches 7
to k-1 and, in the second variant, the readings of dev and batches 7 to k-1 by the rules of
that time, which were tuned on them), its threshold chosen on the training part only (on
leave-one-batch-out probabilities of the fresh training batches), and tested on the fresh
readings of batch k. A victim reading the gate rejects is held back as abstain.py holds one back
(shown as nothing: read as player when its player words alone make a player reading, else
neutral). The figures are pooled over the six test batches, beside no gate and the ">= 2
markers" gate.

--cache PATH keeps the readings in a JSON file (rebuilding them takes a minute); --batches adds a
line per test batch; --show prints the weights of the last model of each variant.

It reads only benchmarks/data/stance_dev.csv and stance_dev_batch*.csv: never a held-out set.
Results and the decision are in docs/language.md ("A learned gate, measured on fresh text").
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from language_fresh import BEFORE, THRESHOLD, read, scores  # noqa: E402
from language_fresh import WORKER as FRESH_WORKER  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
TESTS = range(10, 16)  # forward chaining: batch k is tested on a gate trained before it
L2 = 1.0  # ridge penalty on the standardised weights (not on the intercept)

# language_fresh.py's worker, keeping every marker (stance, category, weight and where it is)
WORKER = FRESH_WORKER.replace(
    '[[m.category, m.weight] for m in a.markers if m.stance == "victim"]',
    "[[m.stance, m.category, m.weight, m.start, m.end] for m in a.markers]",
)
assert WORKER != FRESH_WORKER

Reading = dict[str, object]

VICTIM_CATEGORIES = (
    "outside_agent", "agentless", "necessity", "inability", "blame", "wishful", "permanence",
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
I_WORDS = frozenset({"i", "me", "myself", "i'm", "im", "i've", "ive", "i'd", "i'll"})
WE_WORDS = frozenset({"we", "us", "ourselves", "we're", "we've", "we'd", "we'll"})
THEY_WORDS = frozenset({"he", "she", "they", "them", "his", "her", "their", "him"})
SUBJECTS = frozenset({"i", "i'm", "im", "i've", "ive", "i'd", "we", "we're", "we've", "we'd"})
NEGATIONS = frozenset({"not", "no", "never", "nothing", "nobody", "none", "cannot", "cant"})
ABSOLUTES = frozenset(
    {"always", "never", "every", "nobody", "nothing", "again", "just", "constantly", "still"}
)
REPORTING = frozenset(
    {"said", "says", "told", "tells", "feel", "feels", "felt", "complained", "complains",
     "mentioned", "thinks", "think", "reckons", "claims", "claimed", "saying"}
)  # fmt: skip
CONNECTIVES = frozenset({"but", "so", "because", "although", "though", "which", "anyway"})


def _words(text: str) -> list[str]:
    return [w.replace("\u2019", "'") for w in _WORD.findall(text.lower())]


def features(
    text: str,
    victim: Sequence[tuple[str, float, int, int]],
    player: Sequence[tuple[str, float]],
) -> list[float]:
    """Properties of a victim reading: its victim markers (category, weight, start, end), its
    player markers (category, weight) and its text."""
    words = _words(text)
    n = max(1, len(words))
    weights = [w for _, w, _, _ in victim]
    count = Counter(c for c, _, _, _ in victim)
    subject = sum(
        bool(_words(text[s:e])[:1] and _words(text[s:e])[0] in SUBJECTS) for *_, s, e in victim
    )
    ed = sum(w.endswith("ed") and len(w) > 4 for w in words)
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text.strip())))
    first = min(s for *_, s, _ in victim) / max(1, len(text))
    return [
        math.log1p(len(victim)),
        float(len(victim) == 1),
        sum(weights),
        max(weights),
        sum(w for _, w in player),
        float(len(player)),
        *[float(count[c]) for c in VICTIM_CATEGORIES],
        subject / len(victim),
        math.log(n),
        math.log(sentences),
        float("?" in text),
        float("!" in text),
        math.log1p(sum(w in I_WORDS for w in words)),
        math.log1p(words.count("my") + words.count("mine")),
        math.log1p(sum(w in WE_WORDS for w in words)),
        math.log1p(words.count("our")),
        math.log1p(sum(w in THEY_WORDS for w in words)),
        math.log1p(sum(w in NEGATIONS or w.endswith("n't") for w in words)),
        math.log1p(sum(w in ABSOLUTES for w in words)),
        float(any(w in REPORTING for w in words)),
        ed / n,
        first,
        float(any(w in CONNECTIVES for w in words)),
        float(text.strip()[:1].islower()),
        float(bool(re.search(r"\d", text))),
    ]


NAMES = (
    "log(1 + victim markers)", "one victim marker", "victim weight", "heaviest victim marker",
    "player weight", "player markers", *VICTIM_CATEGORIES, "share of markers opened by I/we",
    "log words", "log sentences", "question mark", "exclamation", "log(1 + I/me)",
    "log(1 + my)", "log(1 + we/us)", "log(1 + our)", "log(1 + he/she/they)",
    "log(1 + negations)", "log(1 + absolutes)", "reporting verb", "share of -ed words",
    "first marker position", "connective", "lower-case start", "digit",
)  # fmt: skip


def reading_features(r: Reading) -> list[float]:
    found = r["markers"]
    assert isinstance(found, list)
    victim = [(str(m[1]), float(m[2]), int(m[3]), int(m[4])) for m in found if m[0] == "victim"]
    player = [(str(m[1]), float(m[2])) for m in found if m[0] == "player"]
    return features(str(r["text"]), victim, player)


def n_victim(r: Reading) -> int:
    found = r["markers"]
    assert isinstance(found, list)
    return sum(m[0] == "victim" for m in found)


# ------------------------------------------------------------------ logistic regression


class Model:
    """L2-regularised logistic regression on standardised features (Newton's method)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, l2: float = L2) -> None:
        self.mean = x.mean(axis=0)
        self.scale = x.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        z = np.hstack([np.ones((len(x), 1)), (x - self.mean) / self.scale])
        w = np.zeros(z.shape[1])
        penalty = np.full(z.shape[1], l2)
        penalty[0] = 0.0
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-(z @ w)))
            gradient = z.T @ (p - y) + penalty * w
            hessian = (z.T * (p * (1 - p))) @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-8:
                break
        self.w = w

    def prob(self, x: np.ndarray) -> np.ndarray:
        z = np.hstack([np.ones((len(x), 1)), (x - self.mean) / self.scale])
        result: np.ndarray = 1.0 / (1.0 + np.exp(-(z @ self.w)))
        return result


def victims(readings: list[Reading]) -> list[Reading]:
    return [r for r in readings if r["stance"] == "victim"]


EVIDENCE = len(VICTIM_CATEGORIES) + 6  # the first features: the reading's markers only
FEATURE_SETS = ("markers only", "markers and text", "markers, text and words")
MIN_DOCUMENTS = 5  # a word is a feature when this many training victim readings have it


class Gate:
    """A model over one feature set, fitted on the victim readings among `readings`."""

    def __init__(self, readings: list[Reading], feature_set: str) -> None:
        self.feature_set = feature_set
        shown = victims(readings)
        self.vocabulary: dict[str, int] = {}
        if feature_set == FEATURE_SETS[2]:
            seen = Counter(w for r in shown for w in set(_words(str(r["text"]))))
            common = sorted(w for w, n in seen.items() if n >= MIN_DOCUMENTS)
            self.vocabulary = {w: i for i, w in enumerate(common)}
        y = np.array([float(r["gold"] == "victim") for r in shown])
        self.model = Model(self.x(shown), y)

    def x(self, readings: list[Reading]) -> np.ndarray:
        x = np.array([reading_features(r) for r in readings])
        if self.feature_set == FEATURE_SETS[0]:
            return x[:, :EVIDENCE]
        if not self.vocabulary:
            return x
        words = np.zeros((len(readings), len(self.vocabulary)))
        for i, r in enumerate(readings):
            for w in set(_words(str(r["text"]))):
                if w in self.vocabulary:
                    words[i, self.vocabulary[w]] = 1.0
        return np.hstack([x, words])

    def prob(self, r: Reading) -> float:
        return float(self.model.prob(self.x([r]))[0])


# ------------------------------------------------------------------ scoring


def held_as(r: Reading) -> str:
    return "player" if float(str(r["player"])) >= THRESHOLD else "neutral"


def shown(readings: list[Reading], passes: Callable[[Reading], bool]) -> list[str]:
    return [
        str(r["stance"]) if r["stance"] != "victim" or passes(r) else held_as(r) for r in readings
    ]


def prob_gate(gate: Gate, threshold: float) -> Callable[[Reading], bool]:
    return lambda r: gate.prob(r) >= threshold


def cut(readings: list[Reading], probability: dict[int, float], threshold: float) -> list[str]:
    """What is shown when a victim reading below `threshold` (by id) is held back."""
    return [
        held_as(r)
        if r["stance"] == "victim" and probability[id(r)] < threshold
        else str(r["stance"])
        for r in readings
    ]


GRID = [n / 50 for n in range(48)]  # 0.0 to 0.94


def choose_threshold(
    groups: dict[int, list[Reading]], extra: list[Reading], feature_set: str, rule: str
) -> float:
    """The threshold, from leave-one-batch-out probabilities on the fresh training batches
    (each left-out batch scored by a model trained on the other batches and `extra`)."""
    pairs: list[tuple[Reading, float]] = []
    for left, readings in groups.items():
        texts = {r["text"] for r in readings}  # and not its readings by later rules either
        rest = [r for n, g in groups.items() if n != left for r in g]
        rest += [r for r in extra if r["text"] not in texts]
        if len(victims(rest)) < 10:
            continue
        gate = Gate(rest, feature_set)
        for r in readings:
            pairs.append((r, gate.prob(r) if r["stance"] == "victim" else 1.0))
    if not pairs:
        return 0.0
    readings = [r for r, _ in pairs]
    probability = {id(r): p for r, p in pairs}
    best, best_key = 0.0, (-1.0, 0.0)
    for t in GRID:
        precision, _, macro, _ = scores(readings, cut(readings, probability, t))
        if rule == "macro-F1":
            key = (macro, -t)
        else:  # the lowest threshold with precision >= 0.95, else the best precision
            key = (float(precision >= 0.95), -t if precision >= 0.95 else precision)
        if key > best_key:
            best, best_key = t, key
    return best


# ------------------------------------------------------------------ readings


def batch(n: int) -> Path:
    return DATA / f"stance_dev_batch{n}.csv"


def readings(cache: Path | None) -> dict[str, list[Reading]]:
    """fresh k: batch k read by the rules before it; then k: dev and batches 7..k-1 read by
    the rules before batch k (what a gate trained before batch k could learn from)."""
    if cache is not None and cache.exists():
        loaded: dict[str, list[Reading]] = json.loads(cache.read_text())
        return loaded
    out: dict[str, list[Reading]] = {}
    for n, commit in BEFORE.items():
        out[f"fresh {n}"] = read(commit, [batch(n)], WORKER)
        earlier = [DATA / "stance_dev.csv", *(batch(m) for m in BEFORE if m < n)]
        if n in TESTS:
            out[f"then {n}"] = read(commit, earlier, WORKER)
    if cache is not None:
        cache.write_text(json.dumps(out))
    return out


# ------------------------------------------------------------------ forward chaining


def row(label: str, readings: list[Reading], predicted: list[str], auc: str = "") -> str:
    p, r, f, n = scores(readings, predicted)
    return f"  {label:<66} {p:>8.3f} {r:>6.3f} {f:>8.3f} {n:>6} {auc:>6}"


def area_under_curve(probabilities: list[float], right: list[bool]) -> float:
    """How often a right victim reading gets a higher probability than a wrong one."""
    pos = np.array([p for p, ok in zip(probabilities, right, strict=True) if ok])
    neg = np.array([p for p, ok in zip(probabilities, right, strict=True) if not ok])
    above = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
    return float(above)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep the readings in this JSON file")
    parser.add_argument("--batches", action="store_true", help="a line per test batch too")
    parser.add_argument("--show", action="store_true", help="the weights of the last models")
    args = parser.parse_args()
    data = readings(args.cache)
    fresh = {n: data[f"fresh {n}"] for n in BEFORE}
    test = [r for k in TESTS for r in fresh[k]]
    wrong = sum(r["gold"] != "victim" for r in victims(test))
    print(
        f"Fresh readings of batches {TESTS.start}-{TESTS.stop - 1}, pooled: {len(test)} "
        f"statements, {len(victims(test))} victim readings ({wrong} wrong)"
    )
    print(f"  {'gate':<66} {'victim P':>8} {'R':>6} {'macro-F1':>8} {'shown':>6} {'AUC':>6}")
    print(row("no gate", test, shown(test, lambda r: True)))
    print(row("two or more victim markers", test, shown(test, lambda r: n_victim(r) >= 2)))
    per_batch: dict[str, dict[int, list[str]]] = {}
    sweeps: dict[str, dict[int, float]] = {}
    last: dict[str, Gate] = {}
    for feature_set in FEATURE_SETS:
        for variant in ("fresh", "fresh + then"):
            probability: dict[int, float] = {}
            models: dict[int, Gate] = {}
            for k in TESTS:
                extra = data[f"then {k}"] if variant == "fresh + then" else []
                models[k] = Gate(
                    [r for n in BEFORE if n < k for r in fresh[n]] + extra, feature_set
                )
                probability.update({id(r): models[k].prob(r) for r in victims(fresh[k])})
            last[f"{feature_set}; {variant}"] = models[TESTS.stop - 1]
            auc = area_under_curve(
                [probability[id(r)] for r in victims(test)],
                [r["gold"] == "victim" for r in victims(test)],
            )
            sweeps[f"{feature_set}; {variant}"] = probability
            for rule in ("macro-F1", "precision 0.95"):
                name = f"{feature_set}; {variant}; threshold for {rule}"
                predicted: dict[int, list[str]] = {}
                thresholds = []
                for k in TESTS:
                    groups = {n: fresh[n] for n in BEFORE if n < k}
                    extra = data[f"then {k}"] if variant == "fresh + then" else []
                    t = choose_threshold(groups, extra, feature_set, rule)
                    thresholds.append(f"{t:.2f}")
                    predicted[k] = shown(fresh[k], prob_gate(models[k], t))
                per_batch[name] = predicted
                pooled = [p for k in TESTS for p in predicted[k]]
                print(row(name, test, pooled, f"{auc:.3f}"))
                print(f"      thresholds chosen before batches 10..15: {', '.join(thresholds)}")
    print("\nFor context only, thresholds chosen on the test batches themselves (not a gate):")
    for name, probability in sweeps.items():
        sweep = [(scores(test, cut(test, probability, t)), t) for t in GRID]
        (p, r, f, n), t = max(sweep, key=lambda pair: pair[0][2])
        print(f"  {name:<40} best macro-F1 at {t:.2f}: {p:.3f} / {r:.3f}, {f:.3f} ({n} shown)")
        reach = [pair for pair in sweep if pair[0][0] >= 0.95]
        if reach:
            (p, r, f, n), t = reach[0]
            print(f"  {'':<40} precision >= 0.95 from {t:.2f}: {p:.3f} / {r:.3f}, {f:.3f}")
        else:
            top = max(pair[0][0] for pair in sweep)
            print(f"  {'':<40} precision never reaches 0.95 (at most {top:.3f})")
    if args.batches:
        for k in TESTS:
            print(f"\n  batch {k} ({len(fresh[k])})")
            print(row("no gate", fresh[k], shown(fresh[k], lambda r: True)))
            print(row(">= 2 markers", fresh[k], shown(fresh[k], lambda r: n_victim(r) >= 2)))
            for name, predicted in per_batch.items():
                print(row(name, fresh[k], predicted[k]))
    if args.show:
        for name, gate in last.items():
            if gate.vocabulary:
                continue
            print(f"\nweights of the model trained before batch 15 ({name}):")
            ranked = sorted(zip(NAMES, gate.model.w[1:], strict=False), key=lambda p: -abs(p[1]))
            for feature, w in ranked:
                print(f"  {feature:<34} {w:+.2f}")


if __name__ == "__main__":
    main()
