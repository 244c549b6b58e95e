"""One matching run: score every pair, rule out the disqualified, solve exactly, explain the result.

The objective counts, for the chosen pairs, the points of every criterion, plus the unmatched bonus of
each participant's side for every participant who gets at least one partner (it is credited to their
first pair in the output). "participation" first matches the most people, then maximises that total:
each person's first match is worth a constant larger than any difference in score could be.

Deterministic: the same files give the same pairs. Ties between equally good solutions are settled by
the solvers, which depend only on the order of the participants in the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from .disqualify import FAILED_MUST, SAME_PERSON, Disqualified, find_disqualified
from .explain import BONUS_LABEL, LOCK_LABEL, Options, contributions, unmatched_reason
from .model import (
    Contribution,
    Decision,
    Match,
    MatchResult,
    Objective,
    Participant,
    Review,
    Roster,
    Rules,
    Unmatched,
)
from .problems import Problem, ReviewError
from .scoring import Scorer
from .solve_bipartite import BipartiteProblem, solve_bipartite
from .solve_peer import PeerProblem, solve_peer

Progress = Callable[[str, int, int], None]  # (stage, done, total)

UNKNOWN_PERSON = "the id of a {side} in the participants"
LOCK_AND_BAN = "a pair either locked or banned"
FOUND_LOCK_AND_BAN = "both"
LOCK_SAME_PERSON = "two different people"
FOUND_SAME_PERSON = "the same person twice"
LOCK_OVER_CAPACITY = 'at most {capacity} locked pairs for "{id}" (their places)'
LOCK_TWICE = "each pair locked once"
FOUND_TWICE = "the same pair again"


def run_matching(
    rules: Rules,
    roster: Roster,
    *,
    objective: Objective | None = None,
    review: Review | None = None,
    progress: Progress | None = None,
) -> MatchResult:
    """Match the roster under the rules; raises ReviewError when a lock or ban cannot be honoured."""
    started = time.perf_counter()
    report = progress or (lambda _stage, _done, _total: None)
    objective = objective or rules.objective
    peer = rules.is_peer
    left = roster.left
    right = roster.left if peer else roster.right
    locks, bans = _review_pairs(rules, left, right, review or Review())

    scorer = Scorer(rules, left, right)
    scores = scorer.matrix(lambda done, total: report("scoring", done, total))
    disqualified = find_disqualified(rules, left, right, banned=bans)
    eligible = scores.passes.copy()
    disqualified.apply(eligible)

    capacity_left = np.array([p.capacity for p in left], dtype=np.int64)
    capacity_right = np.array([p.capacity for p in right], dtype=np.int64)
    used_left = np.zeros(len(left), dtype=np.int64)
    used_right = np.zeros(len(right), dtype=np.int64)
    for a, b in locks:
        used_left[a] += 1
        used_right[b] += 1
        if peer:
            used_left[b] += 1
    _check_lock_capacity(rules, left, right, capacity_left, capacity_right, used_left, used_right)

    report("solving", 0, 1)
    first_left, first_right = _first_match_values(
        rules, objective, left, right, scores.weights, eligible, capacity_left, capacity_right
    )
    if peer:
        solvable = eligible.copy()
        for a, b in locks:
            solvable[[a, b], :] = False
            solvable[:, [a, b]] = False
        chosen = solve_peer(
            PeerProblem(
                weights=scores.weights,
                eligible=solvable,
                first=first_left,
                available=(capacity_left - used_left) > 0,
            ),
            lambda message: report(f"solving: {message}", 0, 1),
        )
    else:
        solvable = eligible.copy()
        for a, b in locks:
            solvable[a, b] = False
        chosen = solve_bipartite(
            BipartiteProblem(
                weights=scores.weights,
                eligible=solvable,
                capacity_left=np.maximum(capacity_left - used_left, 0),
                capacity_right=np.maximum(capacity_right - used_right, 0),
                first_left=np.where(used_left > 0, 0.0, first_left),
                first_right=np.where(used_right > 0, 0.0, first_right),
            ),
            lambda message: report(f"solving: {message}", 0, 1),
        )
    report("solving", 1, 1)
    report("explaining", 0, 1)
    matches = _matches(rules, scorer, left, right, locks, chosen)
    unmatched = _unmatched(
        rules, scorer, left, right, matches, eligible, scores.weights, disqualified
    )
    report("explaining", 1, 1)
    matched_ids = {(m.left.side, m.left.id) for m in matches} | {
        (m.right.side, m.right.id) for m in matches
    }
    people = len(left) if peer else len(left) + len(right)
    return MatchResult(
        rules=rules,
        objective=objective,
        matches=tuple(matches),
        unmatched=tuple(unmatched),
        total_score=float(sum(m.score for m in matches)),
        people_matched=len(matched_ids),
        people=people,
        seconds=time.perf_counter() - started,
    )


def _review_pairs(
    rules: Rules,
    left: Sequence[Participant],
    right: Sequence[Participant],
    review: Review,
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Locks and bans as index pairs (peer pairs as (a, b) with a < b)."""
    left_index = {p.id: i for i, p in enumerate(left)}
    right_index = {p.id: i for i, p in enumerate(right)}
    problems: list[Problem] = []
    locks: dict[tuple[int, int], int] = {}
    bans: dict[tuple[int, int], int] = {}
    for pair in review.pairs:
        where = f"line {pair.line}"
        a = left_index.get(pair.left)
        b = right_index.get(pair.right)
        if a is None:
            problems.append(
                Problem(
                    "review", where, UNKNOWN_PERSON.format(side=rules.sides[0]), f'"{pair.left}"'
                )
            )
        if b is None:
            problems.append(
                Problem(
                    "review", where, UNKNOWN_PERSON.format(side=rules.sides[1]), f'"{pair.right}"'
                )
            )
        if a is None or b is None:
            continue
        if rules.is_peer:
            a, b = min(a, b), max(a, b)
        if pair.decision is Decision.LOCK:
            if (rules.is_peer and a == b) or (not rules.is_peer and left[a].id == right[b].id):
                problems.append(Problem("review", where, LOCK_SAME_PERSON, FOUND_SAME_PERSON))
            elif (a, b) in locks:
                problems.append(Problem("review", where, LOCK_TWICE, FOUND_TWICE))
            locks[(a, b)] = pair.line
        else:
            bans[(a, b)] = pair.line
    for key, line in locks.items():
        if key in bans:
            problems.append(
                Problem("review", f"line {max(line, bans[key])}", LOCK_AND_BAN, FOUND_LOCK_AND_BAN)
            )
    if problems:
        raise ReviewError(problems)
    return sorted(locks), sorted(bans)


def _check_lock_capacity(
    rules: Rules,
    left: Sequence[Participant],
    right: Sequence[Participant],
    capacity_left: NDArray[np.int64],
    capacity_right: NDArray[np.int64],
    used_left: NDArray[np.int64],
    used_right: NDArray[np.int64],
) -> None:
    problems = []
    sides = [(left, capacity_left, used_left)]
    if not rules.is_peer:
        sides.append((right, capacity_right, used_right))
    for people, capacity, used in sides:
        for i in np.flatnonzero(used > capacity).tolist():
            problems.append(
                Problem(
                    "review",
                    "",
                    LOCK_OVER_CAPACITY.format(id=people[i].id, capacity=int(capacity[i])),
                    f"{int(used[i])} locked pairs",
                )
            )
    if problems:
        raise ReviewError(problems)


def _first_match_values(
    rules: Rules,
    objective: Objective,
    left: Sequence[Participant],
    right: Sequence[Participant],
    weights: NDArray[np.float64],
    eligible: NDArray[np.bool_],
    capacity_left: NDArray[np.int64],
    capacity_right: NDArray[np.int64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    left_bonus = np.array([rules.unmatched_bonus.get(p.side, 0.0) for p in left])
    right_bonus = np.array([rules.unmatched_bonus.get(p.side, 0.0) for p in right])
    if objective is Objective.PARTICIPATION:
        # Larger than any difference in total score between two sets of pairs, so one more
        # person matched always wins.
        pairs = int(min(capacity_left.sum(), capacity_right.sum()))
        largest = float(np.abs(weights[eligible]).max(initial=0.0))
        bonuses = float(np.abs(left_bonus).sum() + np.abs(right_bonus).sum())
        big = 2.0 * (pairs * largest + bonuses) + 1.0
        left_bonus = left_bonus + big
        right_bonus = right_bonus + big
    return left_bonus, right_bonus


def _matches(
    rules: Rules,
    scorer: Scorer,
    left: Sequence[Participant],
    right: Sequence[Participant],
    locks: list[tuple[int, int]],
    chosen: list[tuple[int, int]],
) -> list[Match]:
    pairs = sorted({*locks, *chosen})
    locked = set(locks)
    if not pairs:
        return []
    i = np.array([a for a, _ in pairs], dtype=np.int64)
    j = np.array([b for _, b in pairs], dtype=np.int64)
    values, points = scorer.pairs(i, j)
    credited: set[tuple[str, str]] = set()
    matches = []
    for row, (a, b) in enumerate(pairs):
        person, partner = left[a], right[b]
        parts = contributions(
            rules.criteria, person, partner, values[row], points[row], peer=rules.is_peer
        )
        for who in (person, partner):
            bonus = rules.unmatched_bonus.get(who.side, 0.0)
            if (who.side, who.id) not in credited:
                credited.add((who.side, who.id))
                if bonus:
                    parts.append(Contribution(BONUS_LABEL.format(who=who.name), bonus))
        if (a, b) in locked:
            parts.insert(0, Contribution(LOCK_LABEL, 0.0))
        matches.append(
            Match(
                left=person,
                right=partner,
                score=float(sum(part.points for part in parts)),
                contributions=tuple(parts),
                locked=(a, b) in locked,
            )
        )
    return matches


def _unmatched(
    rules: Rules,
    scorer: Scorer,
    left: Sequence[Participant],
    right: Sequence[Participant],
    matches: list[Match],
    eligible: NDArray[np.bool_],
    weights: NDArray[np.float64],
    disqualified: Disqualified,
) -> list[Unmatched]:
    peer = rules.is_peer
    used: dict[tuple[str, str], list[float]] = {}
    for match in matches:
        pair_points = match.score - sum(
            c.points for c in match.contributions if c.label.startswith("unmatched bonus")
        )
        used.setdefault((match.left.side, match.left.id), []).append(pair_points)
        used.setdefault((match.right.side, match.right.id), []).append(pair_points)
    found = []
    sides = [(left, right, eligible, weights, True)]
    if not peer:
        sides.append((right, left, eligible.T, weights.T, False))
    for people, partners, allowed, points, is_left in sides:
        taken = [used.get((p.side, p.id), []) for p in partners]
        partner_used = np.array([len(scores) for scores in taken], dtype=np.int64)
        partner_lowest = np.array([min(scores, default=np.inf) for scores in taken])
        partner_capacity = np.array([p.capacity for p in partners], dtype=np.int64)
        for index, person in enumerate(people):
            if person.capacity == 0 or (person.side, person.id) in used:
                continue
            options = np.flatnonzero(allowed[index])
            blocked = {} if options.size else _blocked(scorer, disqualified, index, is_left, peer)
            reason, detail = unmatched_reason(
                Options(
                    partners=[partners[i] for i in options.tolist()],
                    scores=points[index, options],
                    used=partner_used[options],
                    capacity=partner_capacity[options],
                    lowest=partner_lowest[options],
                ),
                blocked=blocked,
                candidates=len(partners) - (1 if peer else 0),
            )
            found.append(Unmatched(person, reason, detail))
    return found


def _blocked(
    scorer: Scorer, disqualified: Disqualified, index: int, is_left: bool, peer: bool
) -> dict[str, int]:
    """How many partners each disqualifier and must criterion rules out for one person."""
    counts = disqualified.count_for(left=index) if is_left else disqualified.count_for(right=index)
    if peer:
        counts.pop(SAME_PERSON, None)
    for name, count in scorer.must_failures(index, is_left=is_left).items():
        counts[FAILED_MUST.format(criterion=name)] = count
    return counts
