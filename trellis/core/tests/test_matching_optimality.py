"""The solvers against brute force on small random instances, every method, both objectives."""

import itertools

import numpy as np
import pytest

from trellis.core.matching import Objective, Participant, Roster, parse_rules, run_matching
from trellis.core.matching.flow import min_cost_flow
from trellis.core.matching.solve_bipartite import (
    BipartiteProblem,
    _by_assignment,
    _by_linear_programme,
    solve_bipartite,
)
from trellis.core.matching.solve_peer import PeerProblem, solve_peer

SEEDS = range(40)


def bipartite_value(p: BipartiteProblem, pairs) -> float:
    total = sum(p.weights[a, b] for a, b in pairs)
    total += sum(p.first_left[a] for a in {a for a, _ in pairs})
    total += sum(p.first_right[b] for b in {b for _, b in pairs})
    return float(total)


def brute_bipartite(p: BipartiteProblem) -> float:
    edges = [tuple(e) for e in np.argwhere(p.eligible).tolist()]
    best = 0.0
    for size in range(len(edges) + 1):
        for chosen in itertools.combinations(edges, size):
            left = np.bincount([a for a, _ in chosen], minlength=p.weights.shape[0])
            right = np.bincount([b for _, b in chosen], minlength=p.weights.shape[1])
            if (left <= p.capacity_left).all() and (right <= p.capacity_right).all():
                best = max(best, bipartite_value(p, chosen))
    return best


def random_bipartite(seed: int, *, fractional: bool, one_side_single: bool) -> BipartiteProblem:
    rng = np.random.default_rng(seed)
    n_left, n_right = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    weights = rng.integers(-3, 10, (n_left, n_right)).astype(float)
    if fractional:
        weights += rng.random((n_left, n_right)).round(3)
    eligible = rng.random((n_left, n_right)) < 0.6
    while eligible.sum() > 11:  # keep brute force small
        eligible[tuple(np.argwhere(eligible)[0])] = False
    capacity_left = rng.integers(0, 4, n_left)
    capacity_right = (
        np.ones(n_right, dtype=np.int64) if one_side_single else rng.integers(0, 4, n_right)
    )
    bonus = float(rng.integers(0, 4))
    return BipartiteProblem(
        weights=weights,
        eligible=eligible,
        capacity_left=capacity_left,
        capacity_right=capacity_right,
        first_left=np.full(n_left, bonus),
        first_right=np.full(n_right, bonus),
    )


def check_bipartite(p: BipartiteProblem, pairs) -> None:
    assert len(set(pairs)) == len(pairs)
    assert all(p.eligible[a, b] for a, b in pairs)
    left = np.bincount([a for a, _ in pairs], minlength=p.weights.shape[0])
    right = np.bincount([b for _, b in pairs], minlength=p.weights.shape[1])
    assert (left <= p.capacity_left).all() and (right <= p.capacity_right).all()
    assert bipartite_value(p, pairs) == pytest.approx(brute_bipartite(p))


@pytest.mark.parametrize("seed", SEEDS)
def test_it_finds_the_best_bipartite_matching_with_capacities(seed):
    p = random_bipartite(seed, fractional=seed % 2 == 1, one_side_single=False)
    check_bipartite(p, solve_bipartite(p))
    check_bipartite(p, _by_linear_programme(p, lambda _message: None))
    flow = min_cost_flow(p)
    assert flow is not None
    check_bipartite(p, flow)


@pytest.mark.parametrize("seed", SEEDS)
def test_it_finds_the_best_assignment_when_one_side_takes_one_partner(seed):
    p = random_bipartite(seed, fractional=seed % 2 == 0, one_side_single=True)
    check_bipartite(p, solve_bipartite(p))
    check_bipartite(p, _by_assignment(p))


def brute_peer(gain: np.ndarray) -> float:
    n = gain.shape[0]
    edges = [(a, b) for a in range(n) for b in range(a + 1, n) if gain[a, b] > 0]
    best = 0.0
    for size in range(n // 2 + 1):
        for chosen in itertools.combinations(edges, size):
            people = [x for edge in chosen for x in edge]
            if len(set(people)) == len(people):
                best = max(best, sum(gain[a, b] for a, b in chosen))
    return best


def random_peer(seed: int) -> PeerProblem:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 9))
    weights = rng.integers(-2, 12, (n, n)).astype(float)
    if seed % 2:
        weights += rng.random((n, n)).round(2)
    weights = np.triu(weights, 1)
    weights += weights.T
    eligible = np.triu(rng.random((n, n)) < 0.7, 1)
    eligible |= eligible.T
    return PeerProblem(
        weights=weights,
        eligible=eligible,
        first=np.full(n, float(rng.integers(0, 3))),
        available=rng.random(n) < 0.9,
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_it_finds_the_best_peer_pairing(seed):
    p = random_peer(seed)
    usable = p.eligible & p.available[:, None] & p.available[None, :]
    gain = np.where(usable, p.weights + p.first[:, None] + p.first[None, :], 0.0)
    pairs = solve_peer(p)
    people = [x for pair in pairs for x in pair]
    assert len(set(people)) == len(people)
    assert all(usable[a, b] for a, b in pairs)
    assert sum(gain[a, b] for a, b in pairs) == pytest.approx(brute_peer(gain))


def test_it_pairs_a_triangle_optimally_where_the_relaxation_is_fractional():
    # Three people who all like each other: the bipartite relaxation goes round the triangle.
    gain = np.array([[0, 5, 5, 0], [5, 0, 5, 0], [5, 5, 0, 1], [0, 0, 1, 0]], dtype=float)
    p = PeerProblem(gain, gain > 0, np.zeros(4), np.ones(4, dtype=bool))
    pairs = solve_peer(p)
    assert sum(gain[a, b] for a, b in pairs) == 6


# --- the engine end to end: both objectives against brute force on participants ----------------

RULES = """
shape = "{shape}"
objective = "{objective}"
unmatched_bonus = {bonus}
{extra}

[[criteria]]
kind = "same"
attribute = "team"
weight = 4
weight_if_false = -1

[[criteria]]
kind = "difference"
attribute = "grade"
operator = ">="
target = {target}
weight = "must"

[[criteria]]
kind = "overlap"
attribute = "topics"
weight = 6
"""


def people(rng, count: int, side: str, capacity: int):
    topics = ["a", "b", "c", "d", "e"]
    return tuple(
        Participant(
            id=f"{side}{i}",
            name=f"{side} {i}",
            side=side,
            capacity=int(rng.integers(1, capacity + 1)),
            attributes={
                "team": str(rng.choice(["x", "y"])),
                "grade": str(int(rng.integers(1, 5))),
                "topics": ";".join(rng.choice(topics, int(rng.integers(1, 4)), replace=False)),
            },
        )
        for i in range(count)
    )


def engine_brute(result_rules, roster, objective):
    """Best (people matched, total) over every valid set of pairs, scored by the engine itself."""
    from trellis.core.matching.scoring import Scorer

    peer = result_rules.is_peer
    left, right = roster.left, roster.left if peer else roster.right
    scorer = Scorer(result_rules, left, right)
    matrix = scorer.matrix()
    edges = [
        (a, b)
        for a in range(len(left))
        for b in range(len(right))
        if matrix.passes[a, b] and (not peer or a < b)
    ]
    best = (0, 0.0)
    for size in range(len(edges) + 1):
        for chosen in itertools.combinations(edges, size):
            used_left = np.bincount([a for a, _ in chosen], minlength=len(left))
            used_right = np.bincount([b for _, b in chosen], minlength=len(right))
            if peer:
                used_left = used_left + used_right
                if (used_left > 1).any():
                    continue
            elif (used_left > [p.capacity for p in left]).any() or (
                used_right > [p.capacity for p in right]
            ).any():
                continue
            matched = {("l", a) for a, _ in chosen} | {("l" if peer else "r", b) for _, b in chosen}
            score = sum(matrix.weights[a, b] for a, b in chosen)
            score += sum(result_rules.unmatched_bonus[result_rules.sides[0]] for _ in matched)
            key = (len(matched), score) if objective is Objective.PARTICIPATION else (0, score)
            best = max(best, key, key=lambda k: (k[0], round(k[1], 9)))
    return best


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize("objective", [Objective.SCORE, Objective.PARTICIPATION])
def test_it_reaches_the_brute_force_optimum_end_to_end(seed, objective):
    rng = np.random.default_rng(seed)
    peer = seed % 2 == 1
    if peer:
        # Peer differences are absolute: grades at most 2 apart.
        rules = parse_rules(
            RULES.format(shape="peer", objective=objective, bonus=1, extra="", target=2).replace(
                'operator = ">="', 'operator = "<="'
            )
        )
        roster = Roster(left=people(rng, 6, "person", 1))
    else:
        rules = parse_rules(
            RULES.format(
                shape="bipartite",
                objective=objective,
                bonus=1,
                extra="[capacity]\nmentor = 2\nmentee = 2",
                target=0,
            )
        )
        roster = Roster(left=people(rng, 3, "mentor", 2), right=people(rng, 3, "mentee", 2))
    result = run_matching(rules, roster)
    matched, best = engine_brute(rules, roster, objective)
    assert result.total_score == pytest.approx(best)
    if objective is Objective.PARTICIPATION:
        assert result.people_matched == matched


def test_it_gives_the_same_pairs_for_the_same_input():
    rng = np.random.default_rng(3)
    rules = parse_rules(
        RULES.format(
            shape="bipartite", objective="score", bonus=0, extra="[capacity]\nmentor = 3", target=0
        )
    )
    roster = Roster(left=people(rng, 30, "mentor", 3), right=people(rng, 60, "mentee", 1))
    first = run_matching(rules, roster)
    for _ in range(3):
        again = run_matching(rules, roster)
        assert [(m.left.id, m.right.id) for m in again.matches] == [
            (m.left.id, m.right.id) for m in first.matches
        ]
        assert [(u.participant.id, u.detail) for u in again.unmatched] == [
            (u.participant.id, u.detail) for u in first.unmatched
        ]


@pytest.mark.parametrize("seed", range(60))
def test_it_finishes_fractional_relaxations_with_the_warm_blossom_algorithm(seed):
    from trellis.core.matching.solve_peer import _by_warm_blossom, _relaxation

    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(3, 9))
    gain = np.triu(rng.integers(0, 6, (n, n)) + (rng.random((n, n)).round(1) if seed % 2 else 0), 1)
    gain = np.where(rng.random((n, n)) < 0.7, gain, 0.0)
    gain = np.triu(gain, 1)
    gain = gain + gain.T
    pairs = _by_warm_blossom(gain, _relaxation(gain))
    people = [x for pair in pairs for x in pair]
    assert len(set(people)) == len(people)
    assert sum(gain[a, b] for a, b in pairs) == pytest.approx(brute_peer(gain))


@pytest.mark.parametrize("seed", range(12))
def test_it_proves_the_warm_blossom_optimum_against_pairs_it_left_out(seed, monkeypatch):
    import networkx as nx

    from trellis.core.matching import solve_peer as module

    monkeypatch.setattr(module, "CLOSEST", 1)  # start from very few pairs: the proof must add some
    rng = np.random.default_rng(2000 + seed)
    n = 50
    gain = np.triu(rng.integers(1, 9, (n, n)) + rng.random((n, n)).round(2) * (seed % 2), 1)
    gain = np.where(rng.random((n, n)) < 0.5, gain, 0.0)
    gain = gain + gain.T
    pairs = module._by_warm_blossom(gain, module._relaxation(gain))
    graph = nx.Graph()
    rows, cols = np.nonzero(np.triu(gain, 1))
    graph.add_weighted_edges_from(
        zip(rows.tolist(), cols.tolist(), gain[rows, cols].tolist(), strict=True)
    )
    best = sum(gain[a, b] for a, b in nx.max_weight_matching(graph))
    assert sum(gain[a, b] for a, b in pairs) == pytest.approx(best)
