"""Program pages: the list, a new program, templates, a program's cohort (counts and attendance,
never content), enrolment, and an enrolled person's own place (choose a coach, chemistry)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.core.datafiles import DataFileError
from trellis.programs import selectors, services, track_views
from trellis.programs.forms import EnrolForm, ProgramForm, TemplateUploadForm
from trellis.programs.models import Program


def _program(request: HttpRequest, slug: str, action: str = "program.view") -> Program:
    member = request.member  # type: ignore[attr-defined]
    program = selectors.program_get(member=member, slug=slug)
    if program is None:
        raise Http404
    policy.require(member, action, program)
    return program


def _template_choices(org: object) -> list[tuple[str, str]]:
    return [(t.key, t.name) for t, _ in services.templates_for(org=org)]  # type: ignore[arg-type]


@org_view("program.list")
def program_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = None
    if policy.allows(member, "program.manage"):
        form = ProgramForm(org=member.org, templates=_template_choices(member.org))
    context = {"programs": selectors.programs_for(member=member), "form": form}
    return render(request, "programs/list.html", context)


@org_view("program.manage")
def program_new(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = ProgramForm(
        request.POST or None, org=member.org, templates=_template_choices(member.org)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pool = [services.PoolPlace(coach, data["capacity"]) for coach in data["coaches"]]
        try:
            program = services.program_create(
                actor=member,
                template_key=data["template"],
                name=data["name"],
                starts_on=data["starts_on"],
                pool=pool,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                gettext("%(name)s is ready: enrol its people next.") % {"name": program.name},
            )
            return redirect("programs:enrol", slug=member.org.slug, program=program.slug)
    status = 400 if form.errors else 200
    return render(request, "programs/new.html", {"form": form}, status=status)


@org_view("program.manage")
def template_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            row, created = services.template_import(
                org=member.org,
                text=form.cleaned_data["file"],
                source=form.filename,  # type: ignore[attr-defined]
                actor=member,
            )
        except DataFileError as exc:
            problems = exc.messages()
        else:
            said = (
                gettext("%(name)s is stored as version %(version)s.")
                if created
                else gettext("%(name)s is unchanged at version %(version)s.")
            )
            messages.success(request, said % {"name": row.name, "version": row.version})
            return redirect("programs:templates", slug=member.org.slug)
    context = {
        "templates": services.templates_for(org=member.org),
        "form": form,
        "problems": problems,
    }
    status = 400 if problems or form.errors else 200
    return render(request, "programs/templates.html", context, status=status)


@org_view("program.list")
def program_detail(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    rows = selectors.cohort_rows(program=found)
    manages = policy.allows(member, "program.manage", found)
    mine = selectors.enrolment_of(member=member, program=found)
    # A pool coach sees the people they coach in it; an admin sees everyone (stage and dates).
    visible = rows if manages else [r for r in rows if r.coach and r.coach.pk == member.pk]
    context = {
        "program": found,
        "template": found.template,
        "funnel": selectors.funnel(rows) if manages else None,  # counts: for who runs it
        "rows": visible,
        "manages": manages,
        "mine": mine,
        "pool": selectors.pool_of(program=found),
        "sessions": selectors.next_sessions(program=found) if manages else [],
        "instruments": selectors.instruments_of(program=found) if manages else [],
        "plan": found.plan,
        "insight": track_views.insight_offer(program=found, enrolment=mine),
    }
    return render(request, "programs/detail.html", context)


@org_view("program.manage")
def program_enrol(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program, "program.manage")
    form = EnrolForm(request.POST or None, request.FILES or None, org=member.org)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people: list[Membership] = list(data["people"])
        try:
            if data["team"] is not None:
                people += list(
                    data["team"]
                    .members.filter(is_coachee=True, is_active=True)
                    .select_related("user")
                )
            if data["file"]:
                people += services.members_from_csv(
                    org=member.org,
                    data=data["file"],
                    source=form.filename,  # type: ignore[attr-defined]
                )
            unique = list({p.pk: p for p in people}.values())
            enrolled = services.program_enrol(actor=member, program=found, members=unique)
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
                    len(enrolled),
                )
                % {"count": len(enrolled), "name": found.name},
            )
            return redirect("programs:detail", slug=member.org.slug, program=found.slug)
    context = {"program": found, "form": form, "problems": problems}
    status = 400 if problems or form.errors else 200
    return render(request, "programs/enrol.html", context, status=status)


NO_SUCH_COACH = _("Choose one of the program's coaches.")


def _pool_coach(program: Program, coach_uuid: str) -> Membership | None:
    for entry in selectors.pool_of(program=program):
        if str(entry.place.coach.uuid) == coach_uuid:
            return entry.place.coach
    return None


@require_POST
@org_view("program.list")
def enrolment_choose(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    enrolment = selectors.enrolment_of(member=member, program=found)
    if enrolment is None:
        raise Http404
    coach = _pool_coach(found, request.POST.get("coach", ""))
    if coach is None:
        messages.error(request, NO_SUCH_COACH)
        return redirect("programs:detail", slug=member.org.slug, program=found.slug)
    if request.POST.get("chemistry"):  # an older form's button: the booking page takes it
        return redirect(
            "programs:chemistry", slug=member.org.slug, program=found.slug, coach=coach.uuid
        )
    try:
        services.enrolment_choose_coach(actor=member, enrolment=enrolment, coach=coach)
        messages.success(
            request,
            gettext("%(coach)s is your coach: your sessions are scheduled.")
            % {"coach": coach.user},
        )
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    return redirect("programs:detail", slug=member.org.slug, program=found.slug)
