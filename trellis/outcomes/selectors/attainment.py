"""Facts about change in the person: goal attainment (GAS), instrument change, player language."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_noop

from trellis.accounts.models import Membership
from trellis.core.instruments import change as instrument_change
from trellis.core.instruments import score as instrument_score
from trellis.core.outcomes import Fact, Metric
from trellis.engagements.models import Engagement
from trellis.goals.models import Review
from trellis.insights.models import LanguagePreference, WritingSample
from trellis.instruments.models import Administration, Respondent
from trellis.instruments.selectors import instrument_of
from trellis.outcomes.selectors.metrics import VERDICTS
from trellis.outcomes.selectors.rows import _fact, _t_bin, _where


def _gas_facts(
    ids: QuerySet[Engagement, Any], wanted: set[int], by_id: dict[int, dict]
) -> list[Fact]:
    """Each engagement's first and latest review's T-score (one query)."""
    reviews: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for engagement_id, on, t_score in Review.objects.filter(
        engagement_id__in=ids, t_score__isnull=False
    ).values_list("engagement_id", "reviewed_on", "t_score"):
        if engagement_id in wanted:
            reviews[engagement_id].append((on, t_score or 0.0))
    facts = []
    for engagement_id, points in reviews.items():
        e = by_id[engagement_id]
        points.sort()
        (_first_on, first), (last_on, last) = points[0], points[-1]
        person, d = e["coachee_id"], _where(e)
        facts.append(_fact(person, "gas_latest", _t_bin(last), on=last_on, where=d))
        facts.append(_fact(person, "gas_change", "latest", round(last, 1), on=last_on, where=d))
        if len(points) > 1:
            facts.append(_fact(person, "gas_change", "first", round(first, 1), on=last_on, where=d))
            facts.append(
                _fact(person, "gas_change", "change", round(last - first, 1), on=last_on, where=d)
            )
    return facts


def _instrument_facts(
    member: Membership, engagements: list[dict], rows: QuerySet[Engagement]
) -> tuple[list[Fact], list[Metric]]:
    """Pre/post change per instrument for the coachees counted: a closing administration with a
    baseline, each person who answered both (two queries)."""
    person_engagement: dict[int, dict] = {}
    for e in engagements:
        person_engagement.setdefault(e["coachee_id"], e)
    posts = list(
        Administration.objects.filter(org=member.org, baseline__isnull=False).select_related(
            "instrument", "baseline__instrument"
        )
    )
    ids = [a.pk for a in posts] + [a.baseline_id for a in posts if a.baseline_id]
    answers: dict[tuple[int | None, int], tuple[dict, datetime | None]] = {}
    for administration_id, member_id, given, answered_at in Respondent.objects.filter(
        administration_id__in=ids,
        member_id__in=rows.values("coachee_id"),
        answered_at__isnull=False,
    ).values_list("administration_id", "member_id", "answers", "answered_at"):
        answers[(administration_id, member_id)] = (given, answered_at)
    facts: list[Fact] = []
    metrics: dict[str, Metric] = {}
    for post in posts:
        instrument = instrument_of(post.instrument)
        key = f"instrument-{instrument.key}"
        for person, e in person_engagement.items():
            before = answers.get((post.baseline_id, person))
            after = answers.get((post.pk, person))
            if before is None or after is None:
                continue
            try:
                pre = instrument_score(instrument, before[0]).total
                now_score = instrument_score(instrument, after[0]).total
            except Exception:
                continue
            verdict = instrument_change(instrument, pre, now_score).verdict
            on, d = timezone.localdate(after[1] or timezone.now()), _where(e)
            facts.append(_fact(person, key, "pre", round(pre, 2), on=on, where=d))
            facts.append(_fact(person, key, "post", round(now_score, 2), on=on, where=d))
            facts.append(_fact(person, f"{key}-verdict", verdict, on=on, where=d))
        if key not in metrics:
            metrics[key] = Metric(
                key,
                f"{instrument.name}: before and after",
                "mean",
                (("pre", gettext_noop("Before")), ("post", gettext_noop("After"))),
            )
            metrics[f"{key}-verdict"] = Metric(
                f"{key}-verdict", f"{instrument.name}: reliable change", "partition", VERDICTS
            )
    return facts, list(metrics.values())


def _language_facts(
    member: Membership, kind: str, engagements: list[dict], rows: QuerySet[Engagement]
) -> list[Fact]:
    """The player-language share of coachees who turned language insight on and shared their
    trend with a coach (with this coach, for a coach's view): two queries."""
    person_engagement: dict[int, dict] = {}
    for e in engagements:
        person_engagement.setdefault(e["coachee_id"], e)
    shared = LanguagePreference.objects.filter(
        member_id__in=rows.values("coachee_id"),
        language_insight=True,
        trend_shared_with__isnull=False,
    )
    if kind == "coach":
        shared = shared.filter(trend_shared_with=member)
    people = list(shared.values_list("member_id", flat=True))
    sums = (
        WritingSample.objects.filter(member_id__in=people)
        .values("member_id")
        .annotate(player=Sum("player_sentences"), victim=Sum("victim_sentences"))
    )
    facts = []
    for row in sums:
        total = (row["player"] or 0) + (row["victim"] or 0)
        if total:
            owner = person_engagement.get(row["member_id"])
            if owner is None:
                continue
            share = round(100 * row["player"] / total, 1)
            facts.append(_fact(row["member_id"], "language", "share", share, where=_where(owner)))
    return facts
