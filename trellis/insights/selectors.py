"""Reads for language insight: preferences, whether the insight is on, trends and reflections."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from trellis.accounts.kept_sql import kept_rows
from trellis.accounts.models import Membership
from trellis.core.language.english import looks_english, reads_language
from trellis.engagements.models import GRANTING_STATUSES, Engagement
from trellis.insights.models import LanguagePreference, Reflection, WritingSample


def preference_of(*, member: Membership) -> LanguagePreference:
    """The member's preferences; an unsaved one with everything off when they never chose."""
    rows = kept_rows("insights: preference", _preference, member_id=member.pk)
    if not rows:
        return LanguagePreference(member=member)
    found: LanguagePreference = rows[0]
    found.member = member  # the policy asks its organization: not read again
    return found


def _preference(member_id: int) -> QuerySet[LanguagePreference]:
    return LanguagePreference.objects.filter(member_id=member_id).order_by("pk")[:1]


def coaches_of(*, member: Membership) -> QuerySet[Membership]:
    """The people who coach the member now (an accepted coach's place in an active or paused
    engagement): the only ones the trend may be shared with."""
    engagements = Engagement.objects.filter(
        coachee=member, status__in=GRANTING_STATUSES
    ).prefetch_related("participants")
    coaches = {
        place.member_id
        for engagement in engagements
        for place in engagement.participant_list()
        if place.relation == "coach" and place.grants and place.is_current
    }
    return (
        Membership.objects.filter(pk__in=coaches, is_active=True)
        .select_related("user")
        .order_by("user__name", "id")
    )


def insight_on(*, member: Membership | None) -> bool:
    """Whether the words a member writes get language insight: a coachee who opted in, in an
    organization that offers it, who writes in English (the only language its lexicons read)."""
    if member is None or not member.is_active or not member.is_coachee:
        return False
    if not member.org.language_insight_enabled or not writes_english(member=member):
        return False
    return preference_of(member=member).language_insight


def writes_english(*, member: Membership) -> bool:
    """Whether the member uses Trellis in English: their own choice, else the request's language
    (their browser's), else the site's. The stance and inclusive lexicons read English only."""
    language = member.user.language or translation.get_language() or settings.LANGUAGE_CODE
    return reads_language(language)


def reads_text(*, member: Membership, text: str) -> bool:
    """Whether the lexicons may read this text of the member's: written in English, by someone
    who uses Trellis in English."""
    return writes_english(member=member) and looks_english(text)


def member_in_org(*, member: Membership, uuid: UUID | str) -> Membership | None:
    return (
        Membership.objects.select_related("user", "org")
        .filter(org=member.org, uuid=uuid, is_active=True)
        .first()
    )


@dataclass(frozen=True)
class Week:
    """One week of a coachee's writing: sentences in player and victim language."""

    starts_on: date  # the Monday, in the coachee's time zone
    player: int
    victim: int
    pieces: int

    @property
    def share(self) -> float | None:
        total = self.player + self.victim
        return None if total == 0 else round(self.player / total, 3)


@dataclass(frozen=True)
class Trend:
    weeks: list[Week]
    player: int
    victim: int

    @property
    def share(self) -> float | None:
        total = self.player + self.victim
        return None if total == 0 else round(self.player / total, 3)

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def points(self) -> list[tuple[date, float]]:
        """(week, percent) for the weeks with any sentence that takes a stance."""
        return [(w.starts_on, w.share * 100) for w in self.weeks if w.share is not None]

    @property
    def first_and_last(self) -> tuple[int, int] | None:
        """The first and the latest weekly percent, when there are two weeks to compare."""
        points = self.points
        if len(points) < 2:
            return None
        return round(points[0][1]), round(points[-1][1])


def language_trend(*, member: Membership, since: date | None = None) -> Trend:
    """The member's writing by week (Monday to Sunday in their own time zone), oldest first."""
    zone = ZoneInfo(member.user.time_zone or "UTC")
    samples = WritingSample.objects.filter(member=member).order_by("created_at")
    by_week: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for created_at, player, victim in samples.values_list(
        "created_at", "player_sentences", "victim_sentences"
    ):
        day = created_at.astimezone(zone).date()
        if since is not None and day < since:
            continue
        week = by_week[day - timedelta(days=day.weekday())]
        week[0] += player
        week[1] += victim
        week[2] += 1
    weeks = [Week(on, p, v, n) for on, (p, v, n) in sorted(by_week.items())]
    return Trend(weeks, sum(w.player for w in weeks), sum(w.victim for w in weeks))


def writing_samples(*, member: Membership, limit: int = 20) -> QuerySet[WritingSample]:
    return WritingSample.objects.filter(member=member)[:limit]


def reflections_of(*, member: Membership, limit: int | None = 20) -> QuerySet[Reflection]:
    """Newest first; `limit=None` answers them all, for a caller that pages through them (the API)."""
    rows = Reflection.objects.filter(member=member)
    return rows if limit is None else rows[:limit]
