"""Rubrics: the ones an organization can rate with, and importing one."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.core.instructional.rubric import RubricError
from trellis.instructional import selectors, services
from trellis.instructional.api.common import router
from trellis.instructional.api.schemas import RubricIn, RubricOut
from trellis.instruments.services import problems_by_path


def rubric_out(entry: selectors.RubricEntry) -> dict[str, object]:
    return {
        "key": entry.key,
        "name": entry.name,
        "version": entry.version,
        "builtin": entry.is_builtin,
        "indicators": len(entry.rubric.indicators()),
        "levels": entry.rubric.level_values(),
    }


@router.get(
    "/rubrics", response=page_of(RubricOut), summary="The rubrics your organization can rate with"
)
def rubric_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "rubric.list")
    return paginate(selectors.rubrics_for(org=member.org), page, rubric_out)


@router.post(
    "/rubrics",
    response={200: RubricOut, 201: RubricOut},
    summary="Import a rubric file (admins, coaches); the same content is a no-op",
)
def rubric_import(request: HttpRequest, payload: RubricIn) -> Status[object]:
    member = member_of(request)
    policy.require(member, "rubric.import")
    try:
        stored, created = services.rubric_import(
            actor=member, org=member.org, text=payload.text.encode(), source=payload.filename
        )
    except RubricError as exc:
        raise ValidationError(problems_by_path(exc.problems, "text")) from exc
    entry = selectors.rubric_entry(org=member.org, key=stored.key)
    assert entry is not None
    return Status(201 if created else 200, rubric_out(entry))
