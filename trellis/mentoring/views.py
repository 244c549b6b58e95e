"""Mentoring pages: the program page (a participant's enrolment, pairs and suggestions; the
admin's run, review, publication and health), enrolling people, and the CSV of program health."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Team
from trellis.core.datafiles import DataFileError
from trellis.core.spreadsheet import csv_bytes
from trellis.programs.models import Program

from . import health, selfmatch, services
from .forms import MentoringSetupForm
from .models import Enrolment, MentoringProgram, Pair
from .questions import TYPES


def _program(request: HttpRequest, slug: str) -> Program:
    member = request.member  # type: ignore[attr-defined]
    program = (
        Program.objects.filter(org=member.org, slug=slug, mentoring__isnull=False)
        .select_related("mentoring", "org")
        .first()
    )
    if program is None:
        raise Http404
    return program


def _with_values(questions: list[dict[str, Any]], values: Any) -> list[dict[str, Any]]:
    """The form's questions, each with what was typed (or stored) in it, so a refused form keeps
    it and a stored answer can be changed; lists shown separated by "; "."""
    shown = []
    for q in questions:
        if hasattr(values, "getlist"):
            given = values.getlist(q["name"])
            value: Any = "; ".join(given) if len(given) > 1 else (given[0] if given else "")
        else:
            value = values.get(q["name"], "")
            value = "; ".join(value) if isinstance(value, list) else str(value or "")
        shown.append({**q, "value": value})
    return shown


def _posted_answers(request: HttpRequest, setup: MentoringProgram) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for q in setup.questions:
        values = request.POST.getlist(q["name"])
        raw[q["name"]] = (
            values if q["type"] == "list" and len(values) > 1 else (values[0] if values else "")
        )
    return raw


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _back(request: HttpRequest, program: Program) -> HttpResponse:
    return redirect("mentoring:program", slug=program.org.slug, program=program.slug)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for errors in exc.message_dict.values():
        for error in errors:
            messages.error(request, error)


@org_view("mentoring.enrol")
def program_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    programs = Program.objects.filter(org=member.org, mentoring__isnull=False).select_related(
        "mentoring"
    )
    return render(
        request,
        "mentoring/list.html",
        {"programs": programs, "manages": policy.allows(member, "mentoring.manage")},
    )


def _refused_on(form: MentoringSetupForm, exc: ValidationError) -> None:
    """The service's refusals under the field they name (the rest above the form)."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@org_view("mentoring.manage")
def setup_new(request: HttpRequest) -> HttpResponse:
    """The admin sets up a new peer or mentoring program: name, start, kind, mode, rules."""
    member = request.member  # type: ignore[attr-defined]
    posted = request.POST if request.method == "POST" else None
    form = MentoringSetupForm(posted, org=member.org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.mentoring_program_create(
                actor=member,
                name=data["name"],
                kind=data["kind"],
                mode=data["mode"],
                starts_on=data["starts_on"],
                rules_text=data["rules_text"],
                circle_size=data["circle_size"],
                facilitator=data["facilitator"],
            )
        except ValidationError as exc:
            _refused_on(form, exc)
        else:
            messages.success(
                request, gettext("%(name)s is set up: people can enrol now.") % {"name": made.name}
            )
            return _back(request, made)
    status = 400 if form.errors else 200
    return render(request, "mentoring/setup.html", {"form": form, "program": None}, status=status)


@org_view("mentoring.manage")
def setup_edit(request: HttpRequest, program: str) -> HttpResponse:
    """The admin changes a program's kind, mode, circle size or rules (its form follows them)."""
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    setup = found.mentoring
    initial = {
        "kind": setup.kind,
        "mode": setup.mode,
        "circle_size": setup.circle_size,
        "rules_text": setup.rules_text,
    }
    posted = request.POST if request.method == "POST" else None
    form = MentoringSetupForm(posted, initial=initial, org=member.org, creating=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.mentoring_setup(
                actor=member,
                program=found,
                rules_text=data["rules_text"],
                kind=data["kind"],
                mode=data["mode"],
                circle_size=data["circle_size"],
            )
        except ValidationError as exc:
            _refused_on(form, exc)
        else:
            messages.success(request, gettext("%(name)s: setup saved.") % {"name": found.name})
            return _back(request, found)
    status = 400 if form.errors else 200
    return render(request, "mentoring/setup.html", {"form": form, "program": found}, status=status)


@org_view("mentoring.enrol")
def program_page(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    setup = found.mentoring
    manages = policy.allows(member, "mentoring.manage", found)
    mine = Enrolment.objects.filter(program=found, member=member).first()
    context: dict[str, Any] = {
        "program": found,
        "setup": setup,
        "manages": manages,
        "mine": mine,
        "sides": services.sides_of(setup),
        "questions": setup.questions,
        "my_pairs": selfmatch.my_pairs(member=member, program=found) if mine else [],
        "suggestions": (
            selfmatch.suggestions(member=member, program=found)
            if mine and setup.mode == MentoringProgram.Mode.SELF and mine.status != "matched"
            else []
        ),
        "my_circles": mine.circles.all() if mine else [],
        "answers_missing": services.answers_missing(setup, mine.answers) if mine else [],
        "my_questions": _with_values(setup.questions, mine.answers) if mine else [],
    }
    if manages:
        context.update(
            proposed=Pair.objects.filter(program=found, status__in=["proposed", "banned"])
            .select_related("left__member__user", "right__member__user")
            .order_by("-locked", "status", "-score")[:300],
            health=health.program_health(found),
            unmatched=health.unmatched(found)[:100],
            circles=found.mentoring_circles.prefetch_related("members__member__user"),
        )
    for pair in context["my_pairs"]:
        pair.partner = pair.other(member)
        pair.why = services.explanation_line(pair)
        pair.waiting_for_me = pair.status in ("published", "requested") and not (
            pair.left_yes_at if pair.left.member_id == member.pk else pair.right_yes_at
        )
    if manages:
        context["published"] = health.pair_states(found)[:300]
        for pair in [*context["proposed"], *(p for p, _ in context["published"])]:
            pair.why = services.explanation_line(pair)
    return render(request, "mentoring/program.html", context)


@org_view("mentoring.enrol")
def run_status(request: HttpRequest, program: str) -> HttpResponse:
    """The run's progress (htmx polls it while the worker matches)."""
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    policy.require(member, "mentoring.manage", found)
    return render(
        request, "mentoring/run_status.html", {"program": found, "setup": found.mentoring}
    )


@require_POST
@org_view("mentoring.enrol")
def enrol(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    setup = found.mentoring
    raw = _posted_answers(request, setup)
    try:
        services.enrol(actor=member, program=found, role=request.POST.get("role", ""), answers=raw)
    except ValidationError as exc:
        context = {
            "program": found,
            "setup": setup,
            "sides": services.sides_of(setup),
            "questions": _with_values(setup.questions, request.POST),
            "errors": exc.message_dict,
            "values": request.POST,
        }
        return render(request, "mentoring/enrol_form_page.html", context, status=400)
    messages.success(request, gettext("You are enrolled in %(name)s.") % {"name": found.name})
    return _back(request, found)


@require_POST
@org_view("mentoring.enrol")
def answers(request: HttpRequest, program: str) -> HttpResponse:
    """A person enrolled with their team (or anyone enrolled) gives or changes their answers."""
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    setup = found.mentoring
    mine = Enrolment.objects.filter(program=found, member=member).first()
    try:
        if mine is None:
            raise ValidationError({"program": services.NOT_ENROLLED})
        services.enrolment_answers(
            actor=member, enrolment=mine, answers=_posted_answers(request, setup)
        )
    except ValidationError as exc:
        context = {
            "program": found,
            "setup": setup,
            "sides": [],
            "questions": _with_values(setup.questions, request.POST),
            "errors": exc.message_dict,
            "values": request.POST,
            "action": "answers",
        }
        return render(request, "mentoring/enrol_form_page.html", context, status=400)
    messages.success(request, gettext("Your answers are saved."))
    return _back(request, found)


@org_view("mentoring.manage")
def enrol_people(request: HttpRequest, program: str) -> HttpResponse:
    """The admin enrols a team, or everyone in a CSV (all or nobody, each faulty row named)."""
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    problems: list[str] = []
    teams = Team.objects.filter(org=member.org).order_by("name")
    if request.method == "POST":
        upload = request.FILES.get("file")
        team_id = request.POST.get("team", "")
        try:
            if upload is not None:
                made = services.enrol_csv(
                    actor=member,
                    program=found,
                    data=upload.read(),
                    source=upload.name or "file.csv",
                )
            elif team_id.isdigit() and (team := teams.filter(pk=int(team_id)).first()):
                made = services.enrol_team(
                    actor=member, program=found, team=team, role=request.POST.get("role", "")
                )
            else:
                raise ValidationError({"file": gettext("Choose a team or a CSV file.")})
        except DataFileError as exc:
            problems = exc.messages()
        except ValidationError as exc:
            problems = [m for errors in exc.message_dict.values() for m in errors]
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s person enrolled in %(name)s.",
                    "%(count)s people enrolled in %(name)s.",
                    len(made),
                )
                % {"count": len(made), "name": found.name},
            )
            return _back(request, found)
    context = {
        "program": found,
        "teams": teams,
        "sides": services.sides_of(found.mentoring),
        "questions": found.mentoring.questions,
        "problems": problems,
    }
    return render(request, "mentoring/enrol_people.html", context, status=400 if problems else 200)


@require_POST
@org_view("mentoring.manage")
def run(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    try:
        setup = services.match_request(actor=member, program=found)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if setup.run_state == MentoringProgram.RunState.DONE:
            messages.success(
                request, gettext("The match is proposed: review the pairs, then publish.")
            )
    return _back(request, found)


@require_POST
@org_view("mentoring.manage")
def review(request: HttpRequest, program: str, pair: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    target = Pair.objects.filter(program=found, uuid=pair).first()
    if target is None:
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action == "ban":
            services.pair_ban(actor=member, pair=target)
        elif action in ("lock", "unlock"):
            services.pair_lock(actor=member, pair=target, locked=action == "lock")
        else:
            raise ValidationError({"action": gettext("Choose lock, unlock or ban.")})
    except ValidationError as exc:
        _errors(request, exc)
    return _back(request, found)


@require_POST
@org_view("mentoring.manage")
def publish(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    try:
        count = services.publish(actor=member, program=found)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s pair is told by email; each person says yes.",
                "%(count)s pairs are told by email; each person says yes.",
                count,
            )
            % {"count": count},
        )
    return _back(request, found)


def _pair_of(request: HttpRequest, program: Program, pair: str) -> Pair:
    target = (
        Pair.objects.filter(program=program, uuid=pair)
        .select_related("left__member", "right__member", "program__org")
        .first()
    )
    if target is None:
        raise Http404
    return target


@require_POST
@org_view("mentoring.enrol")
def answer(request: HttpRequest, program: str, pair: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    target = _pair_of(request, found, pair)
    policy.require(member, "mentoring.pair.respond", target)
    yes = request.POST.get("answer") == "yes"
    try:
        services.pair_answer(
            actor=member, pair=target, yes=yes, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request, gettext("Thank you: your answer is recorded.") if yes else gettext("Declined.")
        )
    return _back(request, found)


@require_POST
@org_view("mentoring.enrol")
def end(request: HttpRequest, program: str, pair: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    target = _pair_of(request, found, pair)
    policy.require(member, "mentoring.pair.end", target)
    try:
        services.pair_end(actor=member, pair=target, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, gettext("The relationship has ended."))
    return _back(request, found)


@require_POST
@org_view("mentoring.manage")
def rematch(request: HttpRequest, program: str, enrolment: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    person = Enrolment.objects.filter(program=found, uuid=enrolment).first()
    if person is None:
        raise Http404
    pair = services.rematch(actor=member, enrolment=person)
    if pair is None:
        messages.error(
            request, gettext("No partner is free for %(name)s now.") % {"name": person.member.user}
        )
    else:
        messages.success(
            request, gettext("A new pair is proposed for %(name)s.") % {"name": person.member.user}
        )
    return _back(request, found)


@require_POST
@org_view("mentoring.enrol")
def request_partner(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    wanted = request.POST.get("partner", "")
    partner = (
        Enrolment.objects.filter(program=found, uuid=wanted).first() if _is_uuid(wanted) else None
    )
    if partner is None:
        messages.error(request, gettext("Choose one of your suggestions."))
        return _back(request, found)
    try:
        selfmatch.self_request(actor=member, program=found, partner=partner)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            gettext("%(name)s is asked; they say yes or no.") % {"name": partner.member.user},
        )
    return _back(request, found)


@require_POST
@org_view("mentoring.manage")
def circles(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    try:
        made = selfmatch.circles_form(actor=member, program=found)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s circle proposed; each person accepts their place.",
                "%(count)s circles proposed; each person accepts their place.",
                len(made),
            )
            % {"count": len(made)},
        )
    return _back(request, found)


@org_view("mentoring.health")
def health_csv(request: HttpRequest, program: str) -> HttpResponse:
    found = _program(request, program)
    response = HttpResponse(
        csv_bytes(health.health_rows(found)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-health.csv"'
    return response


__all__ = ["TYPES"]
