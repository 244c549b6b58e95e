"""Attendance: what became of each scheduled session once its time came, and which coaching
conversation was held on that occasion.

The coach or the coachee records the outcome (held, a no-show and whose, a late cancellation, a
cancellation) from its start on. "Log your session" records it and opens the conversation (the
framework runner) for that occasion, or links one already held; the link is kept on the calendar
entry. Stalled plans count held sessions only (selectors.held_times).
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from trellis.accounts.models import Membership
from trellis.engagements import kinds
from trellis.engagements import services as engagement_services
from trellis.engagements.models import CoachingSession, Engagement, EngagementParticipant
from trellis.scheduling.models import MemberAttendance, Outcome, ScheduledSession

NOT_YET = gettext_lazy(
    "A session's outcome is recorded from its start on; this one starts {start:%Y-%m-%d %H:%M} UTC."
)
UNKNOWN_OUTCOME = gettext_lazy("Unknown outcome {value!r}: expected one of {choices}.")
NOT_THE_PAIR = gettext_lazy(
    "Only the coach or the coachee (a peer, in a peer circle) of this session records what became of it."
)
OTHER_ENGAGEMENT = gettext_lazy("That coaching session belongs to another engagement.")
ALREADY_LINKED = gettext_lazy("This calendar entry is already linked to a coaching session.")
NOT_HELD = gettext_lazy("Only a held session has a coaching conversation; record it as held first.")


def _check_pair(actor: Membership, occurrence: ScheduledSession) -> None:
    related = occurrence.series.engagement.participant_relations(actor)
    if not related & {"coach", "coachee", "peer"}:
        raise ValidationError({"outcome": NOT_THE_PAIR})


def attendance_record(
    *, actor: Membership, occurrence: ScheduledSession, outcome: str
) -> ScheduledSession:
    """Record what became of a session. Recording it again replaces the outcome.

    In a peer engagement the rotation moves on when a session becomes held (and gives the turn
    back when a held one is corrected to anything else); a no-show or a cancellation keeps it."""
    if outcome not in Outcome.values:
        choices = ", ".join(Outcome.values)
        raise ValidationError({"outcome": UNKNOWN_OUTCOME.format(value=outcome, choices=choices)})
    _check_pair(actor, occurrence)
    now = timezone.now()
    if occurrence.start > now:
        raise ValidationError({"outcome": NOT_YET.format(start=occurrence.start)})
    with transaction.atomic(durable=True):
        row = ScheduledSession.objects.select_for_update().get(pk=occurrence.pk)
        was_held = row.outcome == Outcome.HELD
        if occurrence.series.engagement.kind == Engagement.Kind.PEER and was_held != (
            outcome == Outcome.HELD
        ):
            step = -1 if was_held else 1
            kinds.rotation_advance(engagement_id=occurrence.series.engagement_id, step=step)
        row.outcome = outcome
        row.outcome_by = actor
        row.outcome_at = now
        row.save(update_fields=["outcome", "outcome_by", "outcome_at"])
    return row


def attendance_session_open(
    *,
    actor: Membership,
    occurrence: ScheduledSession,
    framework_key: str = "",
    style: str = "non-directive",
    session: CoachingSession | None = None,
) -> CoachingSession:
    """The coaching conversation of a held session: link `session` (one of the engagement's), or
    open a new one over `framework_key`, linked to this calendar entry."""
    _check_pair(actor, occurrence)
    if occurrence.outcome != Outcome.HELD:
        raise ValidationError({"outcome": NOT_HELD})
    if occurrence.coaching_session_id is not None:
        raise ValidationError({"session": ALREADY_LINKED})
    engagement = occurrence.series.engagement
    if session is None:
        session = engagement_services.coaching_session_create(
            actor=actor,
            engagement=engagement,
            framework_key=framework_key,
            style=style,
            topic="",
        )
    elif session.engagement_id != engagement.pk:
        raise ValidationError({"session": OTHER_ENGAGEMENT})
    with transaction.atomic(durable=True):
        ScheduledSession.objects.filter(pk=occurrence.pk, coaching_session__isnull=True).update(
            coaching_session=session
        )
    return session


# -- group sessions (team and group engagements) -------------------------------------------------

GROUP_KINDS = (Engagement.Kind.TEAM, Engagement.Kind.GROUP)
NOT_A_GROUP = gettext_lazy("Attendance per member is for a team or group engagement's sessions.")
ONLY_THE_COACH = gettext_lazy("Only a coach of this engagement marks who attended.")
NOT_A_MEMBER = gettext_lazy("{name} is not an accepted member of this engagement.")
BOTH_MARKS = gettext_lazy("{name} is marked both as attending and as cancelling late; choose one.")


def group_members(engagement: Engagement) -> list[Membership]:
    """The accepted, current members (coachees) of a team or group engagement, in their order."""
    return [
        p.member
        for p in engagement.participants.select_related("member__user")
        if p.role == EngagementParticipant.Role.COACHEE and p.grants
    ]


def group_attendance_record(
    *,
    actor: Membership,
    occurrence: ScheduledSession,
    present: Sequence[Membership],
    late_cancelled: Sequence[Membership] = (),
) -> list[MemberAttendance]:
    """A coach marks who attended a group session: each accepted member named in `present`
    attended, each named in `late_cancelled` cancelled late, every other one was a no-show. The
    session's own outcome is held when anyone was there (so it counts once, for the coach's hours
    and for activity); else a late cancellation when every member cancelled late, else a no-show.
    Marking again replaces the marks."""
    engagement = occurrence.series.engagement
    if engagement.kind not in GROUP_KINDS:
        raise ValidationError({"present": NOT_A_GROUP})
    if "coach" not in engagement.participant_relations(actor):
        raise ValidationError({"present": ONLY_THE_COACH})
    members = group_members(engagement)
    ids = {m.pk for m in members}
    for field, named in (("present", present), ("late_cancelled", late_cancelled)):
        for person in named:
            if person.pk not in ids:
                raise ValidationError({field: NOT_A_MEMBER.format(name=person.user)})
    there = {m.pk for m in present}
    late = {m.pk for m in late_cancelled}
    both = [m for m in late_cancelled if m.pk in there]
    if both:
        raise ValidationError({"late_cancelled": BOTH_MARKS.format(name=both[0].user)})
    now = timezone.now()
    if occurrence.start > now:
        raise ValidationError({"outcome": NOT_YET.format(start=occurrence.start)})
    Mark = MemberAttendance.Mark

    def mark_of(m: Membership) -> str:
        if m.pk in there:
            return Mark.HELD
        return Mark.LATE_CANCELLATION if m.pk in late else Mark.NO_SHOW

    with transaction.atomic(durable=True):
        row = ScheduledSession.objects.select_for_update().get(pk=occurrence.pk)
        MemberAttendance.objects.filter(occurrence=row).delete()
        marks = MemberAttendance.objects.bulk_create(
            MemberAttendance(occurrence=row, member=m, mark=mark_of(m), by=actor, at=now)
            for m in members
        )
        if there:
            row.outcome = Outcome.HELD
        elif members and late == ids:
            row.outcome = Outcome.LATE_CANCELLATION
        else:
            row.outcome = Outcome.NO_SHOW_COACHEE
        row.outcome_by = actor
        row.outcome_at = now
        row.save(update_fields=["outcome", "outcome_by", "outcome_at"])
    return marks
