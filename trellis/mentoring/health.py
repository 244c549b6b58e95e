"""Program health, for the admin: counts of people and pairs (never content), the reasons pairs
ended early, and the self-efficacy change from the program's instruments (given at enrolment and
at the end), shown only for at least the anonymity threshold of people who answered both."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from trellis.core.outcomes import DEFAULT_THRESHOLD
from trellis.engagements.models import CoachingSession, Engagement
from trellis.programs.models import Program

from .models import Enrolment, Pair

REGULAR_DAYS = 45  # a pair meeting regularly met at least twice, the last time within this
STALLED_DAYS = 45  # an open pair that has not met for this long (or never, since opening)


@dataclass
class Health:
    enrolled: int = 0
    waiting_for_answers: int = 0  # enrolled with their team, not yet answered: not matched yet
    matched: int = 0
    pairs: int = 0
    waiting_for_yes: int = 0
    met_once: int = 0
    meeting_regularly: int = 0
    stalled: int = 0
    ended_early: int = 0
    end_reasons: list[tuple[str, int]] = field(default_factory=list)
    efficacy: dict[str, Any] | None = None
    efficacy_hidden: bool = False


def _meetings(engagement_ids: list[int]) -> dict[int, tuple[int, Any]]:
    rows = (
        CoachingSession.objects.filter(
            engagement_id__in=engagement_ids, status=CoachingSession.Status.FINISHED
        )
        .values("engagement_id")
        .annotate(n=Count("id"), last=Max("started_at"))
    )
    return {r["engagement_id"]: (r["n"], r["last"]) for r in rows}


def pair_states(program: Program) -> list[tuple[Pair, str]]:
    """Each published or ended pair with its state: waiting, met once, regular, stalled, not met,
    ended early, ended."""
    now = timezone.now()
    pairs = list(
        Pair.objects.filter(
            program=program, status__in=["published", "requested", "ended"]
        ).select_related("engagement")
    )
    meetings = _meetings([p.engagement_id for p in pairs if p.engagement_id])
    found = []
    for pair in pairs:
        n, last = meetings.get(pair.engagement_id or 0, (0, None))
        if pair.status == Pair.Status.ENDED:
            state = gettext_noop("ended early") if pair.end_reason else gettext_noop("ended")
        elif pair.engagement_id is None:
            state = gettext_noop("waiting for a yes")
        elif pair.engagement and pair.engagement.status == Engagement.Status.ENDED:
            state = gettext_noop("ended")
        else:
            since = last or pair.published_at or pair.created_at
            if now - since > timedelta(days=STALLED_DAYS):
                state = gettext_noop("stalled")
            elif n >= 2:
                state = gettext_noop("meeting regularly")
            elif n == 1:
                state = gettext_noop("met once")
            else:
                state = gettext_noop("not met yet")
        found.append((pair, state))
    return found


def program_health(program: Program, k: int = DEFAULT_THRESHOLD) -> Health:
    enrolments = Enrolment.objects.filter(program=program).exclude(status="withdrawn")
    states = pair_states(program)
    counts = Counter(state for _, state in states)
    meetings = _meetings([p.engagement_id for p, _ in states if p.engagement_id])
    met = sum(1 for p, _ in states if meetings.get(p.engagement_id or 0, (0, None))[0] >= 1)
    reasons = Counter(p.end_reason for p, s in states if s == "ended early")
    health = Health(
        enrolled=enrolments.count(),
        waiting_for_answers=waiting_for_answers(program),
        matched=enrolments.filter(status="matched").count(),
        pairs=len(states),
        waiting_for_yes=counts["waiting for a yes"],
        met_once=met,
        meeting_regularly=counts["meeting regularly"],
        stalled=counts["stalled"],
        ended_early=counts["ended early"],
        end_reasons=_end_reasons(reasons, k),
    )
    health.efficacy, health.efficacy_hidden = efficacy_change(program, k)
    return health


OTHER_REASONS = gettext_noop("(other reasons)")


def _end_reasons(reasons: Counter[str], k: int) -> list[tuple[str, int]]:
    """Reasons are free text: a reason given by fewer than k pairs is counted, not shown; those
    are counted together, under words in the reader's language."""
    shown = [(reason, n) for reason, n in reasons.most_common() if n >= k]
    others = sum(n for n in reasons.values() if n < k)
    return shown + ([(gettext(OTHER_REASONS), others)] if others else [])


def waiting_for_answers(program: Program) -> int:
    """Enrolled people who have not answered the form's required questions yet (a team's people,
    enrolled by an admin): the match leaves them out until they answer."""
    from .services import answers_missing

    setup = getattr(program, "mentoring", None)
    if setup is None:
        return 0
    rows = Enrolment.objects.filter(program=program, status=Enrolment.Status.ENROLLED)
    return sum(1 for e in rows.only("answers") if answers_missing(setup, e.answers))


def efficacy_change(
    program: Program, k: int = DEFAULT_THRESHOLD
) -> tuple[dict[str, Any] | None, bool]:
    """The self-efficacy change as trellis/efficacy computes it (the one place it is computed:
    the first check, given at each enrolment, against the end one; figures only at the
    instrument's anonymity threshold), in the health's terms: (figures, hidden). `k` is kept for
    callers; the instrument's own threshold decides."""
    from trellis.efficacy.selectors import WITHHELD_NONE
    from trellis.efficacy.selectors import efficacy_change as measured

    found = measured(program=program)
    if found.change is None:
        return None, found.withheld not in ("", WITHHELD_NONE)
    change = found.change
    return {
        "instrument": found.instrument,
        "people": change.n,
        "before": round(change.pre, 2),
        "after": round(change.post, 2),
        "change": round(change.post - change.pre, 2),
    }, False


def unmatched(program: Program) -> list[Enrolment]:
    """Enrolled people with no live pair and no circle: the admin can re-match them."""
    live = Pair.objects.filter(program=program, status__in=["published", "requested", "proposed"])
    busy = set(live.values_list("left_id", flat=True)) | set(
        live.values_list("right_id", flat=True)
    )
    return [
        e
        for e in Enrolment.objects.filter(program=program, status="enrolled")
        .filter(~Q(circles__isnull=False))
        .select_related("member__user")
        if e.pk not in busy
    ]


def health_rows(program: Program) -> list[list[object]]:
    """The health as a CSV: one figure per row (counts only, no names)."""
    h = program_health(program)
    rows: list[list[object]] = [
        ["measure", "value"],
        ["enrolled", h.enrolled],
        ["waiting to give their answers", h.waiting_for_answers],
        ["matched", h.matched],
        ["pairs", h.pairs],
        ["waiting for both to say yes", h.waiting_for_yes],
        ["met at least once", h.met_once],
        ["meeting regularly", h.meeting_regularly],
        ["stalled", h.stalled],
        ["ended early", h.ended_early],
    ]
    rows += [[f"ended early: {reason}", n] for reason, n in h.end_reasons]
    if h.efficacy:
        e = h.efficacy
        rows += [
            [f"{e['instrument']}: people answering before and after", e["people"]],
            [f"{e['instrument']}: mean before", e["before"]],
            [f"{e['instrument']}: mean after", e["after"]],
            [f"{e['instrument']}: change", e["change"]],
        ]
    elif h.efficacy_hidden:
        rows.append(["self-efficacy change", f"hidden: fewer than {DEFAULT_THRESHOLD} answered"])
    return rows
