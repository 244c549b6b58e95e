"""Reads for instruments: the catalogue, administrations a member may see, and results as each
audience may see them (own answers to their owner; aggregates only when closed and at the
anonymity threshold)."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership, Organization
from trellis.core.instruments import (
    Aggregate,
    Change,
    GroupChange,
    Instrument,
    Score,
    aggregate,
    baseline_figures,
    builtin_instruments,
    change,
    group_change,
    parse_instrument,
    score,
    translated,
    translated_file,
)
from trellis.instruments.models import Administration, InstrumentVersion, Respondent

MAX_LISTED = 200
WITHHELD_OPEN = _(
    "Results appear when the administration is closed, so that no one's answers can be worked out from two views of the results."
)
WITHHELD_FEW = _(
    "Fewer than {threshold} people answered, so there is no aggregate: it would come too close to someone's own answers."
)
WITHHELD_AUDIENCE = _(
    "Only the person who sent it, an admin, and the engagement's coach and sponsor see aggregates."
)


@dataclass(frozen=True)
class InstrumentEntry:
    instrument: Instrument
    stored: InstrumentVersion | None  # the organization's latest version; None for a built-in

    @property
    def is_builtin(self) -> bool:
        return self.stored is None

    @property
    def version(self) -> int:
        return self.instrument.version if self.stored is None else self.stored.version


@lru_cache(maxsize=256)
def _parse(text: str) -> Instrument:
    return parse_instrument(text, "stored instrument")


# Instrument files Trellis ships outside the built-in catalogue, which an organization imports
# when it first uses one (the 360 of trellis.stakeholders): while a stored version holds exactly
# the shipped text, it reads in the active language from the overlays beside the file.
SHIPPED_FILES = {
    "leadership-360": Path(__file__).resolve().parents[1]
    / "stakeholders"
    / "data"
    / "leadership-360.toml",
}


def instrument_of(version: InstrumentVersion) -> Instrument:
    """The Instrument a stored version holds (its text was valid when stored), with a built-in's
    or a shipped file's text in the active language when it is translated (item keys and hash
    stay the English file's)."""
    instrument = _parse(version.text)
    if version.org_id is None:
        return in_language(instrument)
    shipped = SHIPPED_FILES.get(instrument.key)
    return translated_file(instrument, shipped, _language()) if shipped else instrument


def in_language(instrument: Instrument) -> Instrument:
    """A built-in instrument in the active language (the person's, else the browser's), English
    where there is no translation; an organization's own instrument as it was written."""
    return translated(instrument, _language())


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def instruments_for(*, org: Organization) -> list[InstrumentEntry]:
    """The built-in instruments, then the organization's own (latest versions), by name."""
    entries = [InstrumentEntry(in_language(i), None) for i in builtin_instruments()]
    latest: dict[str, InstrumentVersion] = {}
    for stored in InstrumentVersion.objects.filter(org=org).order_by("key", "-version"):
        latest.setdefault(stored.key, stored)
    own = sorted(latest.values(), key=lambda stored: stored.name.lower())
    return entries + [InstrumentEntry(instrument_of(stored), stored) for stored in own]


def instrument_find(*, org: Organization, key: str) -> InstrumentEntry | None:
    wanted = key.strip().lower()
    for entry in instruments_for(org=org):
        if entry.instrument.key == wanted:
            return entry
    return None


def instrument_history(*, org: Organization, key: str) -> QuerySet[InstrumentVersion]:
    return InstrumentVersion.objects.filter(org=org, key=key).select_related("created_by")


def administration_get(*, org: Organization, uuid: str) -> Administration | None:
    return (
        Administration.objects.filter(org=org, uuid=uuid)
        .select_related("instrument", "engagement", "team", "subject__user", "baseline")
        .first()
    )


def administrations_for(*, member: Membership) -> list[Administration]:
    """Administrations the member may see, newest first (at most MAX_LISTED), in a constant
    number of queries."""
    found = Administration.objects.filter(org=member.org).select_related("instrument", "engagement")
    if not member.is_admin:
        found = found.filter(
            Q(created_by=member)
            | Q(respondents__member=member)
            | Q(engagement__participants__member=member)
        ).distinct()
    mine = Respondent.objects.filter(administration=OuterRef("pk"), member=member)
    rows = list(
        found.annotate(caller_responds=Exists(mine)).prefetch_related("engagement__participants")[
            :MAX_LISTED
        ]
    )
    for row in rows:
        row.responds_cache = {member.pk: row.caller_responds}  # type: ignore[attr-defined]
    return [a for a in rows if policy.allows(member, "administration.view", a)]


def respondents_of(*, member: Membership) -> QuerySet[Respondent]:
    """The member's own invitations, answered or not, newest first."""
    return (
        Respondent.objects.filter(member=member)
        .select_related("administration__instrument")
        .order_by("-administration__created_at", "-id")[:MAX_LISTED]
    )


@dataclass(frozen=True)
class Mine:
    respondent: Respondent
    score: Score | None
    change: Change | None


@dataclass(frozen=True)
class Results:
    instrument: Instrument
    invited: int | None  # None for an audience that sees only its own answers
    answered: int | None
    aggregate: Aggregate | None
    group_change: GroupChange | None
    withheld: str  # why there is no aggregate, for an audience that may see one
    mine: Mine | None
    may_see_aggregate: bool


def _scores(instrument: Instrument, respondents: list[Respondent]) -> list[Score]:
    return [score(instrument, r.answers) for r in respondents if r.has_answered]


def _who(respondent: Respondent) -> str:
    return f"m{respondent.member_id}" if respondent.member_id else f"e{respondent.email.lower()}"


def results_for(*, member: Membership, administration: Administration) -> Results:
    """What this member may see of an administration's results."""
    instrument = instrument_of(administration.instrument)
    rows = list(administration.respondents.all())
    answered = [r for r in rows if r.has_answered]
    baseline_rows: list[Respondent] = []
    before_instrument = instrument
    if administration.baseline is not None:
        before_instrument = instrument_of(administration.baseline.instrument)
        baseline_rows = [r for r in administration.baseline.respondents.all() if r.has_answered]
    figures = (
        baseline_figures(before_instrument, _scores(before_instrument, baseline_rows))
        if baseline_rows
        else None
    )
    mine = None
    own = next((r for r in rows if r.member_id == member.pk), None)
    if own is not None:
        own_score = score(instrument, own.answers) if own.has_answered else None
        own_change = None
        before = next((r for r in baseline_rows if r.member_id == member.pk), None)
        if own_score is not None and before is not None:
            sd, reliability = figures if figures else (None, None)
            pre = score(before_instrument, before.answers).total
            own_change = change(instrument, pre, own_score.total, sd=sd, reliability=reliability)
        mine = Mine(own, own_score, own_change)
    may_see = policy.allows(member, "administration.results", administration)
    result_aggregate = None
    result_change = None
    withheld = ""
    if may_see:
        if administration.is_open:
            withheld = str(WITHHELD_OPEN)
        elif len(answered) < instrument.threshold:
            withheld = WITHHELD_FEW.format(threshold=instrument.threshold)
        else:
            result_aggregate = aggregate(instrument, _scores(instrument, answered))
            if (
                baseline_rows
                and administration.baseline is not None
                and not administration.baseline.is_open
            ):
                before_by_who = {_who(r): r for r in baseline_rows}
                pairs = [
                    (
                        score(before_instrument, before_by_who[_who(r)].answers),
                        score(instrument, r.answers),
                    )
                    for r in answered
                    if _who(r) in before_by_who
                ]
                sd, reliability = figures if figures else (None, None)
                result_change = group_change(instrument, pairs, sd=sd, reliability=reliability)
    else:
        withheld = str(WITHHELD_AUDIENCE)
    shows_counts = may_see or policy.allows(member, "administration.manage", administration)
    return Results(
        instrument=instrument,
        invited=len(rows) if shows_counts else None,
        answered=len(answered) if shows_counts else None,
        aggregate=result_aggregate,
        group_change=result_change,
        withheld=withheld,
        mine=mine,
        may_see_aggregate=may_see,
    )
