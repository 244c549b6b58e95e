"""Test helper: an agreement written by the engagement's coach and accepted by its coachee and
sponsor, listing what the sponsor sees (trellis/engagements/visibility.py)."""

from collections.abc import Sequence
from typing import Any

from trellis.engagements.contracts import agreement_accept, agreement_write
from trellis.engagements.models import Agreement

EVERYTHING = tuple(Agreement.SPONSOR_ITEMS)


def write(engagement: Any, sponsor_sees: Sequence[str] = EVERYTHING) -> Agreement:
    return agreement_write(
        actor=engagement.coach,
        engagement=engagement,
        goals="Lead the team through the merger",
        length="six months",
        cadence="every two weeks",
        confidentiality_limits="Risk of harm is the only exception.",
        sponsor_sees=sponsor_sees,
    )


def agree(engagement: Any, sponsor_sees: Sequence[str] = EVERYTHING) -> Agreement:
    """A new version, accepted by the coachee and the sponsor: it is in force."""
    agreement = write(engagement, sponsor_sees)
    agreement_accept(actor=engagement.coachee, agreement=agreement)
    if engagement.sponsor is not None:
        agreement_accept(actor=engagement.sponsor, agreement=agreement)
    return agreement
