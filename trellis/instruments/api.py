"""Instruments in the API: the catalogue, importing one, administering one, an administration's
results as the caller may see them, answering one's own, reminding and closing."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.accounts.models import Membership, Team
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.instruments import InstrumentError, UnknownInstrumentError
from trellis.engagements.models import Engagement
from trellis.instruments import selectors, services
from trellis.instruments.models import Administration
from trellis.instruments.selectors import InstrumentEntry, Results

router = Router(tags=["instruments"])
administrations_router = Router(tags=["instruments"])

NOT_A_RESPONDENT = _("You are not asked to answer this administration.")


class InstrumentOut(Schema):
    key: str
    name: str
    version: int
    builtin: bool
    respondents: list[str]
    items: int
    anonymity_threshold: int


class InstrumentItemOut(Schema):
    key: str
    text: str
    subscale: str | None
    reverse: bool


class InstrumentBandOut(Schema):
    min: float
    max: float
    label: str
    meaning: str


class InstrumentDetailOut(InstrumentOut):
    measures: str = Field(description="The construct: what the instrument measures")
    description: str
    licence: str
    sources: list[str]
    scoring: str
    scale: list[tuple[int, str]]
    item_list: list[InstrumentItemOut]
    subscales: dict[str, str]
    bands: list[InstrumentBandOut]


class InstrumentIn(Schema):
    text: str = Field(max_length=200_000, description="The instrument's TOML")
    filename: str = Field("upload.toml", max_length=200)


class InstrumentImportOut(Schema):
    created: bool
    instrument: InstrumentOut


class StakeholderIn(Schema):
    email: str = Field(max_length=254)
    name: str = Field("", max_length=150)


class AdministerIn(Schema):
    target: str = Field(description="person, engagement, team or cohort")
    title: str = Field("", max_length=200)
    subject: UUID | None = Field(None, description="The person (target person)")
    engagement: UUID | None = Field(None, description="The engagement (target engagement)")
    team: str | None = Field(None, max_length=120, description="The team's name (target team)")
    cohort: str = Field("", max_length=120, description="The cohort's name (target cohort)")
    cohort_members: list[UUID] = Field(default_factory=list, max_length=1000)
    stakeholders: list[StakeholderIn] = Field(default_factory=list, max_length=50)
    baseline: UUID | None = Field(None, description="An earlier administration (pre/post)")


class AdministrationOut(Schema):
    uuid: UUID
    title: str
    instrument: str
    instrument_version: int
    target: str
    status: str
    baseline: UUID | None


class InstrumentScoreOut(Schema):
    total: float
    band: str | None
    subscales: dict[str, float]


class InstrumentChangeOut(Schema):
    pre: float
    post: float
    difference: float
    rci: float | None
    verdict: str


class InstrumentMineOut(Schema):
    answered: bool
    answers: dict[str, int] | None
    score: InstrumentScoreOut | None
    change: InstrumentChangeOut | None


class InstrumentAggregateOut(Schema):
    n: int
    total: float
    sd: float
    band: str | None
    subscales: dict[str, float]
    items: dict[str, float]


class InstrumentGroupChangeOut(Schema):
    n: int
    pre: float
    post: float
    improved: int
    deteriorated: int
    unchanged: int
    computable: bool


class AdministrationDetailOut(AdministrationOut):
    invited: int | None = Field(description="Only for those who may see aggregates or manage it")
    answered: int | None
    aggregate: InstrumentAggregateOut | None = Field(
        description="Only when closed, at or above the anonymity threshold, for its audience"
    )
    group_change: InstrumentGroupChangeOut | None
    withheld: str
    mine: InstrumentMineOut | None = Field(
        description="The caller's own answers, when they were asked"
    )


class InstrumentAnswersIn(Schema):
    answers: dict[str, int] = Field(description="item key -> a point of the scale")


class AdministrationRemindOut(Schema):
    reminded: int


def brief(entry: InstrumentEntry) -> dict[str, object]:
    spec = entry.instrument.spec
    return {
        "key": spec.key,
        "name": spec.name,
        "version": entry.version,
        "builtin": entry.is_builtin,
        "respondents": list(spec.respondents),
        "items": len(spec.items),
        "anonymity_threshold": spec.anonymity_threshold,
    }


def administration_out(administration: Administration) -> dict[str, object]:
    return {
        "uuid": administration.uuid,
        "title": administration.title,
        "instrument": administration.instrument.key,
        "instrument_version": administration.instrument.version,
        "target": administration.target,
        "status": administration.status,
        "baseline": administration.baseline.uuid if administration.baseline else None,
    }


def results_out(administration: Administration, results: Results) -> dict[str, object]:
    mine = None
    if results.mine is not None:
        own = results.mine
        mine = {
            "answered": own.respondent.has_answered,
            "answers": own.respondent.answers if own.respondent.has_answered else None,
            "score": {
                "total": own.score.total,
                "band": own.score.band.label if own.score.band else None,
                "subscales": dict(own.score.subscales),
            }
            if own.score
            else None,
            "change": vars(own.change) if own.change else None,
        }
    aggregate = results.aggregate
    return {
        **administration_out(administration),
        "invited": results.invited,
        "answered": results.answered,
        "aggregate": {
            "n": aggregate.n,
            "total": aggregate.total,
            "sd": aggregate.sd,
            "band": aggregate.band.label if aggregate.band else None,
            "subscales": dict(aggregate.subscales),
            "items": dict(aggregate.items),
        }
        if aggregate
        else None,
        "group_change": vars(results.group_change) if results.group_change else None,
        "withheld": results.withheld,
        "mine": mine,
    }


@router.get(
    "",
    response=page_of(InstrumentOut),
    summary="Instruments: built-in, then your organization's own",
)
def instrument_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "instrument.list")
    return paginate(selectors.instruments_for(org=member.org), page, brief)


@router.post(
    "",
    response={200: InstrumentImportOut, 201: InstrumentImportOut},
    summary="Import your organization's own instrument (admins, coaches); the same content is a no-op",
)
def instrument_import(request: HttpRequest, payload: InstrumentIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "instrument.import")
    try:
        stored, created = services.instrument_import(
            org=member.org, text=payload.text, source=payload.filename, actor=member
        )
    except InstrumentError as exc:
        raise ValidationError(services.problems_by_path(exc.problems, "text")) from exc
    entry = InstrumentEntry(selectors.instrument_of(stored), stored)
    return Status(201 if created else 200, {"created": created, "instrument": brief(entry)})


@router.get(
    "/{key}", response=InstrumentDetailOut, summary="One instrument: items, scale, subscales, bands"
)
def instrument_detail(request: HttpRequest, key: str) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "instrument.list")
    entry = selectors.instrument_find(org=member.org, key=key)
    if entry is None:
        raise Http404
    spec = entry.instrument.spec
    return {
        **brief(entry),
        "measures": spec.construct_text,
        "description": spec.description,
        "licence": spec.licence,
        "sources": list(spec.sources),
        "scoring": spec.scoring,
        "scale": entry.instrument.labels(),
        "item_list": [
            {"key": i.key, "text": i.text, "subscale": i.subscale, "reverse": i.reverse}
            for i in spec.items
        ],
        "subscales": {s.key: s.name for s in spec.subscales},
        "bands": [b.model_dump() for b in spec.bands],
    }


def _member(org_id: int, uuid: UUID | None, field: str) -> Membership | None:
    if uuid is None:
        return None
    found = Membership.objects.filter(org_id=org_id, uuid=uuid).select_related("user").first()
    if found is None:
        raise ValidationError(
            {field: [gettext("No one in your organization has the id %(id)s.") % {"id": uuid}]}
        )
    return found


@router.post(
    "/{key}/administrations",
    response={201: AdministrationOut},
    summary="Administer an instrument to a person, an engagement, a team or a cohort (admins, coaches)",
)
def administration_create(
    request: HttpRequest, key: str, payload: AdministerIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "instrument.administer")
    org = member.org
    if selectors.instrument_find(org=org, key=key) is None:
        raise Http404
    engagement = None
    if payload.engagement is not None:
        engagement = Engagement.objects.filter(org=org, uuid=payload.engagement).first()
        if engagement is None:
            raise ValidationError(
                {
                    "engagement": [
                        gettext("No engagement here has the id %(id)s.")
                        % {"id": payload.engagement}
                    ]
                }
            )
    team = None
    if payload.team:
        team = Team.objects.filter(org=org, name=payload.team).first()
        if team is None:
            raise ValidationError(
                {
                    "team": [
                        gettext("No team here is called %(name)s.") % {"name": repr(payload.team)}
                    ]
                }
            )
    baseline = None
    if payload.baseline is not None:
        baseline = Administration.objects.filter(org=org, uuid=payload.baseline).first()
        if baseline is None:
            raise ValidationError(
                {
                    "baseline": [
                        gettext("No administration here has the id %(id)s.")
                        % {"id": payload.baseline}
                    ]
                }
            )
    cohort = list(Membership.objects.filter(org=org, uuid__in=payload.cohort_members))
    if len(cohort) != len(set(payload.cohort_members)):
        raise ValidationError(
            {"cohort_members": [gettext("Some ids are not people of your organization.")]}
        )
    from trellis.instruments.forms import parse_stakeholders

    try:
        stakeholders = parse_stakeholders(
            "\n".join(f"{s.email},{s.name}" for s in payload.stakeholders)
        )
    except ValidationError as exc:
        raise ValidationError({"stakeholders": exc.messages}) from exc
    if payload.target not in Administration.Target.values:
        choices = ", ".join(Administration.Target.values)
        raise ValidationError(
            {"target": [gettext("Expected one of: %(choices)s.") % {"choices": choices}]}
        )
    try:
        administration = services.administration_create(
            actor=member,
            key=key,
            target=payload.target,
            title=payload.title,
            subject=_member(org.pk, payload.subject, "subject"),
            engagement=engagement,
            team=team,
            cohort=payload.cohort,
            cohort_members=cohort,
            stakeholders=stakeholders,
            baseline=baseline,
        )
    except UnknownInstrumentError as exc:
        raise Http404 from exc
    return Status(201, administration_out(administration))


def _administration(member: Membership, uuid: UUID, action: str) -> Administration:
    administration = selectors.administration_get(org=member.org, uuid=str(uuid))
    if administration is None:
        raise Http404
    policy.require(member, action, administration)
    return administration


@administrations_router.get(
    "", response=page_of(AdministrationOut), summary="Administrations you sent, answer, or may see"
)
def administration_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "administration.list")
    return paginate(selectors.administrations_for(member=member), page, administration_out)


@administrations_router.get(
    "/{uuid}",
    response=AdministrationDetailOut,
    summary="An administration's results as you may see them: your own answers, and aggregates "
    "only when closed and at the anonymity threshold",
)
def administration_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    administration = _administration(member, uuid, "administration.view")
    results = selectors.results_for(member=member, administration=administration)
    return results_out(administration, results)


@administrations_router.post(
    "/{uuid}/answers", response={201: AdministrationDetailOut}, summary="Answer it yourself, once"
)
def administration_answer(
    request: HttpRequest, uuid: UUID, payload: InstrumentAnswersIn
) -> Status[dict[str, object]]:
    member = member_of(request)
    administration = _administration(member, uuid, "administration.answer")
    respondent = administration.respondents.filter(member=member).first()
    if respondent is None:
        raise ValidationError(NOT_A_RESPONDENT)
    try:
        services.answers_submit(respondent=respondent, answers=dict(payload.answers))
    except InstrumentError as exc:
        raise ValidationError(services.problems_by_path(exc.problems, "answers")) from exc
    except services.LinkError as exc:
        raise ValidationError(str(exc)) from exc
    results = selectors.results_for(member=member, administration=administration)
    return Status(201, results_out(administration, results))


@administrations_router.post(
    "/{uuid}/remind",
    response=AdministrationRemindOut,
    summary="Remind those who have not answered (sender, admins)",
)
def administration_remind(request: HttpRequest, uuid: UUID) -> dict[str, int]:
    member = member_of(request)
    administration = _administration(member, uuid, "administration.manage")
    return {"reminded": services.administration_remind(actor=member, administration=administration)}


@administrations_router.post(
    "/{uuid}/close",
    response=AdministrationOut,
    summary="Close it: no more answers; results may show",
)
def administration_close(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    administration = _administration(member, uuid, "administration.manage")
    closed = services.administration_close(actor=member, administration=administration)
    return administration_out(closed)
