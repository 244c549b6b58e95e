"""Frameworks in the API: the built-in ones and the organization's own, and importing one."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.frameworks import KINDS, Framework, FrameworkError, Voice
from trellis.frameworks import selectors, services
from trellis.frameworks.selectors import FrameworkEntry
from trellis.frameworks.texts import core_text

router = Router(tags=["frameworks"])


class StageBrief(Schema):
    key: str
    name: str


class FrameworkOut(Schema):
    key: str
    name: str
    version: int
    builtin: bool
    aliases: list[str]
    originator: str
    source: str
    description: str
    stages: list[StageBrief]


class FieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    low: int | None
    high: int | None


class KindOut(Schema):
    key: str
    label: str
    many: bool
    fields: list[FieldOut]


class PromptOut(Schema):
    id: str
    text: str
    level: str


class StageOut(Schema):
    key: str
    name: str
    purpose: str
    produces: list[str]
    may_produce: list[str]
    done_when: str
    prompts: dict[str, list[PromptOut]]  # by voice: non-directive, dialogical, directive


class FrameworkDetailOut(FrameworkOut):
    when_to_use: str
    content_hash: str
    kinds: list[KindOut]  # the answer fields of every kind its stages produce
    stage_details: list[StageOut]


class FrameworkIn(Schema):
    text: str  # the framework's TOML
    filename: str = "upload.toml"


class ImportOut(Schema):
    created: bool
    framework: FrameworkOut


def brief(entry: FrameworkEntry) -> dict[str, object]:
    f = entry.framework
    return {
        "key": f.key,
        "name": f.name,
        "version": entry.version,
        "builtin": entry.is_builtin,
        "aliases": list(f.aliases),
        "originator": f.originator,
        "source": f.source,
        "description": f.description,
        "stages": [{"key": s.key, "name": s.name} for s in f.stages],
    }


def detail(entry: FrameworkEntry) -> dict[str, object]:
    f = entry.framework
    kinds = dict.fromkeys(kind for stage in f.stages for kind in stage.accepts)
    return {
        **brief(entry),
        "when_to_use": f.when_to_use,
        "content_hash": f.content_hash,
        "kinds": [kind_view(key) for key in kinds],
        "stage_details": [stage_view(f, s.key) for s in f.stages],
    }


def kind_view(key: str) -> dict[str, object]:
    spec = KINDS[key]
    return {
        "key": spec.key,
        "label": core_text(spec.label),  # in the reader's language
        "many": spec.many,
        "fields": [vars(field) | {"label": core_text(field.label)} for field in spec.fields],
    }


def stage_view(framework: Framework, key: str) -> dict[str, object]:
    stage = framework.stage(key)
    return {
        "key": stage.key,
        "name": stage.name,
        "purpose": stage.purpose,
        "produces": list(stage.produces),
        "may_produce": list(stage.may_produce),
        "done_when": stage.done_when,
        "prompts": {
            voice.value: [
                {"id": p.id, "text": p.text, "level": p.level.value}
                for p in stage.prompts_for(voice)
            ]
            for voice in Voice
        },
    }


@router.get(
    "",
    response=page_of(FrameworkOut),
    summary="Frameworks you can run: built-in, then your organization's own",
)
def framework_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "framework.list")
    return paginate(selectors.frameworks_for(org=member.org), page, brief)


@router.post(
    "",
    response={200: ImportOut, 201: ImportOut},
    summary="Import your organization's own framework (admins, coaches); the same content is a no-op",
)
def framework_import(request: HttpRequest, payload: FrameworkIn) -> Status[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "framework.import")
    try:
        stored, created = services.framework_import(
            org=member.org, text=payload.text, source=payload.filename, actor=member
        )
    except FrameworkError as exc:
        raise ValidationError(services.problems_by_path(exc.problems, "text")) from exc
    entry = FrameworkEntry(selectors.framework_of(stored), stored)
    return Status(201 if created else 200, {"created": created, "framework": brief(entry)})


@router.get(
    "/{key}",
    response=FrameworkDetailOut,
    summary="One framework: stages, prompts and answer fields",
)
def framework_detail(request: HttpRequest, key: str) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "framework.list")
    entry = selectors.framework_find(org=member.org, key=key)
    if entry is None:
        raise Http404
    return detail(entry)
