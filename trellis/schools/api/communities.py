"""Learning communities: detail, answering an invitation, huddles, making one at a school, and
its shared goals."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Status

from trellis.accounts.api_door import member_of
from trellis.schools import plc, selectors
from trellis.schools.api.common import _community, _school, router
from trellis.schools.api.schemas import (
    CommunityGoalIn,
    CommunityIn,
    CommunityOut,
    HuddleIn,
    HuddleOut,
    RespondIn,
    SchoolGoalOut,
)


@router.get(
    "/communities/{uuid}",
    response=CommunityOut,
    summary="A learning community: its members and their answers, shared goals, huddle count",
)
def community_detail(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    found = _community(member_of(request), uuid, "plc.view")
    places = found.members.select_related("membership__user")
    return {
        "uuid": found.uuid,
        "name": found.name,
        "school": found.school.uuid,
        "focus": found.focus,
        "grade": found.grade,
        "subject": found.subject,
        "members": [{"name": p.membership.user.display_name, "status": p.status} for p in places],
        "goals": [g.title for g in found.goals.all()],
        "huddles": found.huddles.count(),
    }


@router.post(
    "/communities/{uuid}/respond",
    response={200: None},
    summary="Accept or decline your invitation to a learning community (or leave it)",
)
def community_respond(request: HttpRequest, uuid: UUID, payload: RespondIn) -> Status[None]:
    member = member_of(request)
    found = _community(member, uuid, "plc.respond")
    plc.community_respond(actor=member, community=found, accept=payload.accept)
    return Status(200, None)


@router.post(
    "/communities/{uuid}/huddles",
    response={201: HuddleOut},
    summary="Log a huddle: every member present gets a collective-participation activity",
)
def huddle_log(request: HttpRequest, uuid: UUID, payload: HuddleIn) -> Status[object]:
    member = member_of(request)
    found = _community(member, uuid, "plc.huddle.log")
    members = {m.uuid: m for m in plc.accepted_members(found)}
    unknown = [str(u) for u in payload.present if u not in members]
    if unknown:
        raise ValidationError(
            {
                "present": [
                    gettext("Not an accepted member of this community: %(ids)s.")
                    % {"ids": ", ".join(unknown)}
                ]
            }
        )
    huddle = plc.huddle_log(
        actor=member,
        community=found,
        on=payload.on,
        minutes=payload.minutes,
        present=[members[u] for u in payload.present],
        protocol=payload.protocol,
        focus=payload.focus,
        standard=payload.standard,
    )
    return Status(
        201,
        {
            "uuid": huddle.uuid,
            "on": huddle.on,
            "minutes": huddle.minutes,
            "protocol": huddle.protocol,
            "present": len(payload.present),
        },
    )


@router.post(
    "/{uuid}/communities",
    response={201: CommunityOut},
    summary="Make a learning community at the school and invite its teachers",
)
def community_create(request: HttpRequest, uuid: UUID, payload: CommunityIn) -> Status[object]:
    member = member_of(request)
    school = _school(member, uuid, "plc.create")
    teachers = {t.membership.uuid: t.membership for t in selectors.teachers_of(school)}
    unknown = [str(u) for u in payload.invite if u not in teachers]
    if unknown:
        raise ValidationError(
            {
                "invite": [
                    gettext("Not a teacher at %(school)s: %(ids)s.")
                    % {"school": school.name, "ids": ", ".join(unknown)}
                ]
            }
        )
    community = plc.community_create(
        actor=member,
        school=school,
        name=payload.name,
        focus=payload.focus,
        grade=payload.grade,
        subject=payload.subject,
        invite=[teachers[u] for u in payload.invite],
    )
    return Status(201, community_detail(request, community.uuid))


@router.post(
    "/communities/{uuid}/goals",
    response={201: SchoolGoalOut},
    summary="Add a shared goal to a learning community, under one of the school's goals",
)
def community_goal(request: HttpRequest, uuid: UUID, payload: CommunityGoalIn) -> Status[object]:
    member = member_of(request)
    found = _community(member, uuid, "plc.manage")
    parent = selectors.school_goals(member.org_id).filter(uuid=payload.parent).first()
    if parent is None:
        raise ValidationError(
            {"parent": [gettext("No school goal has the id %(id)s.") % {"id": payload.parent}]}
        )
    goal = plc.community_goal_add(actor=member, community=found, title=payload.title, parent=parent)
    return Status(201, {"uuid": goal.uuid, "title": goal.title, "parent": parent.uuid})
