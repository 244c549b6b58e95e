"""Language insight under /api/v1/insights: a coachee's own settings, trend and reflections, the
stance of a text for a coachee who opted in, inclusive wording for coaches, and a coachee's trend
for a coach they share it with. Refused (403) when the organization switched the feature off."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop
from ninja import Query, Router, Schema, Status
from pydantic import Field

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.language import analyze, default_lexicon, inclusive
from trellis.insights import selectors, services
from trellis.insights.forms import MAX_TEXT
from trellis.insights.views import ENGLISH_ONLY, INCLUSIVE_ENGLISH_ONLY, INCLUSIVE_LABELS

router = Router(tags=["insights"])

TEXT_TOO_LONG = gettext_noop("Send at most %(limit)s characters; got %(length)s.")


class CoachOut(Schema):
    id: UUID
    name: str


class LanguageSettingsOut(Schema):
    language_insight: bool = Field(description="Insight where you write (off until you turn it on)")
    trend_shared_with: CoachOut | None = Field(
        description="The one coach, by name, who may see your trend; null for nobody"
    )


class LanguageSettingsIn(Schema):
    language_insight: bool
    trend_shared_with: UUID | None = Field(
        default=None,
        description="The member id of a coach who coaches you now; null to share with nobody",
    )


class WeekOut(Schema):
    week: date = Field(description="The Monday of the week, in the coachee's time zone")
    player_sentences: int
    victim_sentences: int
    pieces: int = Field(description="Pieces of writing counted that week")
    player_share: float | None = Field(description="0-1; None when no sentence took a stance")


class TrendOut(Schema):
    member_id: UUID
    player_share: float | None = Field(description="Over every week, 0-1")
    weeks: list[WeekOut]


class TextIn(Schema):
    text: str


class MarkerOut(Schema):
    text: str
    start: int
    end: int
    category: str
    category_label: str
    stance: str = Field(description="The stance these words take: victim or player")
    explanation: str


class SentenceOut(Schema):
    text: str
    start: int
    end: int
    stance: str
    mixed: bool
    score: float


class AnalysisOut(Schema):
    stance: str = Field(description="victim, player or neutral: of the text, never of a person")
    mixed: bool
    score: float = Field(description="-1 (victim language) to +1 (player language)")
    markers: list[MarkerOut]
    sentences: list[SentenceOut]
    reflection: str = Field(description="One reflective question that fits the words noticed")
    abstained: bool = Field(
        description="True when a victim reading was held back as unsure: nothing victim is shown"
    )
    whole_text: bool = Field(
        False,
        description=(
            "True when the text reads as player language from the whole of it (the second"
            " reader) rather than from words: no markers are shown for it"
        ),
    )


class FindingOut(Schema):
    text: str
    start: int
    end: int
    category: str
    category_label: str
    term: str
    why: str
    alternatives: list[str]


class InclusiveOut(Schema):
    findings: list[FindingOut]


class ReflectionIn(Schema):
    text: str


class ReflectionOut(Schema):
    id: UUID
    text: str
    created_at: datetime


def _text(payload: TextIn, member: Membership, english_only: str = ENGLISH_ONLY) -> str:
    """The text to read; refused when too long, or when it is not English (the lexicons read
    English only, so nothing is read or kept for other languages)."""
    if len(payload.text) > MAX_TEXT:
        sizes = {
            "limit": number_format(MAX_TEXT, force_grouping=True),
            "length": number_format(len(payload.text), force_grouping=True),
        }
        raise ValidationError({"text": gettext(TEXT_TOO_LONG) % sizes})
    if payload.text.strip() and not selectors.reads_text(member=member, text=payload.text):
        raise ValidationError({"text": gettext(english_only)})
    return payload.text


def _settings_out(member: Membership) -> dict[str, Any]:
    preference = selectors.preference_of(member=member)
    coach = preference.trend_shared_with
    return {
        "language_insight": preference.language_insight,
        "trend_shared_with": {"id": coach.uuid, "name": coach.user.display_name} if coach else None,
    }


def _trend_out(member: Membership) -> dict[str, Any]:
    trend = selectors.language_trend(member=member)
    return {
        "member_id": member.uuid,
        "player_share": trend.share,
        "weeks": [
            {
                "week": w.starts_on,
                "player_sentences": w.player,
                "victim_sentences": w.victim,
                "pieces": w.pieces,
                "player_share": w.share,
            }
            for w in trend.weeks
        ],
    }


@router.get(
    "/language/settings", response=LanguageSettingsOut, summary="Your language insight settings"
)
def settings_read(request: HttpRequest) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "language.settings")
    return _settings_out(member)


@router.put("/language/settings", response=LanguageSettingsOut, summary="Change your settings")
def settings_update(request: HttpRequest, payload: LanguageSettingsIn) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "language.settings")
    coach = None
    if payload.trend_shared_with is not None:
        coach = selectors.coaches_of(member=member).filter(uuid=payload.trend_shared_with).first()
        if coach is None:
            raise ValidationError({"trend_shared_with": gettext(services.NOT_YOUR_COACH)})
    services.preference_update(
        actor=member, language_insight=payload.language_insight, trend_shared_with=coach
    )
    return _settings_out(member)


@router.get("/language/trend", response=TrendOut, summary="Your player-language share by week")
def trend_mine(request: HttpRequest) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "language.settings")
    return _trend_out(member)


@router.get(
    "/language/trend/{member_id}",
    response=TrendOut,
    summary="A coachee's trend: theirs, or their coach's when they share it",
)
def trend_of(request: HttpRequest, member_id: UUID) -> dict[str, Any]:
    member = member_of(request)
    coachee = selectors.member_in_org(member=member, uuid=member_id)
    if coachee is None or not coachee.is_coachee:
        raise Http404
    policy.require(member, "language.trend.read", selectors.preference_of(member=coachee))
    return _trend_out(coachee)


@router.post(
    "/language/analyze",
    response=AnalysisOut,
    summary="The stance of a text, the words noticed and a reflective question (opted-in coachees)",
)
def language_analyze(request: HttpRequest, payload: TextIn) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "language.insight.use", selectors.preference_of(member=member))
    analysis = analyze(_text(payload, member))
    labels = default_lexicon().categories
    return {
        **analysis.to_dict(),
        "markers": [
            {**m.__dict__, "category_label": labels[m.category].label} for m in analysis.markers
        ],
    }


@router.post(
    "/language/inclusive",
    response=InclusiveOut,
    summary="Wording that may exclude or stereotype, with alternatives (coaches)",
)
def language_inclusive(request: HttpRequest, payload: TextIn) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "language.inclusive.use")
    return {
        "findings": [
            {**f.to_dict(), "category_label": str(INCLUSIVE_LABELS.get(f.category, f.category))}
            for f in inclusive(_text(payload, member, INCLUSIVE_ENGLISH_ONLY))
        ]
    }


@router.get(
    "/reflections", response=page_of(ReflectionOut), summary="Your reflections, newest first"
)
def reflections_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    member = member_of(request)
    policy.require(member, "reflection.write")
    return paginate(
        selectors.reflections_of(member=member, limit=None),
        page,
        lambda r: {"id": r.uuid, "text": r.text, "created_at": r.created_at},
    )


@router.post("/reflections", response={201: ReflectionOut}, summary="Write a reflection")
def reflection_create(request: HttpRequest, payload: ReflectionIn) -> Status[dict[str, Any]]:
    member = member_of(request)
    policy.require(member, "reflection.write")
    reflection = services.reflection_create(actor=member, text=payload.text)
    return Status(
        201, {"id": reflection.uuid, "text": reflection.text, "created_at": reflection.created_at}
    )
