"""Impact Cycles: start one on an instructional engagement, write its picture of reality, PEERS
goal and strategy, move it through its stages, count students against the standard, and share it
with a principal by name."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.core.instructional.evidence import check_counts, refuse_names
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.instructional.models import Cycle, StudentCheck

NOT_INSTRUCTIONAL = _("An Impact Cycle runs in an instructional engagement; this one is {kind}.")
NOT_RUNNING = _("The engagement is {status}: only an active engagement runs a cycle.")
NEEDS_GOAL = _("Write the goal and its target share of students before moving to Learn.")
NEEDS_STRATEGY = _("Choose a teaching strategy before moving to Improve.")
NOT_A_SCHOOL_GOAL = _("Link an organization or team goal (the school's or district's goal).")
SHARE_SELF = _("Share the cycle with someone else (a principal of the school).")
SHARE_OTHER_ORG = _("Share only with a member of this organization.")
CHECKLIST_ITEMS = 20
CYCLE_FIELDS = (
    "subject",
    "reality_source",
    "reality",
    "reality_link",
    "goal_text",
    "standard",
    "group",
    "target_percent",
    "teacher_cares",
    "strategy",
    "checklist",
)
NAME_CHECKED = ("goal_text", "standard")
ORDER = [s.value for s in Cycle.Stage]


def _locked(cycle: Cycle) -> Cycle:
    return Cycle.objects.select_for_update().select_related("engagement").get(pk=cycle.pk)


def cycle_start(
    *,
    actor: Membership,
    engagement: Engagement,
    subject: str = "",
    school_goal: Goal | None = None,
    started_on: date | None = None,
) -> Cycle:
    """A new cycle at Identify; the engagement's coach starts it."""
    policy.require(actor, "cycle.start", engagement)
    if engagement.kind != Engagement.Kind.INSTRUCTIONAL:
        raise ValidationError(NOT_INSTRUCTIONAL.format(kind=engagement.get_kind_display()))
    if engagement.status != Engagement.Status.ACTIVE:
        raise ValidationError(NOT_RUNNING.format(status=engagement.get_status_display().lower()))
    _check_school_goal(engagement, school_goal)
    with transaction.atomic(durable=True):
        cycle = Cycle(
            org_id=engagement.org_id,
            engagement=engagement,
            subject=subject.strip(),
            school_goal=school_goal,
            started_on=started_on or timezone.localdate(),
            created_by=actor,
        )
        cycle.full_clean()
        cycle.save()
    return cycle


def _check_school_goal(engagement: Engagement, goal: Goal | None) -> None:
    if goal is not None and (goal.org_id != engagement.org_id or goal.level == Goal.Level.PERSON):
        raise ValidationError({"school_goal": [NOT_A_SCHOOL_GOAL]})


def cycle_save(
    *,
    actor: Membership,
    cycle: Cycle,
    school_goal: Goal | object | None = ...,
    **fields: Any,
) -> Cycle:
    """Write any of the cycle's Identify, goal and Learn fields (`CYCLE_FIELDS`); the goal's text
    and standard are refused when they read like students' names."""
    policy.require(actor, "cycle.write", cycle)
    unknown = set(fields) - set(CYCLE_FIELDS)
    if unknown:
        raise ValueError(f"unknown cycle fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    for name in NAME_CHECKED:
        refusal = refuse_names(str(fields.get(name) or ""))
        if refusal:
            errors[name] = [refusal]
    if "checklist" in fields:
        items = [str(i).strip() for i in fields["checklist"] or [] if str(i).strip()]
        fields["checklist"] = [{"text": t[:200], "done": False} for t in items[:CHECKLIST_ITEMS]]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        row = _locked(cycle)
        if school_goal is not ...:
            _check_school_goal(row.engagement, school_goal)  # type: ignore[arg-type]
            row.school_goal = school_goal  # type: ignore[assignment]
        for name, value in fields.items():
            if name == "checklist":
                done = {i["text"]: i.get("done", False) for i in row.checklist}
                value = [{"text": i["text"], "done": done.get(i["text"], False)} for i in value]
            setattr(row, name, value.strip() if isinstance(value, str) else value)
        row.updated_at = timezone.now()
        row.full_clean()
        row.save()
    return row


def checklist_tick(*, actor: Membership, cycle: Cycle, done: Sequence[int]) -> Cycle:
    """Mark which checklist items (by position) the teacher does in the lesson."""
    policy.require(actor, "cycle.write", cycle)
    with transaction.atomic(durable=True):
        row = _locked(cycle)
        row.checklist = [
            {"text": item["text"], "done": index in set(done)}
            for index, item in enumerate(row.checklist)
        ]
        row.updated_at = timezone.now()
        row.save(update_fields=["checklist", "updated_at"])
    return row


def cycle_advance(*, actor: Membership, cycle: Cycle, stage: str) -> Cycle:
    """Move the cycle to `stage` (back is always allowed). Learn needs the goal and its target,
    Improve a strategy; Done records the day the goal was met when the last check reached it."""
    policy.require(actor, "cycle.write", cycle)
    if stage not in ORDER:
        raise ValidationError(
            {"stage": [gettext("One of %(values)s.") % {"values": ", ".join(ORDER)}]}
        )
    with transaction.atomic(durable=True):
        row = _locked(cycle)
        forward = ORDER.index(stage) > ORDER.index(row.stage)
        no_goal = not row.goal_text.strip() or row.target_percent is None
        if forward and ORDER.index(stage) >= ORDER.index("learn") and no_goal:
            raise ValidationError({"stage": [NEEDS_GOAL]})
        if forward and ORDER.index(stage) >= ORDER.index("improve") and not row.strategy.strip():
            raise ValidationError({"stage": [NEEDS_STRATEGY]})
        row.stage = stage
        last = row.checks.order_by("-taken_on", "-id").first()
        reached = last is not None and row.target_percent is not None
        if stage == Cycle.Stage.DONE and reached and last.percent >= row.target_percent:  # type: ignore[union-attr,operator]
            row.goal_met_on = last.taken_on  # type: ignore[union-attr]
        row.updated_at = timezone.now()
        row.save(update_fields=["stage", "goal_met_on", "updated_at"])
    return row


def check_add(
    *,
    actor: Membership,
    cycle: Cycle,
    students: Any,
    reached: Any,
    taken_on: date | None = None,
    is_baseline: bool = False,
) -> StudentCheck:
    """Count the group's students and how many reached the standard: whole numbers only."""
    policy.require(actor, "cycle.write", cycle)
    problem = check_counts(students, reached)
    if problem:
        raise ValidationError({"reached": [problem]})
    with transaction.atomic(durable=True):
        row = _locked(cycle)
        if is_baseline:
            row.checks.filter(is_baseline=True).update(is_baseline=False)
        check = StudentCheck(
            cycle=row,
            students=students,
            reached=reached,
            taken_on=taken_on or timezone.localdate(),
            is_baseline=is_baseline or not row.checks.exists(),
        )
        check.full_clean()
        check.save()
    return check


def cycle_share(*, actor: Membership, cycle: Cycle, person: Membership | None) -> Cycle:
    """The teacher shares the cycle (read only) with one person by name, or stops sharing."""
    policy.require(actor, "cycle.share", cycle)
    if person is not None:
        if person.pk == actor.pk:
            raise ValidationError({"person": [SHARE_SELF]})
        if person.org_id != cycle.org_id:
            raise ValidationError({"person": [SHARE_OTHER_ORG]})
    with transaction.atomic(durable=True):
        row = _locked(cycle)
        row.shared_with = person
        row.updated_at = timezone.now()
        row.save(update_fields=["shared_with", "updated_at"])
    return row
