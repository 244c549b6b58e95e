"""Schools: the list, the CSV import, a school's hours, and the organization's schools settings."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Status

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.schools import importer, selectors
from trellis.schools.api.common import _hours_out, _school, router
from trellis.schools.api.schemas import HoursOut, ImportIn, SchoolImportOut, SchoolOut, SetupIO
from trellis.schools.models import SchoolSetup


@router.get(
    "", response=page_of(SchoolOut), summary="Schools you lead, coach at or teach at (all: admins)"
)
def school_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "school.list")
    return paginate(
        selectors.schools_for(member=member),
        page,
        lambda s: {"uuid": s.uuid, "name": s.name, "code": s.code},
    )


@router.post(
    "/import",
    response={201: SchoolImportOut},
    summary="Import schools, teachers, principals and coaches from CSV (all or nothing)",
)
def school_import(request: HttpRequest, payload: ImportIn) -> Status[object]:
    member = member_of(request)
    try:
        report = importer.schools_import(
            actor=member, data=payload.csv.encode(), source=payload.source
        )
    except importer.SchoolImportError as exc:
        raise ValidationError({"csv": exc.errors}) from None
    return Status(201, report.__dict__)


@router.get(
    "/{uuid}/hours",
    response=HoursOut,
    summary="A school's hours this school year by feature and kind (its principals and admins; "
    "withheld below the anonymity threshold)",
)
def school_hours(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    member = member_of(request)
    school = _school(member, uuid, "school.aggregates")
    return _hours_out(selectors.school_hours(school))


def _setup_out(setup: SchoolSetup) -> dict[str, object]:
    return {
        "kind": setup.kind,
        "hours_target": setup.hours_target,
        "year_starts_month": setup.year_starts_month,
    }


@router.get("/settings", response=SetupIO, summary="School or district, hours target, year start")
def settings_get(request: HttpRequest) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "school.manage")
    return _setup_out(selectors.setup_of(member.org_id))


@router.put("/settings", response=SetupIO, summary="Change the schools settings (admins)")
def settings_put(request: HttpRequest, payload: SetupIO) -> dict[str, object]:
    member = member_of(request)
    policy.require(member, "school.manage")
    setup, _ = SchoolSetup.objects.update_or_create(
        org_id=member.org_id,
        defaults={
            "kind": payload.kind,
            "hours_target": payload.hours_target,
            "year_starts_month": payload.year_starts_month,
        },
    )
    return _setup_out(setup)
