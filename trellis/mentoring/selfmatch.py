"""Self-match and peer circles.

Self-match: a participant sees their top suggestions, scored by the same engine as the admin's
run. Each partner is advertised to no more people than their free places (capacity minus pairs
and open requests): the suggestions are handed out best score first, so a popular mentor with one
place is shown to one person at a time. The participant requests one; the other says yes.

Peer circles: groups of 3 to 6, made from the engine's peer scores (each circle grows by the person
who scores best with its members; then two people of different circles trade places while that
raises the circles' total score, so no swap would make them better), each a peer engagement whose peers take the coach's seat in
turn (the rotation in trellis/engagements/kinds.py). Each person accepts their own place there.
"""

from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.matching import Rules, parse_participants
from trellis.core.matching.explain import contributions
from trellis.core.matching.scoring import Scorer
from trellis.programs.models import Program

from . import engine
from .models import Circle, Enrolment, MentoringProgram, Pair
from .services import NOT_ENROLLED, NOT_SUGGESTED, SELF_ONLY, facilitator_of, match_input
from .services.matching import _explain
from .services.setup import _facilitator_first

TOP = 5


@dataclass(frozen=True)
class Suggestion:
    enrolment: Enrolment
    score: float
    explanation: list[dict[str, object]]


def _scored(program: Program):
    setup = program.mentoring
    rules = engine.rules_of(setup)
    text, _ = match_input(program)
    roster = parse_participants(text, rules, source="enrolments.csv")
    left = roster.left
    right = roster.left if rules.is_peer else roster.right
    scorer = Scorer(rules, left, right)
    scores = scorer.matrix(lambda _d, _t: None)
    return rules, scorer, scores, left, right


def suggestions(*, member: Membership, program: Program, top: int = TOP) -> list[Suggestion]:
    """A participant's top suggestions, each partner advertised to no more people than their
    free places (handed out to the best-scoring askers first)."""
    me = Enrolment.objects.filter(program=program, member=member).first()
    if me is None:
        return []
    rules, scorer, scores, left, right = _scored(program)
    ids_left = [int(p.id) for p in left]
    ids_right = [int(p.id) for p in right]
    weights = np.where(scores.passes, scores.weights, -np.inf)
    mine_left = me.pk in ids_left
    if not mine_left and me.pk not in ids_right:
        return []
    partners = right if mine_left else left
    people = left if mine_left else right
    matrix = weights if mine_left else weights.T
    if rules.is_peer:
        np.fill_diagonal(matrix, -np.inf)
    # advertised places: every partner's free capacity, given to the askers who score best
    free = np.array([p.capacity for p in partners], dtype=np.int64)
    shown_to: dict[int, set[int]] = {}
    order = np.argsort(-matrix, axis=None, kind="stable")
    rows, cols = np.unravel_index(order, matrix.shape)
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        if not np.isfinite(matrix[r, c]) or free[c] <= 0:
            continue
        if partners[c].id in people[r].previous:
            continue
        shown_to.setdefault(c, set())
        if len(shown_to[c]) < free[c]:
            shown_to[c].add(r)
    me_row = [int(p.id) for p in people].index(me.pk)
    chosen = sorted(
        (c for c, rs in shown_to.items() if me_row in rs),
        key=lambda c: -matrix[me_row, c],
    )[:top]
    by_id = {
        e.pk: e
        for e in Enrolment.objects.filter(
            pk__in=[int(partners[c].id) for c in chosen]
        ).select_related("member__user")
    }
    found = []
    for c in chosen:
        a, b = (me_row, c) if mine_left else (c, me_row)
        found.append(
            Suggestion(
                enrolment=by_id[int(partners[c].id)],
                score=float(matrix[me_row, c]),
                explanation=_explain_pair(rules, scorer, left, right, a, b),
            )
        )
    return found


def _explain_pair(
    rules: Rules, scorer: Scorer, left, right, a: int, b: int
) -> list[dict[str, object]]:
    values, points = scorer.pairs(np.array([a], dtype=np.int64), np.array([b], dtype=np.int64))
    parts = contributions(
        rules.criteria, left[a], right[b], values[0], points[0], peer=rules.is_peer
    )
    return _explain(parts)


def self_request(*, actor: Membership, program: Program, partner: Enrolment) -> Pair:
    """Ask a suggested partner; they say yes (or no) on their program page."""
    policy.require(actor, "mentoring.self.request", program.mentoring)
    setup = program.mentoring
    if setup.mode != MentoringProgram.Mode.SELF:
        raise ValidationError({"mode": SELF_ONLY})
    _facilitator_first(program)
    me = Enrolment.objects.filter(program=program, member=actor).first()
    if me is None:
        raise ValidationError({"program": NOT_ENROLLED})
    offered = {s.enrolment.pk: s for s in suggestions(member=actor, program=program)}
    if partner.pk not in offered:
        raise ValidationError({"partner": NOT_SUGGESTED.format(name=partner.member.user)})
    rules = engine.rules_of(setup)
    mentor_first = rules.is_peer or me.role == rules.sides[0]
    left, right = (me, partner) if mentor_first else (partner, me)
    now = timezone.now()
    return Pair.objects.create(
        program=program,
        left=left,
        right=right,
        status=Pair.Status.REQUESTED,
        score=offered[partner.pk].score,
        explanation=offered[partner.pk].explanation,
        requested_by=actor,
        left_yes_at=now if left == me else None,
        right_yes_at=now if right == me else None,
    )


# -- peer circles --------------------------------------------------------------------------------


def circles_form(*, actor: Membership, program: Program) -> list[Circle]:
    """Put the enrolled people not yet in a circle into circles of the program's size (3 to 6),
    each proposed as a peer engagement with the admin as facilitator; each peer accepts their own
    place and they take the coach's seat in turn."""
    from trellis.engagements.kinds import engagement_propose_peer

    policy.require(actor, "mentoring.manage", program)
    setup = program.mentoring
    facilitator = facilitator_of(program)
    _, _, scores, left, _ = _scored(program)
    in_circle = set(
        Circle.members.through.objects.filter(circle__program=program).values_list(
            "enrolment_id", flat=True
        )
    )
    index = [i for i, p in enumerate(left) if int(p.id) not in in_circle]
    weights = np.where(scores.passes, scores.weights, -1.0)
    size = setup.circle_size
    groups: list[list[int]] = []
    remaining = list(index)
    while len(remaining) >= 3:
        seed = remaining.pop(0)
        group = [seed]
        while len(group) < size and remaining:
            best = max(remaining, key=lambda j: sum(weights[g, j] for g in group))
            group.append(best)
            remaining.remove(best)
        groups.append(group)
    for j in remaining:  # the last one or two join the smallest circles with room
        open_ = [g for g in groups if len(g) < 6]
        if open_:
            min(open_, key=len).append(j)
    groups = improve_circles(groups, weights)
    enrolments = {
        e.pk: e for e in Enrolment.objects.filter(program=program).select_related("member__user")
    }
    made: list[Circle] = []
    start = Circle.objects.filter(program=program).count()
    for n, group in enumerate(groups, start=start + 1):
        people = [enrolments[int(left[i].id)] for i in group]
        engagement = engagement_propose_peer(
            actor=actor,
            coach=facilitator,
            peers=[e.member for e in people],
            topic=f"{program.name}: circle {n}",
        )
        with transaction.atomic():
            circle = Circle.objects.create(
                program=program, name=f"Circle {n}", engagement=engagement
            )
            circle.members.set(people)
            Enrolment.objects.filter(pk__in=[e.pk for e in people]).update(
                status=Enrolment.Status.MATCHED
            )
        made.append(circle)
    return made


def improve_circles(
    groups: list[list[int]], weights: "np.ndarray", max_swaps: int = 500
) -> list[list[int]]:
    """Improve greedy circles by swapping two people of different circles while a swap raises the
    circles' total score (each pair of members counts both ways; a pair failing a `must` counts
    -1). Sizes never change. Each step takes the best swap of all; it stops when no swap helps,
    so no two people would make their circles better by trading places."""
    people = [i for g in groups for i in g]
    if len(groups) < 2 or not people:
        return groups
    sub = weights[np.ix_(people, people)].astype(float)
    sym = sub + sub.T
    np.fill_diagonal(sym, 0.0)
    where = np.array([c for c, g in enumerate(groups) for _ in g])  # circle of each person
    member = np.zeros((len(groups), len(people)))
    member[where, np.arange(len(people))] = 1.0
    with_circle = sym @ member.T  # with_circle[x, c]: x's score with circle c's members
    for _ in range(max_swaps):
        own = with_circle[np.arange(len(people)), where]
        other = with_circle[:, where]  # other[x, y]: x's score with y's circle
        gain = other + other.T - own[:, None] - own[None, :] - 2 * sym
        gain[where[:, None] == where[None, :]] = 0.0
        x, y = np.unravel_index(int(np.argmax(gain)), gain.shape)
        if gain[x, y] <= 1e-9:
            break
        a, b = where[x], where[y]
        with_circle[:, a] += sym[:, y] - sym[:, x]
        with_circle[:, b] += sym[:, x] - sym[:, y]
        where[x], where[y] = b, a
    found: list[list[int]] = [[] for _ in groups]
    for k, c in enumerate(where):
        found[int(c)].append(people[k])
    return found


def my_pairs(*, member: Membership, program: Program) -> list[Pair]:
    """The person's own pairs the admin has published or someone requested (never proposals)."""
    return list(
        Pair.objects.filter(program=program)
        .filter(Q(left__member=member) | Q(right__member=member))
        .exclude(status__in=[Pair.Status.PROPOSED, Pair.Status.BANNED])
        .select_related("left__member__user", "right__member__user")
        .order_by("-created_at")
    )
