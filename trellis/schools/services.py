"""Writes for schools and professional learning. Each write is one transaction.

`record_activity` is the one way a professional-learning activity enters Trellis: instructional
visits (trellis/instructional), PLC huddles (trellis/schools/plc) and hand-entered workshops or
self-study all go through it."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.goals.models import Goal
from trellis.schools.models import FEATURES, LearningActivity, School, TeacherProfile

UNKNOWN_FEATURE = "Unknown feature {name!r}: use any of " + ", ".join(FEATURES) + "."
CONTENT_NEEDS_SUBJECT = _("Content focus names the subject (and the standard if there is one).")
COHERENCE_NEEDS_GOAL = _("Coherence names the school or district goal the activity serves.")
NOT_AN_ORG_GOAL = _("Link a school's or district's goal (an organization or team goal).")
OTHER_ORG = _("The teacher, the goal and the school must belong to one organization.")
BAD_MINUTES = _("Minutes must be between 1 and 1440.")


def _source_key(source: Any) -> tuple[str, Any]:
    if source is None:
        return "", None
    return source._meta.label_lower, source.uuid


@transaction.atomic
def record_activity(
    *,
    actor: Membership,
    teacher: Membership,
    kind: str,
    activity_type: str,
    on: date,
    minutes: int,
    features: Iterable[str] = (),
    subject: str = "",
    standard: str = "",
    active_mode: str = "",
    goal: Goal | None = None,
    school: School | None = None,
    title: str = "",
    source: Any = None,
) -> LearningActivity:
    """Record (or update) one professional-learning activity of one teacher.

    - `actor`: who records it. Allowed (policy `learning.record`, object = the teacher's
      membership): an admin, a coach of the organization, or the teacher themselves.
    - `teacher`: the teacher's Membership (with or without a TeacherProfile; its school is used
      when `school` is not given).
    - `kind`: LearningActivity.Kind: "one_on_one", "group" or "support".
    - `activity_type`: LearningActivity.Type: "visit", "huddle", "workshop" or "self_study".
    - `on`, `minutes`: the date and the duration (1..1440 minutes); hours are summed per school
      year (SchoolSetup.year_starts_month).
    - `features`: any of "content", "active", "coherence", "sustained", "collective" (the five
      features). "content" needs `subject` (and optionally `standard`); "coherence" needs `goal`
      (an organization or team goal: the school or district goal it serves); "active" may say
      how in `active_mode` ("observation", "practice", "feedback").
    - `source`: the object it came from (any model instance with a `uuid`, e.g. an instructional
      visit). Recording again with the same teacher and source UPDATES that row (idempotent), so
      call it again whenever the visit changes; `remove_activity(source=...)` drops it.
    - `title`: a short label only: never observation content, ratings or notes (principals see
      the activity list of their school's teachers).

    Raises ValidationError (field -> messages) for bad input, PermissionDenied / Http404 from the
    policy. Returns the saved LearningActivity.
    """
    policy.require(actor, "learning.record", teacher)
    return write_activity(
        recorded_by=actor,
        teacher=teacher,
        kind=kind,
        activity_type=activity_type,
        on=on,
        minutes=minutes,
        features=features,
        subject=subject,
        standard=standard,
        active_mode=active_mode,
        goal=goal,
        school=school,
        title=title,
        source=source,
    )


def write_activity(
    *,
    recorded_by: Membership,
    teacher: Membership,
    kind: str,
    activity_type: str,
    on: date,
    minutes: int,
    features: Iterable[str] = (),
    subject: str = "",
    standard: str = "",
    active_mode: str = "",
    goal: Goal | None = None,
    school: School | None = None,
    title: str = "",
    source: Any = None,
) -> LearningActivity:
    """record_activity without the policy check, for a caller that has checked its own rule
    (a huddle log: the person logging it may record for every member present)."""
    actor = recorded_by
    chosen = set(features)
    unknown = chosen - set(FEATURES)
    errors: dict[str, list[str]] = {}
    if unknown:
        errors["features"] = [UNKNOWN_FEATURE.format(name=sorted(unknown)[0])]
    if "content" in chosen and not subject.strip():
        errors["subject"] = [str(CONTENT_NEEDS_SUBJECT)]
    if "coherence" in chosen and goal is None:
        errors["goal"] = [str(COHERENCE_NEEDS_GOAL)]
    if goal is not None and goal.level == Goal.Level.PERSON:
        errors["goal"] = [str(NOT_AN_ORG_GOAL)]
    if not 1 <= int(minutes) <= 24 * 60:
        errors["minutes"] = [str(BAD_MINUTES)]
    if school is None:
        profile = TeacherProfile.objects.filter(membership=teacher).select_related("school").first()
        school = profile.school if profile else None
    for other in (goal, school):
        if other is not None and other.org_id != teacher.org_id:
            errors.setdefault("teacher", []).append(str(OTHER_ORG))
    if errors:
        raise ValidationError(errors)
    source_kind, source_uuid = _source_key(source)
    row = None
    if source_uuid is not None:
        row = (
            LearningActivity.objects.select_for_update()
            .filter(teacher=teacher, source_kind=source_kind, source_uuid=source_uuid)
            .first()
        )
    if row is None:
        row = LearningActivity(
            org_id=teacher.org_id,
            teacher=teacher,
            source_kind=source_kind,
            source_uuid=source_uuid,
            recorded_by=actor,
        )
    row.school = school
    row.kind = kind
    row.type = activity_type
    row.on = on
    row.minutes = int(minutes)
    row.title = title.strip()[:150]
    row.content_focus = "content" in chosen
    row.subject = subject.strip() if row.content_focus else ""
    row.standard = standard.strip() if row.content_focus else ""
    row.active_learning = "active" in chosen
    row.active_mode = active_mode.strip() if row.active_learning else ""
    row.coherence = "coherence" in chosen
    row.goal = goal if row.coherence else None
    row.sustained = "sustained" in chosen
    row.collective = "collective" in chosen
    row.updated_at = timezone.now()
    row.full_clean(exclude=["recorded_by", "teacher", "org", "goal", "school"])
    row.save()
    return row


@transaction.atomic
def remove_activity(*, actor: Membership, source: Any, teacher: Membership | None = None) -> int:
    """Drop the activities recorded from `source` (for one teacher, or all of them), e.g. when a
    visit is cancelled. Returns how many rows went."""
    source_kind, source_uuid = _source_key(source)
    rows = LearningActivity.objects.filter(source_kind=source_kind, source_uuid=source_uuid)
    if teacher is not None:
        rows = rows.filter(teacher=teacher)
    for row in rows.select_related("teacher"):
        policy.require(actor, "learning.record", row.teacher)
    return rows.delete()[0]
