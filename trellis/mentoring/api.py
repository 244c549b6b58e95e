"""Peer and mentoring programs in the API: the same operations as the program page (enrol,
run, review, publish, answer, end, re-match, self-match, circles, health)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.datafiles import DataFileError
from trellis.programs.models import Program

from . import health, selfmatch, services
from .models import Enrolment, MentoringProgram, Pair

router = Router(tags=["mentoring"])


class MentoringOut(Schema):
    slug: str
    name: str
    kind: str
    mode: str
    questions: list[dict[str, Any]]
    run_state: str
    run_progress: dict[str, Any] | None = Field(description="The run's stage: for admins only")
    enrolled: bool = Field(description="Whether you are enrolled")


class SetupIn(Schema):
    rules_text: str = Field(max_length=200_000, description="The matching rules (TOML)")
    kind: str = Field("mentoring", description="mentoring or peer")
    mode: str = Field("admin", description="admin, self or circles")
    circle_size: int = Field(4, ge=3, le=6)


class MentoringEnrolIn(Schema):
    role: str = Field("", max_length=30, description="A side of the rules (mentor, mentee)")
    answers: dict[str, Any] = Field(description="Answers keyed by question name")


class EnrolmentOut(Schema):
    id: str
    role: str
    status: str
    answers: dict[str, Any]


class CsvIn(Schema):
    text: str = Field(max_length=5_000_000)
    filename: str = Field("enrolments.csv", max_length=200)


class CountOut(Schema):
    count: int


class PairOut(Schema):
    id: str
    left: str
    right: str
    status: str
    locked: bool
    score: float
    why: str
    explanation: list[dict[str, Any]]
    engagement: str | None
    published_at: datetime | None


class PairReviewIn(Schema):
    action: str = Field(description="lock, unlock or ban")


class AnswerIn(Schema):
    yes: bool
    reason: str = Field("", max_length=300)


class PairEndIn(Schema):
    reason: str = Field(max_length=300)


class SuggestionOut(Schema):
    partner: str = Field(description="The partner's enrolment id (pass it to request them)")
    name: str
    score: float
    explanation: list[dict[str, Any]]


class RequestIn(Schema):
    partner: str = Field(max_length=64)


class HealthOut(Schema):
    enrolled: int
    waiting_for_answers: int = Field(
        description="enrolled but not yet answered the required questions (left out of the match)"
    )
    matched: int
    pairs: int
    waiting_for_yes: int
    met_once: int
    meeting_regularly: int
    stalled: int
    ended_early: int
    end_reasons: list[tuple[str, int]]
    efficacy: dict[str, Any] | None
    efficacy_hidden: bool


def _program(member: Membership, slug: str) -> Program:
    program = (
        Program.objects.filter(org=member.org, slug=slug, mentoring__isnull=False)
        .select_related("mentoring", "org")
        .first()
    )
    if program is None:
        raise Http404
    policy.require(member, "mentoring.enrol", program)
    return program


def _out(program: Program, member: Membership) -> dict[str, Any]:
    setup = program.mentoring
    manages = policy.allows(member, "mentoring.manage", program)
    return {
        "slug": program.slug,
        "name": program.name,
        "kind": setup.kind,
        "mode": setup.mode,
        "questions": setup.questions,
        "run_state": setup.run_state,
        "run_progress": setup.run_progress if manages else None,
        "enrolled": Enrolment.objects.filter(program=program, member=member).exists(),
    }


def pair_out(pair: Pair) -> dict[str, Any]:
    return {
        "id": str(pair.uuid),
        "left": str(pair.left.uuid),
        "right": str(pair.right.uuid),
        "status": pair.status,
        "locked": pair.locked,
        "score": pair.score,
        "why": services.explanation_line(pair),
        "explanation": pair.explanation,
        "engagement": str(pair.engagement.uuid) if pair.engagement else None,
        "published_at": pair.published_at,
    }


def _pair(program: Program, pair: str) -> Pair:
    found = (
        Pair.objects.filter(program=program, uuid=pair)
        .select_related("left__member", "right__member", "program__org", "engagement")
        .first()
    )
    if found is None:
        raise Http404
    return found


@router.get("", response=page_of(MentoringOut), summary="Peer and mentoring programs")
def mentoring_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "mentoring.enrol")
    programs = Program.objects.filter(org=member.org, mentoring__isnull=False).select_related(
        "mentoring", "org"
    )
    return paginate(programs, page, lambda p: _out(p, member))


@router.post(
    "/{slug}/setup",
    response={201: MentoringOut},
    summary="Make a program a peer or mentoring program: its rules and form (admins)",
)
def mentoring_setup(request: HttpRequest, slug: str, payload: SetupIn) -> Status[dict[str, Any]]:
    member = member_of(request)
    program = Program.objects.filter(org=member.org, slug=slug).first()
    if program is None:
        raise Http404
    if payload.kind not in MentoringProgram.Kind.values:
        raise ValidationError(
            {
                "kind": gettext("expected one of %(values)s")
                % {"values": ", ".join(MentoringProgram.Kind.values)}
            }
        )
    if payload.mode not in MentoringProgram.Mode.values:
        raise ValidationError(
            {
                "mode": gettext("expected one of %(values)s")
                % {"values": ", ".join(MentoringProgram.Mode.values)}
            }
        )
    services.mentoring_setup(
        actor=member,
        program=program,
        rules_text=payload.rules_text,
        kind=payload.kind,
        mode=payload.mode,
        circle_size=payload.circle_size,
    )
    program.refresh_from_db()
    return Status(201, _out(Program.objects.select_related("mentoring").get(pk=program.pk), member))


@router.get("/{slug}", response=MentoringOut, summary="One peer or mentoring program")
def mentoring_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    member = member_of(request)
    return _out(_program(member, slug), member)


@router.post(
    "/{slug}/enrolments", response={201: EnrolmentOut}, summary="Enrol yourself with your answers"
)
def mentoring_enrol(
    request: HttpRequest, slug: str, payload: MentoringEnrolIn
) -> Status[dict[str, Any]]:
    member = member_of(request)
    program = _program(member, slug)
    e = services.enrol(actor=member, program=program, role=payload.role, answers=payload.answers)
    return Status(
        201, {"id": str(e.uuid), "role": e.role, "status": e.status, "answers": e.answers}
    )


class MentoringTeamIn(Schema):
    team: str = Field(max_length=120, description="The team's name in the organization")
    role: str = Field("", max_length=30, description="A side of the rules (mentor, mentee)")


@router.post(
    "/{slug}/enrolments/team",
    response={201: CountOut},
    summary="Enrol a team's members, who then give their answers (admins)",
)
def mentoring_enrol_team(
    request: HttpRequest, slug: str, payload: MentoringTeamIn
) -> Status[dict[str, int]]:
    from trellis.accounts.models import Team

    member = member_of(request)
    program = _program(member, slug)
    policy.require(member, "mentoring.manage", program)
    team = Team.objects.filter(org=member.org, name=payload.team).first()
    if team is None:
        raise ValidationError(
            {
                "team": [
                    gettext("No team of this organization is named %(name)s.")
                    % {"name": repr(payload.team)}
                ]
            }
        )
    made = services.enrol_team(actor=member, program=program, team=team, role=payload.role)
    return Status(201, {"count": len(made)})


class MentoringAnswersIn(Schema):
    answers: dict[str, Any] = Field(description="Answers keyed by question name (the whole form)")


@router.put(
    "/{slug}/enrolments/{enrolment}/answers",
    response=EnrolmentOut,
    summary="Give or change an enrolment's answers (the person; an admin too)",
)
def mentoring_answers(
    request: HttpRequest, slug: str, enrolment: str, payload: MentoringAnswersIn
) -> dict[str, Any]:
    member = member_of(request)
    program = _program(member, slug)
    person = Enrolment.objects.filter(program=program, uuid=enrolment).first()
    if person is None:
        raise Http404
    e = services.enrolment_answers(actor=member, enrolment=person, answers=payload.answers)
    return {"id": str(e.uuid), "role": e.role, "status": e.status, "answers": e.answers}


@router.post(
    "/{slug}/enrolments/csv",
    response={201: CountOut},
    summary="Enrol everyone a CSV names, all or nobody (admins)",
)
def mentoring_enrol_csv(request: HttpRequest, slug: str, payload: CsvIn) -> Status[dict[str, int]]:
    member = member_of(request)
    program = _program(member, slug)
    try:
        made = services.enrol_csv(
            actor=member, program=program, data=payload.text, source=payload.filename
        )
    except DataFileError as exc:
        raise ValidationError({"text": exc.messages()}) from exc
    return Status(201, {"count": len(made)})


@router.post(
    "/{slug}/run",
    response={202: MentoringOut},
    summary="Run the match (a large program on the worker: poll run_state) (admins)",
)
def mentoring_run(request: HttpRequest, slug: str) -> Status[dict[str, Any]]:
    member = member_of(request)
    program = _program(member, slug)
    services.match_request(actor=member, program=program)
    program.mentoring.refresh_from_db()
    return Status(202, _out(program, member))


@router.get(
    "/{slug}/pairs",
    response=page_of(PairOut),
    summary="Pairs: all of them for admins; your own published or requested ones for others",
)
def mentoring_pairs(request: HttpRequest, slug: str, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    program = _program(member, slug)
    if policy.allows(member, "mentoring.manage", program):
        pairs: Any = (
            Pair.objects.filter(program=program)
            .select_related("left", "right", "engagement")
            .order_by("id")
        )
    else:
        pairs = selfmatch.my_pairs(member=member, program=program)
    return paginate(pairs, page, pair_out)


@router.post(
    "/{slug}/pairs/{pair}/review", response=PairOut, summary="Lock, unlock or ban a pair (admins)"
)
def mentoring_review(
    request: HttpRequest, slug: str, pair: str, payload: PairReviewIn
) -> dict[str, Any]:
    member = member_of(request)
    program = _program(member, slug)
    policy.require(member, "mentoring.manage", program)
    target = _pair(program, pair)
    if payload.action == "ban":
        target = services.pair_ban(actor=member, pair=target)
    elif payload.action in ("lock", "unlock"):
        target = services.pair_lock(actor=member, pair=target, locked=payload.action == "lock")
    else:
        raise ValidationError({"action": gettext("expected lock, unlock or ban")})
    return pair_out(target)


@router.post(
    "/{slug}/publish",
    response=CountOut,
    summary="Publish the proposed pairs: each person is emailed and says yes (admins)",
)
def mentoring_publish(request: HttpRequest, slug: str) -> dict[str, int]:
    member = member_of(request)
    program = _program(member, slug)
    return {"count": services.publish(actor=member, program=program)}


@router.post(
    "/{slug}/pairs/{pair}/answer", response=PairOut, summary="Say yes or no to your own pair"
)
def mentoring_answer(
    request: HttpRequest, slug: str, pair: str, payload: AnswerIn
) -> dict[str, Any]:
    member = member_of(request)
    program = _program(member, slug)
    target = _pair(program, pair)
    done = services.pair_answer(actor=member, pair=target, yes=payload.yes, reason=payload.reason)
    return pair_out(Pair.objects.select_related("left", "right", "engagement").get(pk=done.pk))


@router.post(
    "/{slug}/pairs/{pair}/end", response=PairOut, summary="End a relationship with a reason"
)
def mentoring_end(request: HttpRequest, slug: str, pair: str, payload: PairEndIn) -> dict[str, Any]:
    member = member_of(request)
    program = _program(member, slug)
    done = services.pair_end(actor=member, pair=_pair(program, pair), reason=payload.reason)
    return pair_out(Pair.objects.select_related("left", "right", "engagement").get(pk=done.pk))


@router.post(
    "/{slug}/enrolments/{enrolment}/rematch",
    response={200: PairOut, 204: None},
    summary="Match one person again, earlier partners kept out (admins); 204 when nobody is free",
)
def mentoring_rematch(request: HttpRequest, slug: str, enrolment: str) -> Any:
    member = member_of(request)
    program = _program(member, slug)
    policy.require(member, "mentoring.manage", program)
    person = Enrolment.objects.filter(program=program, uuid=enrolment).first()
    if person is None:
        raise Http404
    pair = services.rematch(actor=member, enrolment=person)
    return pair_out(pair) if pair else Status(204, None)


@router.get(
    "/{slug}/suggestions",
    response=page_of(SuggestionOut),
    summary="Your top self-match suggestions, with why",
)
def mentoring_suggestions(
    request: HttpRequest, slug: str, page: Query[PageQuery]
) -> dict[str, object]:
    member = member_of(request)
    program = _program(member, slug)
    found = selfmatch.suggestions(member=member, program=program)
    return paginate(
        found,
        page,
        lambda s: {
            "partner": str(s.enrolment.uuid),
            "name": str(s.enrolment.member.user),
            "score": s.score,
            "explanation": s.explanation,
        },
    )


@router.post("/{slug}/requests", response={201: PairOut}, summary="Ask a suggested partner")
def mentoring_request(
    request: HttpRequest, slug: str, payload: RequestIn
) -> Status[dict[str, Any]]:
    member = member_of(request)
    program = _program(member, slug)
    partner = (
        Enrolment.objects.filter(program=program, uuid=payload.partner).first()
        if _is_uuid(payload.partner)
        else None
    )
    if partner is None:
        raise ValidationError({"partner": gettext("expected one of your suggestions")})
    pair = selfmatch.self_request(actor=member, program=program, partner=partner)
    return Status(201, pair_out(pair))


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@router.post(
    "/{slug}/circles", response={201: CountOut}, summary="Form peer circles of 3 to 6 (admins)"
)
def mentoring_circles(request: HttpRequest, slug: str) -> Status[dict[str, int]]:
    member = member_of(request)
    program = _program(member, slug)
    return Status(201, {"count": len(selfmatch.circles_form(actor=member, program=program))})


@router.get("/{slug}/health", response=HealthOut, summary="Program health, counts only (admins)")
def mentoring_health(request: HttpRequest, slug: str) -> dict[str, Any]:
    member = member_of(request)
    program = _program(member, slug)
    policy.require(member, "mentoring.health", program)
    return health.program_health(program).__dict__
