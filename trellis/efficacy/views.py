"""Self-efficacy pages: one's own wins and moods, a program's stories and encouragement notes,
story review, the peer-coach guide and the inclusive-wording hint for whoever writes there."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.core.language import inclusive
from trellis.efficacy import selectors, services
from trellis.efficacy.forms import MoodForm, NoteForm, ReviewForm, StoryForm, WinForm
from trellis.efficacy.selectors import ProgramScope
from trellis.goals.models import Action, CheckIn
from trellis.insights import selectors as insight_selectors
from trellis.insights.views import INCLUSIVE_ENGLISH_ONLY, INCLUSIVE_LABELS, pieces
from trellis.programs.models import Program

MAX_HINT_TEXT = 5000


def _member(request: HttpRequest) -> Membership:
    return request.member  # type: ignore[attr-defined]


def _program(request: HttpRequest, slug: str, action: str) -> tuple[Program, ProgramScope]:
    member = _member(request)
    program = selectors.program_get(member=member, slug=slug)
    if program is None:
        raise Http404
    scope = ProgramScope(program)
    policy.require(member, action, scope)
    return program, scope


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = default
    return redirect(target)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _mine_page(
    request: HttpRequest,
    win_form: WinForm | None = None,
    mood_error: str = "",
    status: int = 200,
) -> HttpResponse:
    member = _member(request)
    context = {
        "wins": selectors.wins_of(member=member)[:50],
        "moods": selectors.moods_of(member=member)[:14],
        "win_form": win_form or WinForm(),
        "mood_levels": MoodForm.base_fields["level"].choices,  # type: ignore[attr-defined]
        "mood_error": mood_error,
        "programs": selectors.programs_of(member=member),
    }
    return render(request, "efficacy/mine.html", context, status=status)


@org_view("efficacy.mine")
def mine(request: HttpRequest) -> HttpResponse:
    return _mine_page(request)


@require_POST
@org_view("efficacy.mine")
def win_add(request: HttpRequest) -> HttpResponse:
    """A refused win comes back on one's own page with the text kept and the field named (400)."""
    member = _member(request)
    form = WinForm(request.POST)
    home = reverse("efficacy:mine", args=[member.org.slug])
    if not form.is_valid():
        return _mine_page(request, win_form=form, status=400)
    action = None
    if form.cleaned_data["action"]:
        action = Action.objects.filter(
            goal__org=member.org, uuid=form.cleaned_data["action"]
        ).first()
    try:
        services.win_add(actor=member, text=form.cleaned_data["text"], action=action)
    except ValidationError as exc:
        form.add_error("text", _errors(exc))
        return _mine_page(request, win_form=form, status=400)
    messages.success(request, gettext("Small win saved on your plan."))
    return _back(request, home)


@require_POST
@org_view("efficacy.mine")
def mood_add(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = MoodForm(request.POST)
    home = reverse("efficacy:mine", args=[member.org.slug])
    if not form.is_valid():
        wrong = "; ".join(
            f"{field}: {' '.join(str(e) for e in errors)}" for field, errors in form.errors.items()
        )
        return _mine_page(request, mood_error=wrong, status=400)
    check_in = None
    if form.cleaned_data["check_in"]:
        check_in = CheckIn.objects.filter(
            action__goal__org=member.org, uuid=form.cleaned_data["check_in"]
        ).first()
    try:
        services.mood_add(actor=member, level=form.cleaned_data["level"], check_in=check_in)
    except ValidationError as exc:
        return _mine_page(request, mood_error=f"level: {_errors(exc)}", status=400)
    messages.success(request, gettext("Noted, for you alone."))
    return _back(request, home)


def _program_context(member: Membership, program: Program, scope: ProgramScope) -> dict[str, Any]:
    participant = "participant" in scope.relations_of(member)
    reviews = policy.allows(member, "efficacy.story.review", scope)
    return {
        "program": program,
        "participant": participant,
        "stories": selectors.stories_for(member=member, program=program),
        "my_stories": selectors.stories_of(member=member, program=program) if participant else [],
        "to_review": list(selectors.stories_to_review(program=program)) if reviews else [],
        "received": selectors.notes_received(member=member, program=program)[:50],
        "sent": selectors.notes_sent(member=member, program=program)[:50],
        "story_form": StoryForm() if participant else None,
        "note_form": NoteForm(peers=selectors.peers_of(member=member, program=program))
        if participant
        else None,
        "review_form": ReviewForm(),
        "change": selectors.efficacy_change(program=program)
        if policy.allows(member, "efficacy.change.read", scope)
        else None,
    }


@org_view("org.view")
def program_page(request: HttpRequest, program: str) -> HttpResponse:
    member = _member(request)
    found, scope = _program(request, program, "efficacy.program.view")
    return render(request, "efficacy/program.html", _program_context(member, found, scope))


def _page_with_errors(
    request: HttpRequest, program: Program, scope: ProgramScope, **forms: Any
) -> HttpResponse:
    context = _program_context(_member(request), program, scope)
    context.update(forms)
    return render(request, "efficacy/program.html", context, status=400)


@require_POST
@org_view("org.view")
def story_add(request: HttpRequest, program: str) -> HttpResponse:
    member = _member(request)
    found, scope = _program(request, program, "efficacy.story.write")
    form = StoryForm(request.POST)
    if form.is_valid():
        try:
            services.story_submit(actor=member, program=found, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Thank you: your story is waiting for review."))
            return redirect("efficacy:program", slug=member.org.slug, program=found.slug)
    return _page_with_errors(request, found, scope, story_form=form)


@require_POST
@org_view("org.view")
def story_review(request: HttpRequest, story: str) -> HttpResponse:
    member = _member(request)
    found = selectors.story_get(member=member, uuid=story)
    if found is None:
        raise Http404
    policy.require(member, "efficacy.story.review", ProgramScope(found.program))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, services.STORY_DECISION)
    else:
        try:
            services.story_review(actor=member, story=found, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            said = (
                pgettext("story", "“%(title)s”: published.")
                if form.cleaned_data["decision"] == "publish"
                else pgettext("story", "“%(title)s”: returned.")
            )
            messages.success(request, said % {"title": found.title})
    return redirect("efficacy:program", slug=member.org.slug, program=found.program.slug)


@require_POST
@org_view("org.view")
def note_send(request: HttpRequest, program: str) -> HttpResponse:
    member = _member(request)
    found, scope = _program(request, program, "efficacy.note.send")
    form = NoteForm(request.POST, peers=selectors.peers_of(member=member, program=found))
    if form.is_valid():
        try:
            services.note_send(actor=member, program=found, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Your note is on its way."))
            return redirect("efficacy:program", slug=member.org.slug, program=found.slug)
    return _page_with_errors(request, found, scope, note_form=form)


@org_view("efficacy.guide")
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "efficacy/guide.html", {})


@require_POST
@org_view("efficacy.hint")
def hint(request: HttpRequest) -> HttpResponse:
    """The inclusive-wording hint (the same checker and result as the coaches' panel), for
    participants writing stories, notes and peer-coaching notes."""
    text = request.POST.get("text", "")
    error = ""
    if len(text) > MAX_HINT_TEXT:
        text, error = (
            "",
            gettext("Only the first %(count)s characters are checked.") % {"count": MAX_HINT_TEXT},
        )
    member = request.member  # type: ignore[attr-defined]
    if not error and text.strip() and not insight_selectors.reads_text(member=member, text=text):
        error = gettext(INCLUSIVE_ENGLISH_ONLY)  # its word lists are English only (insights)
    findings = inclusive(text) if text.strip() and not error else []
    context = {
        "error": error,
        "findings": [
            {"finding": f, "label": INCLUSIVE_LABELS.get(f.category, f.category)} for f in findings
        ],
        "pieces": pieces(text, [(f.start, f.end, "hint", f.why) for f in findings]),
    }
    return render(request, "insights/_panel.html#inclusive_result", context)
