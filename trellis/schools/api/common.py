"""The schools API's router, hours as an answer, and lookups within the caller's organization
(404 for another's, then the policy check)."""

from typing import Any
from uuid import UUID

from django.http import Http404
from ninja import Router

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.schools import selectors
from trellis.schools.models import LearningCommunity, School, TeacherProfile
from trellis.schools.selectors import Hours

router = Router(tags=["schools"])


def _hours_out(hours: Hours) -> dict[str, Any]:
    return {
        "year_start": hours.year_start,
        "year_end": hours.year_end,
        "target": hours.target,
        "teachers": hours.teachers,
        "total": hours.total,
        "per_teacher": hours.per_teacher,
        "share_of_target": hours.share_of_target,
        "by_feature": [{"key": k, "label": str(lb), "hours": h} for k, lb, h in hours.by_feature],
        "by_kind": [{"key": k, "label": str(lb), "hours": h} for k, lb, h in hours.by_kind],
        "threshold": hours.threshold,
        "withheld": hours.withheld,
        "hidden": hours.hidden,
    }


def _school(member: Membership, uuid: UUID, action: str) -> School:
    school = selectors.school_get(member=member, uuid=str(uuid))
    if school is None:
        raise Http404
    policy.require(member, action, school)
    return school


def _teacher(member: Membership, uuid: UUID) -> TeacherProfile:
    profile = selectors.teacher_get(member=member, uuid=str(uuid))
    if profile is None:
        raise Http404
    policy.require(member, "teacher.view", profile)
    return profile


def _community(member: Membership, uuid: UUID, action: str) -> LearningCommunity:
    found = (
        LearningCommunity.objects.filter(org_id=member.org_id, uuid=uuid)
        .select_related("school")
        .first()
    )
    if found is None:
        raise Http404
    policy.require(member, action, found)
    return found
