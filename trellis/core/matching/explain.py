"""Why a pair was made (what each criterion added) and why someone was left without a partner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .model import Contribution, Criterion, Kind, Participant, UnmatchedReason
from .participants import split_list

NO_PARTNER_DETAIL = "every one of {count} possible partners is ruled out: {reasons}"
NOBODY_DETAIL = "there is nobody to pair with"
AT_CAPACITY_DETAIL = (
    "all {count} eligible partners are full; the best, {best}, would score {score:g} together "
    "(the total is higher with the current pairs)"
)
OUTSCORED_FULL_DETAIL = (
    "the best eligible partner, {best}, is full with pairs scoring at least {lowest:g}; "
    "together they would score {score:g}"
)
OUTSCORED_OPEN_DETAIL = (
    "{best} still has room, but their pair would score {score:g}, which adds nothing to the total"
)
BONUS_LABEL = "unmatched bonus ({who}'s first match)"
LOCK_LABEL = "locked in review"
MUST_SUFFIX = " (must)"


def _fmt(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def criterion_detail(
    criterion: Criterion, left: Participant, right: Participant, value: float, *, peer: bool
) -> str:
    """A short human reason for one criterion on one pair, from the raw values."""
    kind = criterion.kind
    a = left.attributes.get(criterion.attribute, "")
    b = right.attributes.get(criterion.attribute, "")
    if kind in (Kind.SAME, Kind.DIFFERENT):
        return f"{a or '?'} / {b or '?'}"
    if kind is Kind.DIFFERENCE:
        try:
            difference = float(a) - float(b)
        except ValueError:
            return "a value is missing"
        difference = abs(difference) if peer else difference
        return f"{_fmt(difference)} {criterion.operator} {_fmt(criterion.target)}"
    if kind is Kind.TIMEZONE:
        return f"{a or '?'} / {b or '?'}"
    if kind in (Kind.OVERLAP, Kind.LANGUAGE):
        mine = {v.casefold(): v for v in split_list(a)}
        theirs = {v.casefold() for v in split_list(b)}
        shared = [mine[k] for k in mine if k in theirs]
        return ", ".join(shared) if shared else "nothing shared"
    if peer:
        there, back = _needs_met(criterion, left, right), _needs_met(criterion, right, left)
        return f"{left.name} meets {there}; {right.name} meets {back}"
    return _needs_met(criterion, left, right) + " met"


def _needs_met(criterion: Criterion, offering: Participant, needing: Participant) -> str:
    offers = {v.casefold(): v for v in split_list(offering.attributes.get(criterion.offers, ""))}
    needs = {v.casefold() for v in split_list(needing.attributes.get(criterion.needs, ""))}
    met = [offers[k] for k in offers if k in needs]
    return f"{len(met)} of {len(needs)} needs" + (f" ({', '.join(met)})" if met else "")


def contributions(
    criteria: Sequence[Criterion],
    left: Participant,
    right: Participant,
    values: NDArray[np.float64],
    points: NDArray[np.float64],
    *,
    peer: bool,
) -> list[Contribution]:
    found = []
    for criterion, value, earned in zip(criteria, values.tolist(), points.tolist(), strict=True):
        # A must that holds adds nothing; its detail is not needed in the explanation.
        detail = (
            "" if criterion.must else criterion_detail(criterion, left, right, value, peer=peer)
        )
        label = f"{criterion.name}{MUST_SUFFIX}" if criterion.must else criterion.name
        found.append(Contribution(label, float(earned), detail))
    return found


@dataclass(frozen=True)
class Options:
    """An unmatched person's eligible partners, with each one's pair score and places."""

    partners: list[Participant]
    scores: NDArray[np.float64]  # the pair's points with each partner
    used: NDArray[np.int64]  # places each partner has filled
    capacity: NDArray[np.int64]
    lowest: NDArray[np.float64]  # lowest score among each partner's pairs (inf when none)


def unmatched_reason(
    options: Options, *, blocked: dict[str, int], candidates: int
) -> tuple[UnmatchedReason, str]:
    if not options.partners and candidates == 0:
        return UnmatchedReason.NO_ELIGIBLE_PARTNER, NOBODY_DETAIL
    if not options.partners:
        reasons = ", ".join(f"{reason} ({count})" for reason, count in blocked.items() if count)
        return UnmatchedReason.NO_ELIGIBLE_PARTNER, NO_PARTNER_DETAIL.format(
            count=candidates, reasons=reasons or "none offered"
        )
    room = np.flatnonzero(options.used < options.capacity)
    if room.size:  # a partner had a place, but the pair would not raise the total
        best = int(room[np.argmax(options.scores[room])])
        return UnmatchedReason.OUTSCORED, OUTSCORED_OPEN_DETAIL.format(
            best=options.partners[best].name, score=float(options.scores[best])
        )
    best = int(np.argmax(options.scores))
    score, lowest = float(options.scores[best]), float(options.lowest[best])
    if score <= lowest:
        return UnmatchedReason.OUTSCORED, OUTSCORED_FULL_DETAIL.format(
            best=options.partners[best].name, lowest=lowest, score=score
        )
    return UnmatchedReason.PARTNERS_AT_CAPACITY, AT_CAPACITY_DETAIL.format(
        count=len(options.partners), best=options.partners[best].name, score=score
    )


def explanation_text(parts: Sequence[Contribution]) -> str:
    """One line for a CSV cell: the points each criterion added, then the musts that were met."""
    texts, musts = [], []
    for part in parts:
        if part.label == LOCK_LABEL:
            texts.append(part.label)
        elif part.label.endswith(MUST_SUFFIX):
            musts.append(part.label.removesuffix(MUST_SUFFIX))
        elif part.points:
            sign = "+" if part.points > 0 else ""
            detail = f" ({part.detail})" if part.detail else ""
            texts.append(f"{part.label} {sign}{_fmt(part.points)}{detail}")
    if musts:
        texts.append("musts met: " + ", ".join(musts))
    return "; ".join(texts) or "no criterion added points"
