"""Pages: the coachee's language insight settings and trend, the reflection page, a coachee's trend
for a coach they share it with, and the two live panels (stance for coachees, inclusive wording
for coaches) that htmx fills while someone writes."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.core.charts import line_chart
from trellis.core.language import analyze, default_lexicon, inclusive
from trellis.insights import selectors, services
from trellis.insights.forms import PreferenceForm, ReflectionForm, TextForm

SETTINGS_SAVED = gettext_noop("Your language insight settings are saved.")
REFLECTION_SAVED = gettext_noop("Reflection saved.")
HISTORY_FORGOTTEN = gettext_noop(
    "Your language trend was cleared; your writing itself is untouched."
)
TEXT_TOO_LONG = gettext_noop(
    "This text is too long for live insight; it is still saved as you write it."
)
ENGLISH_ONLY = gettext_noop(
    "Language insight reads English only: it stays off for text in other languages, and while "
    "you use Trellis in another language, until it has word lists for them."
)
INCLUSIVE_ENGLISH_ONLY = gettext_noop(
    "The inclusive wording hint reads English only: it stays off for text in other languages, "
    "and while you use Trellis in another language, until it has word lists for them."
)
INCLUSIVE_LABELS = {
    "gendered": gettext_lazy("Gendered wording"),
    "ableist": gettext_lazy("Ableist idiom"),
    "age": gettext_lazy("Age bias"),
    "other_bias": gettext_lazy("Other bias"),
}


def _member(request: HttpRequest) -> Membership:
    return request.member  # type: ignore[attr-defined]


def trend_chart(trend: selectors.Trend, title: str) -> str:
    return line_chart(trend.points, title=title, y_min=0, y_max=100, unit="%")


def trend_context(coachee: Membership) -> dict[str, Any]:
    trend = selectors.language_trend(member=coachee)
    return {
        "trend": trend,
        "chart": trend_chart(trend, _("Player language: share of sentences, by week")),
    }


@org_view("language.settings")
def settings(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    preference = selectors.preference_of(member=member)
    coaches = selectors.coaches_of(member=member)
    form = PreferenceForm(
        request.POST if request.method == "POST" else None, instance=preference, coaches=coaches
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_update(actor=member, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _(SETTINGS_SAVED))
            return redirect("insights:settings", slug=member.org.slug)
    context = {
        "form": form,
        "preference": preference,
        "samples": list(selectors.writing_samples(member=member, limit=12)),
        "has_coach": coaches.exists(),
        "english": selectors.writes_english(member=member),
        "english_only": _(ENGLISH_ONLY),
        **trend_context(member),
    }
    return render(request, "insights/settings.html", context)


@require_POST
@org_view("language.settings")
def forget(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    services.writing_history_forget(actor=member)
    messages.success(request, _(HISTORY_FORGOTTEN))
    return redirect("insights:settings", slug=member.org.slug)


@org_view("reflection.write")
def reflect(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = ReflectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_create(actor=member, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc.messages)
        else:
            messages.success(request, _(REFLECTION_SAVED))
            return redirect("insights:reflect", slug=member.org.slug)
    context = {
        "form": form,
        "reflections": list(selectors.reflections_of(member=member)),
        "insight_on": selectors.insight_on(member=member),
        "offered": member.org.language_insight_enabled,
        "english": selectors.writes_english(member=member),
    }
    return render(request, "insights/reflect.html", context)


@org_view("org.view")
def member_trend(request: HttpRequest, member_uuid: str) -> HttpResponse:
    member = _member(request)
    coachee = selectors.member_in_org(member=member, uuid=member_uuid)
    if coachee is None or not coachee.is_coachee:
        raise Http404
    policy.require(member, "language.trend.read", selectors.preference_of(member=coachee))
    context = {"coachee": coachee, "mine": coachee.pk == member.pk, **trend_context(coachee)}
    return render(request, "insights/trend.html", context)


@dataclass(frozen=True)
class Piece:
    """A run of the written text: plain, or highlighted with what was noticed in it."""

    text: str
    kind: str = ""  # "" plain; "noticed", "strength" or "both" for the stance; "hint"
    notes: tuple[str, ...] = ()


def pieces(text: str, spans: list[tuple[int, int, str, str]]) -> list[Piece]:
    """Cut text into plain and highlighted runs; overlapping spans join one highlight."""
    out: list[Piece] = []
    position = 0
    regions: list[list[Any]] = []
    for start, end, kind, note in sorted(spans):
        if regions and start < regions[-1][1]:
            region = regions[-1]
            region[1] = max(region[1], end)
            region[2].add(kind)
            region[3].append(note)
        else:
            regions.append([start, end, {kind}, [note]])
    for start, end, kinds, notes in regions:
        if start > position:
            out.append(Piece(text[position:start]))
        kind = kinds.pop() if len(kinds) == 1 else "both"
        out.append(Piece(text[start:end], kind, tuple(dict.fromkeys(notes))))
        position = end
    if position < len(text):
        out.append(Piece(text[position:]))
    return out


KIND = {"victim": "noticed", "player": "strength"}


def _posted_text(request: HttpRequest) -> tuple[str, str]:
    """(text, error): what the panel posted, or why it is not read."""
    form = TextForm(request.POST)
    if not form.is_valid():
        return "", _(TEXT_TOO_LONG)
    return form.cleaned_data["text"], ""


@require_POST
@org_view("org.view")
def stance(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    policy.require(member, "language.insight.use", selectors.preference_of(member=member))
    text, error = _posted_text(request)
    if not error and text.strip() and not selectors.reads_text(member=member, text=text):
        error = _(ENGLISH_ONLY)
    analysis = analyze(text) if text.strip() and not error else None
    context: dict[str, Any] = {"error": error, "analysis": analysis}
    if analysis is not None:
        labels = default_lexicon().categories
        context["pieces"] = pieces(
            text,
            [
                (m.start, m.end, KIND.get(m.stance, "noticed"), m.explanation)
                for m in analysis.markers
            ],
        )
        context["noticed"] = [
            {"marker": m, "label": labels[m.category].label}
            for m in analysis.markers
            if m.stance == "victim"
        ]
        context["strengths"] = [
            {"marker": m, "label": labels[m.category].label}
            for m in analysis.markers
            if m.stance == "player"
        ]
    return render(request, "insights/_panel.html#insight_result", context)


@require_POST
@org_view("language.inclusive.use")
def inclusive_hint(request: HttpRequest) -> HttpResponse:
    text, error = _posted_text(request)
    if not error and text.strip() and not selectors.reads_text(member=_member(request), text=text):
        error = _(INCLUSIVE_ENGLISH_ONLY)
    findings = inclusive(text) if text.strip() and not error else []
    context = {
        "error": error,
        "findings": [
            {"finding": f, "label": INCLUSIVE_LABELS.get(f.category, f.category)} for f in findings
        ],
        "pieces": pieces(text, [(f.start, f.end, "hint", f.why) for f in findings]),
    }
    return render(request, "insights/_panel.html#inclusive_result", context)
