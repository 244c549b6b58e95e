"""The NumPy-only min-cost flow against SciPy's solvers: the same optimum on generated instances,
and a terminal run of `trellis match mentor-match` that never imports SciPy."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from trellis.core.matching.dense_flow import dense_min_cost_flow
from trellis.core.matching.flow import min_cost_flow
from trellis.core.matching.solve_bipartite import (
    BipartiteProblem,
    _by_assignment,
    _by_linear_programme,
)

from .test_matching_optimality import SEEDS, brute_bipartite, random_bipartite

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "examples" / "matching" / "mentor-match"


def place_value(first: float, capacity: int, partners: int) -> float:
    """What a participant's places add in the flow model: the first-match value when it is a gain
    (or when a loss can no longer be avoided: every other place is taken)."""
    if partners == 0:
        return 0.0
    if first >= 0:
        return first
    return first if partners > capacity - 1 else 0.0


def model_value(p: BipartiteProblem, pairs: list[tuple[int, int]]) -> float:
    """The objective both solvers maximise (negative first-match values included)."""
    assert len(set(pairs)) == len(pairs)
    assert all(p.eligible[a, b] for a, b in pairs)
    left = np.bincount([a for a, _ in pairs], minlength=p.weights.shape[0])
    right = np.bincount([b for _, b in pairs], minlength=p.weights.shape[1])
    assert (left <= p.capacity_left).all() and (right <= p.capacity_right).all()
    total = sum(float(p.weights[a, b]) for a, b in pairs)
    total += sum(
        place_value(float(p.first_left[i]), int(p.capacity_left[i]), int(k))
        for i, k in enumerate(left)
    )
    total += sum(
        place_value(float(p.first_right[j]), int(p.capacity_right[j]), int(k))
        for j, k in enumerate(right)
    )
    return total


def generated(seed: int, n_left: int, n_right: int, *, single: bool = False) -> BipartiteProblem:
    """mentor-match-like whole-number points, some negative pairs and first-match values."""
    rng = np.random.default_rng(seed)
    weights = rng.choice([0, 9, 10, 12, 19, 21, 22], (n_left, n_right)).astype(float)
    if seed % 3 == 1:
        weights -= 5
    capacity_right = np.ones(n_right, dtype=np.int64) if single else rng.integers(0, 4, n_right)
    bonus = float(rng.integers(-2, 7))
    return BipartiteProblem(
        weights=weights,
        eligible=rng.random((n_left, n_right)) < 0.7,
        capacity_left=rng.integers(0, 4, n_left),
        capacity_right=capacity_right,
        first_left=np.full(n_left, bonus),
        first_right=np.full(n_right, bonus + float(rng.integers(0, 3))),
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_it_finds_the_brute_force_optimum_on_small_instances(seed):
    p = random_bipartite(seed, fractional=seed % 2 == 1, one_side_single=False)
    pairs = dense_min_cost_flow(p)
    assert pairs is not None
    assert model_value(p, pairs) == pytest.approx(brute_bipartite(p))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("size", [(7, 5), (40, 30), (120, 150)])
def test_it_reaches_the_same_total_as_scipys_flow_and_linear_programme(seed, size):
    p = generated(seed, *size)
    dense = dense_min_cost_flow(p)
    assert dense is not None
    flow = min_cost_flow(p)
    assert flow is not None
    assert model_value(p, dense) == pytest.approx(model_value(p, flow))
    lp = _by_linear_programme(p, lambda _message: None)
    assert model_value(p, dense) == pytest.approx(model_value(p, lp))


@pytest.mark.parametrize("seed", range(8))
def test_it_reaches_the_same_total_as_scipys_assignment_when_one_side_takes_one(seed):
    p = generated(seed, 60, 45, single=True)
    dense = dense_min_cost_flow(p)
    assert dense is not None
    positive = BipartiteProblem(  # the assignment method assumes first-match values are gains
        p.weights,
        p.eligible,
        p.capacity_left,
        p.capacity_right,
        np.abs(p.first_left),
        np.abs(p.first_right),
    )
    dense = dense_min_cost_flow(positive)
    assert dense is not None
    assert model_value(positive, dense) == pytest.approx(
        model_value(positive, _by_assignment(positive))
    )


def test_the_mentor_match_command_runs_without_scipy(tmp_path):
    probe = (
        "import sys\n"
        "from trellis.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('scipy' in sys.modules, 'pydantic' in sys.modules)\n"
    )
    out = tmp_path / "out"
    command = ["match", "mentor-match", str(EXAMPLE), "--rules", str(EXAMPLE / "rules.toml")]
    result = subprocess.run(
        [sys.executable, "-c", probe, *command, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert "Matched" in result.stdout
    assert result.stdout.splitlines()[-1].split()[0] == "False"  # SciPy was never imported
    assert (out / "matches.csv").exists()
