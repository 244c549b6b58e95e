"""Programs in the API: the templates, programs with their funnel (counts only), enrolment by
email (all or nobody), and an enrolled person choosing a coach from the pool."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.datafiles import DataFileError
from trellis.core.programs import ProgramTemplate, parse_template
from trellis.frameworks.services import problems_by_path
from trellis.programs import chemistry, selectors, services
from trellis.programs.models import Program

router = Router(tags=["programs"])

UNKNOWN_EMAIL = _("{email} is not a coachee in this organization.")


class ProgramTemplateOut(Schema):
    key: str
    name: str
    version: int
    builtin: bool
    purpose: str
    kind: str
    frameworks: list[str]
    coach_assignment: str
    sessions: int
    every: str
    minutes: int


class ProgramTemplateIn(Schema):
    text: str = Field(max_length=2_000_000, description="The template's TOML")
    filename: str = Field("upload.toml", max_length=200)


class ProgramTemplateImportOut(Schema):
    created: bool
    template: ProgramTemplateOut


class PoolCoachOut(Schema):
    coach: str = Field(description="The coach's membership id (pass it to choose them)")
    name: str
    profile: str
    capacity: int
    free: int


class ProgramOut(Schema):
    slug: str
    name: str
    template: str
    template_version: int
    starts_on: date
    ends_on: date
    people: int
    funnel: dict[str, int] | None = Field(
        description="How many of the cohort are invited, accepted, active, stalled, ended: for the "
        "admins who run the program; null for others (docs/confidentiality.md)"
    )


class ProgramDetailOut(ProgramOut):
    pool: list[PoolCoachOut]
    my_coach: str | None = Field(description="Your coach's membership id, if you are enrolled")


class ProgramIn(Schema):
    template: str = Field(max_length=60)
    name: str = Field("", max_length=120)
    starts_on: date
    coaches: list[str] = Field(
        default_factory=list, max_length=200, description="Pool coaches' emails"
    )
    capacity: int = Field(5, ge=1, le=200)


CHEMISTRY_START = _(
    "Pick one of the coach's free 20-minute times ({slots}) and send it as chemistry_start."
)


class EnrolIn(Schema):
    emails: list[str] = Field(min_length=1, max_length=10_000)


class EnrolOut(Schema):
    enrolled: int


class ChooseIn(Schema):
    coach: str = Field(max_length=64, description="A pool coach's membership id")
    chemistry_first: bool = Field(
        False,
        description=(
            "Book a 20-minute chemistry conversation with this coach instead of choosing now"
            " (needs chemistry_start; the same booking as POST .../chemistry)"
        ),
    )
    chemistry_start: datetime | None = Field(
        None,
        description="With chemistry_first: one of the coach's free slots (GET .../chemistry/{coach}/slots)",
    )


class ChooseOut(Schema):
    engagement: str | None
    chemistry_requested_at: datetime | None
    chemistry_start: datetime | None = None
    chemistry_end: datetime | None = None


def template_out(template: ProgramTemplate, version: int | None) -> dict[str, object]:
    return {
        "key": template.key,
        "name": template.name,
        "version": version or template.version,
        "builtin": version is None,
        "purpose": template.purpose,
        "kind": template.kind,
        "frameworks": list(template.frameworks),
        "coach_assignment": template.coach_assignment,
        "sessions": template.sessions.count,
        "every": template.sessions.every,
        "minutes": template.sessions.minutes,
    }


def program_out(program: Program, *, manages: bool) -> dict[str, object]:
    """A program as the API shows it; its funnel only to those who run it (counts over a small
    cohort say where colleagues are)."""
    rows = selectors.cohort_rows(program=program)
    return {
        "slug": program.slug,
        "name": program.name,
        "template": program.template_key,
        "template_version": program.template_version,
        "starts_on": program.starts_on,
        "ends_on": program.plan.ends_on,
        "people": len(rows),
        "funnel": selectors.funnel(rows) if manages else None,
    }


def _program(member: Membership, slug: str) -> Program:
    program = selectors.program_get(member=member, slug=slug)
    if program is None:
        raise Http404
    policy.require(member, "program.view", program)
    return program


@router.get(
    "/templates",
    response=page_of(ProgramTemplateOut),
    summary="Program templates: the built-in ones and the organization's own (admins)",
)
def program_template_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "program.manage")
    return paginate(services.templates_for(org=member.org), page, lambda t: template_out(*t))


@router.post(
    "/templates",
    response={200: ProgramTemplateImportOut, 201: ProgramTemplateImportOut},
    summary="Import the organization's own program template (admins); the same text is a no-op",
)
def program_template_import(
    request: HttpRequest, payload: ProgramTemplateIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "program.manage")
    try:
        row, created = services.template_import(
            org=member.org, text=payload.text, source=payload.filename, actor=member
        )
    except DataFileError as exc:
        raise ValidationError(problems_by_path(exc.problems, "text")) from exc
    template = parse_template(row.text, payload.filename)
    out = {"created": created, "template": template_out(template, row.version)}
    return Status(201 if created else 200, out)


@router.get(
    "",
    response=page_of(ProgramOut),
    summary="Programs you run, coach in or are enrolled in (the funnel's counts: admins)",
)
def program_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "program.list")
    return paginate(
        selectors.programs_for(member=member),
        page,
        lambda p: program_out(p, manages=policy.allows(member, "program.manage", p)),
    )


@router.post("", response={201: ProgramOut}, summary="Start a program from a template (admins)")
def program_create(request: HttpRequest, payload: ProgramIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "program.manage")
    coaches = list(
        Membership.objects.filter(
            org=member.org, user__email__in=[e.lower() for e in payload.coaches]
        ).select_related("user")
    )
    missing = {e.lower() for e in payload.coaches} - {c.user.email.lower() for c in coaches}
    if missing:
        raise ValidationError({"coaches": [UNKNOWN_EMAIL.format(email=e) for e in sorted(missing)]})
    program = services.program_create(
        actor=member,
        template_key=payload.template,
        name=payload.name,
        starts_on=payload.starts_on,
        pool=[services.PoolPlace(c, payload.capacity) for c in coaches],
    )
    return Status(201, program_out(program, manages=True))


@router.get("/{slug}", response=ProgramDetailOut, summary="One program: funnel and coach pool")
def program_detail(request: HttpRequest, slug: str) -> dict[str, object]:
    member = member_of(request)
    program = _program(member, slug)
    mine = selectors.enrolment_of(member=member, program=program)
    coach = mine.engagement.coach if mine and mine.engagement else None
    return {
        **program_out(program, manages=policy.allows(member, "program.manage", program)),
        "pool": [
            {
                "coach": str(entry.place.coach.uuid),
                "name": str(entry.place.coach.user),
                "profile": entry.place.profile,
                "capacity": entry.place.capacity,
                "free": entry.free,
            }
            for entry in selectors.pool_of(program=program)
        ],
        "my_coach": str(coach.uuid) if coach else None,
    }


@router.post(
    "/{slug}/enrolments",
    response={201: EnrolOut},
    summary="Enrol coachees by email, all or nobody (admins)",
)
def program_enrol(request: HttpRequest, slug: str, payload: EnrolIn) -> Status[dict[str, int]]:
    member = member_of(request)
    program = _program(member, slug)
    policy.require(member, "program.manage", program)
    wanted = [e.strip().lower() for e in payload.emails]
    found = {
        m.user.email.lower(): m
        for m in Membership.objects.filter(org=member.org, user__email__in=wanted).select_related(
            "user"
        )
    }
    errors = [
        UNKNOWN_EMAIL.format(email=e) for e in wanted if e not in found or not found[e].is_coachee
    ]
    if errors:
        raise ValidationError({"emails": errors[:100]})
    people = list({found[e].pk: found[e] for e in wanted}.values())
    enrolled = services.program_enrol(actor=member, program=program, members=people)
    return Status(201, {"enrolled": len(enrolled)})


@router.post(
    "/{slug}/choose",
    response=ChooseOut,
    summary="Choose your coach from the pool, or ask one for a chemistry conversation first",
)
def program_choose(request: HttpRequest, slug: str, payload: ChooseIn) -> dict[str, object]:
    member = member_of(request)
    program = _program(member, slug)
    enrolment = selectors.enrolment_of(member=member, program=program)
    if enrolment is None:
        raise Http404
    coach = next(
        (
            e.place.coach
            for e in selectors.pool_of(program=program)
            if str(e.place.coach.uuid) == payload.coach
        ),
        None,
    )
    if coach is None:
        raise ValidationError({"coach": [services.NOT_IN_POOL.format(name=payload.coach)]})
    if payload.chemistry_first:
        # the browser's booking: the coach's free place and slot taken under lock, an invitation
        # (.ics) to both, on both calendars; choosing comes after the conversation
        if payload.chemistry_start is None:
            slots = f"GET /api/v1/programs/{program.slug}/chemistry/{coach.uuid}/slots"
            raise ValidationError({"chemistry_start": [CHEMISTRY_START.format(slots=slots)]})
        enrolment = chemistry.chemistry_book(
            actor=member, enrolment=enrolment, coach=coach, start=payload.chemistry_start
        )
        booking = chemistry.chemistry_of(enrolment)
        assert booking is not None
        return {
            "engagement": None,
            "chemistry_requested_at": enrolment.chemistry_requested_at,
            "chemistry_start": booking.start,
            "chemistry_end": booking.end,
        }
    engagement = services.enrolment_choose_coach(actor=member, enrolment=enrolment, coach=coach)
    return {"engagement": str(engagement.uuid), "chemistry_requested_at": None}
