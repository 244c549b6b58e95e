"""People most like a reader, by the attributes a program's matching compares (department,
grade, languages, time zone, offers and needs, ...), each with a plain explanation ("shares your
department and languages", in the reader's language). Plain dicts in, no models."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Free text and the matching's own bookkeeping are never compared (nor shown to others).
NOT_COMPARED = frozenset({"about", "free_text", "notes", "role", "name", "email", "capacity"})
LABELS = {
    "department": _("department"),
    "grade": _("grade"),
    "languages": _("languages"),
    "location": _("location"),
    "timezone": _("time zone"),
    "time_zone": _("time zone"),
    "offers": _("skills offered"),
    "needs": _("needs"),
}


@dataclass(frozen=True)
class Likeness:
    score: float
    shared: tuple[str, ...]  # attribute names, in the reader's order

    @property
    def explanation(self) -> str:
        if not self.shared:
            return ""
        labels = [str(LABELS.get(name, name.replace("_", " "))) for name in self.shared]
        listed = (
            labels[0]
            if len(labels) == 1
            else gettext("%(first)s and %(last)s")
            % {"first": ", ".join(labels[:-1]), "last": labels[-1]}
        )
        return gettext("shares your %(listed)s") % {"listed": listed}


def _values(value: Any) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        parts = [value]
    elif isinstance(value, Iterable):
        parts = [str(v) for v in value]
    else:
        parts = [str(value)]
    return {p.strip().lower() for p in parts if str(p).strip()}


def likeness(reader: Mapping[str, Any], other: Mapping[str, Any]) -> Likeness:
    """How alike two people are: one point per attribute with the same value, or the share of
    the reader's values the other holds for a list attribute (languages: Jaccard overlap)."""
    score = 0.0
    shared = []
    for name, value in reader.items():
        if name in NOT_COMPARED or name not in other:
            continue
        mine, theirs = _values(value), _values(other[name])
        if not mine or not theirs:
            continue
        overlap = len(mine & theirs) / len(mine | theirs)
        if overlap > 0:
            score += overlap
            shared.append(name)
    return Likeness(round(score, 6), tuple(shared))


def most_alike(
    reader: Mapping[str, Any], others: Mapping[int, Mapping[str, Any]]
) -> list[tuple[int, Likeness]]:
    """Others ranked by likeness to the reader, most alike first (ties: the key, stable)."""
    ranked = [(key, likeness(reader, attrs)) for key, attrs in others.items()]
    ranked.sort(key=lambda pair: (-pair[1].score, pair[0]))
    return ranked
