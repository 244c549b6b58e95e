"""Teachers: one teacher, their hours, their activities and recording one."""

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Status

from trellis.accounts.api_door import member_of
from trellis.api.pagination import PageQuery, page_of, paginate
from trellis.goals.models import Goal
from trellis.schools import selectors, services
from trellis.schools.api.common import _hours_out, _teacher, router
from trellis.schools.api.schemas import ActivityIn, ActivityOut, HoursOut, TeacherOut
from trellis.schools.models import LearningActivity


def _activity_out(a: LearningActivity) -> dict[str, Any]:
    return {
        "uuid": a.uuid,
        "type": a.type,
        "kind": a.kind,
        "on": a.on,
        "minutes": a.minutes,
        "title": a.title,
        "features": a.features,
        "subject": a.subject,
        "standard": a.standard,
        "goal": a.goal.uuid if a.goal else None,
        "active_mode": a.active_mode,
    }


@router.get(
    "/teachers/{uuid}", response=TeacherOut, summary="A teacher: school, grades and subjects"
)
def teacher_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    profile = _teacher(member_of(request), uuid)
    return {
        "uuid": profile.uuid,
        "name": profile.membership.user.display_name,
        "school": profile.school.uuid,
        "grades": profile.grades,
        "subjects": profile.subjects,
    }


@router.get(
    "/teachers/{uuid}/hours",
    response=HoursOut,
    summary="A teacher's professional-learning hours this school year, by feature and by kind",
)
def teacher_hours(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    profile = _teacher(member_of(request), uuid)
    return _hours_out(selectors.teacher_hours(profile))


@router.get(
    "/teachers/{uuid}/activities",
    response=page_of(ActivityOut),
    summary="A teacher's professional-learning activities, newest first (no coaching content)",
)
def activity_list(request: HttpRequest, uuid: UUID, page: Query[PageQuery]) -> dict[str, object]:
    profile = _teacher(member_of(request), uuid)
    return paginate(selectors.activities_of(profile), page, _activity_out)


@router.post(
    "/teachers/{uuid}/activities",
    response={201: ActivityOut},
    summary="Record a professional-learning activity (the teacher, a coach or an admin)",
)
def activity_add(request: HttpRequest, uuid: UUID, payload: ActivityIn) -> Status[object]:
    member = member_of(request)
    profile = _teacher(member, uuid)
    goal = None
    if payload.goal is not None:
        goal = Goal.objects.filter(org_id=member.org_id, uuid=payload.goal).first()
        if goal is None:
            raise ValidationError(
                {
                    "goal": [
                        gettext("No goal of this organization has the id %(id)s.")
                        % {"id": payload.goal}
                    ]
                }
            )
    row = services.record_activity(
        actor=member,
        teacher=profile.membership,
        kind=payload.kind,
        activity_type=payload.type,
        on=payload.on,
        minutes=payload.minutes,
        features=payload.features,
        subject=payload.subject,
        standard=payload.standard,
        active_mode=payload.active_mode or "",
        goal=goal,
        title=payload.title,
    )
    return Status(201, _activity_out(row))
