"""A second reader: word models that must agree before victim words are shown, and that find
player language the rules miss.

The rules (stance.py, abstain.py) find victim language by its patterns; on text nobody tuned
them on, about one victim reading in ten was a player or neutral statement (someone else's
grievance, a setback told as news, a constraint the writer then answers). This module reads the
whole text differently: a logistic regression over its words, its pairs of neighbouring words and
its first word, learned from the labelled statements of benchmarks/data (the dev set, every dev
batch, and the held-out sets already scored once and reported; never the blind ones written
after it) to tell victim statements from the others. A victim reading is shown only when this
reader also finds the text likely enough to be a victim statement (`victim.shown_from`);
otherwise it is held back as abstain.py holds one back (shown as nothing).

It also reads for player language, the other way round: a text the rules read as neutral (too few
words either way, and no victim reading held back) is read as player when a second logistic
regression, learned the same way to tell player statements from the others, finds it likely
enough (`player.shown_from`). The rules miss player statements worded in ways no pattern has
("so I listened to the call recording and practised the opening"); such a reading shows no words
(`Analysis.whole_text`), and no victim reading is ever made this way: victim words need both.

Both thresholds are chosen by benchmarks/language_second_reader.py on readings nobody tuned on
(fresh readings of the dev batches, and today's rules on the spent held-out sets, each judged by
models that had not seen them); docs/language.md reports them.

The weights are data (data/second_reader.json), written by `train` from the labelled files;
a test checks that the file is what `train` makes of them today. Reading a text costs a split into
words and a few hundred dictionary lookups; numpy is needed only to train.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[?!]")
START = "<s>_"
MIN_DOCUMENTS = 2  # a feature seen in fewer labelled statements is not learned
RIDGE = 1.0  # L2 penalty on the weights (not on the bias)
STEPS = 2000  # full-batch gradient descent
RATE = 2.0
DECIMALS = 4  # weights are written rounded: the file stays small and diffs stay readable


def features(text: str) -> set[str]:
    """The words of text (lower case, a curly apostrophe read as '), each pair of neighbours,
    and its first word."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    found = set(words)
    found.update(f"{a}_{b}" for a, b in pairwise(words))
    found.add(START + (words[0] if words else ""))
    return found


VICTIM, PLAYER = "victim", "player"


@cache
def _models() -> dict[str, tuple[dict[str, float], float, float]]:
    data = json.loads(
        files("trellis.core.language").joinpath("data", "second_reader.json").read_text("utf-8")
    )
    return {
        side: (data[side]["weights"], float(data[side]["bias"]), float(data[side]["shown_from"]))
        for side in (VICTIM, PLAYER)
    }


def victim_probability(text: str) -> float:
    """How likely the second reader finds it that text is a victim statement (0 to 1)."""
    return _shipped(VICTIM, text)


def player_probability(text: str) -> float:
    """How likely the second reader finds it that text is a player statement (0 to 1)."""
    return _shipped(PLAYER, text)


def _shipped(side: str, text: str) -> float:
    weights, bias, _ = _models()[side]
    return probability(weights, bias, text)


def probability(weights: dict[str, float], bias: float, text: str) -> float:
    """What a reader with these weights makes of text (also for readers being measured)."""
    z = bias + sum(weights.get(f, 0.0) for f in features(text))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def doubts(text: str) -> bool:
    """Whether a victim reading of text should be held back: the second reader disagrees."""
    return victim_probability(text) < _models()[VICTIM][2]


def finds_player(text: str) -> bool:
    """Whether a text the rules find no stance in reads as player language to the second reader."""
    return player_probability(text) >= _models()[PLAYER][2]


def train(texts: Sequence[str], victim: Sequence[bool]) -> tuple[dict[str, float], float]:
    """Weights and bias of the reader learned from labelled statements (deterministic)."""
    import numpy as np

    seen = [features(t) for t in texts]
    counts = Counter(f for fs in seen for f in fs)
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_DOCUMENTS)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = np.array([r for r, fs in enumerate(seen) for f in fs if f in index], dtype=np.int64)
    cols = np.array([index[f] for fs in seen for f in fs if f in index], dtype=np.int64)
    y = np.array(victim, dtype=np.float64)
    n, size = len(seen), len(vocabulary)
    w = np.zeros(size)
    b = 0.0
    for _ in range(STEPS):
        z = np.bincount(rows, weights=w[cols], minlength=n) + b
        error = 1.0 / (1.0 + np.exp(-z)) - y
        w -= RATE * (np.bincount(cols, weights=error[rows], minlength=size) + RIDGE * w) / n
        b -= RATE * float(error.mean())
    weights = {f: round(float(v), DECIMALS) for f, v in zip(vocabulary, w, strict=True)}
    return {f: v for f, v in weights.items() if v}, round(b, DECIMALS)


Model = tuple[dict[str, float], float, float]  # weights, bias, shown_from


def model_file(models: dict[str, Model], sources: Iterable[str]) -> str:
    """The text of data/second_reader.json: a reader per side (victim, player)."""
    data: dict[str, Any] = {
        "about": "Written by benchmarks/language_second_reader.py --write; see second_reader.py.",
        "sources": list(sources),
    }
    for side, (weights, bias, shown_from) in models.items():
        data[side] = {
            "shown_from": shown_from,
            "bias": bias,
            "weights": dict(sorted(weights.items())),
        }
    return json.dumps(data, indent=0, ensure_ascii=False) + "\n"
