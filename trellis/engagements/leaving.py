"""A person leaves their own place in an engagement: a coach, a coachee (a member, a peer), a
sponsor or an observer, from an accepted place in an active or paused engagement.

- **A coachee** of a team, group or peer engagement: their place closes (`left_at`), they drop out
  of the peer rotation, the engagement goes on for the others (another accepted member becomes the
  primary coachee when it was them, and their future calendar sessions follow), and it ends only
  when nobody is left in it. The coachee of a one-to-one engagement leaving ends it.
- **A co-coach**: their place closes. **The lead coach**: their place closes and the first accepted
  co-coach becomes the lead (the future calendar follows, as in a change of coach); with no other
  coach the engagement ends.
- **A sponsor or an observer**: their place closes; the sponsor loses access at once.

An engagement that ends this way keeps the leaver's place (the coach and the coachee keep reading
what they did together) and says only who left (`end_reason`), never why.

A reason is asked for and **kept private**: the history keeps it, but only the person who left and
the engagement's coaches read it (pages, API, terminal: `reason_readable`); the other members, the
sponsor, observers and admins see that someone left and when. Everyone else still in the engagement
(coaches, accepted members, the sponsor, observers) is told by email once the change is committed;
the coaches' email says why, the others' does not. A retry finds the place closed (or the
engagement ended) and is refused, so nobody is emailed twice.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.accounts.units import step
from trellis.engagements import lifecycle_base
from trellis.engagements.models import (
    GROUP_SESSION_KINDS,
    Engagement,
    EngagementParticipant,
    EngagementTransition,
)
from trellis.engagements.signals import people_changed, place_left

Role = EngagementParticipant.Role
Acceptance = EngagementParticipant.Acceptance
Status = Engagement.Status
Action = EngagementTransition.Action

NOT_A_MEMBER = _("Only someone with an accepted place in this engagement can leave it.")
CANNOT_LEAVE = _("An engagement that is {status} cannot be left.")
# stored as `end_reason` in these words, shown in the reader's (history.end_reason_shown)
LAST_ONE_LEFT = gettext_noop("The last member left.")
COACHEE_LEFT = gettext_noop("The coachee left.")
COACH_LEFT = gettext_noop("The coach left.")
PRIVATE_REASON = gettext_noop("(private)")  # shown for a leave's reason the reader may not read
COACH_ROLES = (Role.LEAD_COACH, Role.CO_COACH)
SAVED = ["coach", "coachee", "sponsor", "rotation", "status", "ended_on", "end_reason"]


def engagement_leave(*, actor: Membership, engagement: Engagement, reason: str) -> Engagement:
    """`actor` leaves their own accepted place(s), saying why (see the module's text)."""
    if not reason.strip():
        raise ValidationError({"reason": lifecycle_base.REASON_REQUIRED})
    if engagement.status not in lifecycle_base.ACTIVE_OR_PAUSED:
        raise ValidationError(
            {"status": CANNOT_LEAVE.format(status=engagement.get_status_display().lower())}
        )
    now = timezone.now()
    with step():
        engagement = lifecycle_base._locked(engagement)
        if engagement.status not in lifecycle_base.ACTIVE_OR_PAUSED:  # someone moved it first
            raise ValidationError(
                {"status": CANNOT_LEAVE.format(status=engagement.get_status_display().lower())}
            )
        current = lifecycle_base._current(engagement)
        mine = [p for p in current if p.member_id == actor.pk and p.grants]
        if not mine:
            raise ValidationError({"engagement": NOT_A_MEMBER})
        before = engagement.status
        to_tell = _to_tell(current, actor)
        role = mine[0].role  # one place per person; the first names what they were
        for place in mine:
            if place.role == Role.COACHEE:
                _coachee_leaves(engagement, actor, place, current, now)
            elif place.role in COACH_ROLES:
                _coach_leaves(engagement, actor, place, current, now)
            else:
                _close([place], now)
                if place.role == Role.SPONSOR:
                    lifecycle_base._sync_sponsor(engagement)
                    _handed_over(engagement, "sponsor", actor, engagement.sponsor, now)
        engagement.save(update_fields=SAVED)
        with translation.override(settings.LANGUAGE_CODE):  # the emails' key (_tell_one)
            label = str(Role(role).label).lower()
        lifecycle_base._record(
            engagement,
            Action.LEAVE,
            before,
            actor,
            reason=reason,
            params=lifecycle_base._people_params([(role, actor)]),
        )
        ended = engagement.status == Status.ENDED
        transaction.on_commit(lambda: _tell(engagement, actor, label, reason, ended, to_tell))
    return engagement


def leave_ends(engagement: Engagement, member: Membership) -> bool:
    """Whether `member` leaving would end the engagement (for the page's warning)."""
    current = lifecycle_base._current(engagement)
    mine = [p for p in current if p.member_id == member.pk and p.grants]
    for place in mine:
        if place.role == Role.COACHEE:
            if not engagement.is_several:
                return True
            return not any(
                p.role == Role.COACHEE and p.grants and p.member_id != member.pk for p in current
            )
        if place.role in COACH_ROLES:
            return not any(
                p.role in COACH_ROLES and p.grants and p.member_id != member.pk for p in current
            )
    return False


def reason_readable(transition: EngagementTransition, member: Membership | None) -> bool:
    """Whether `member` reads this change's reason: a leave's reason is read by the person who
    left and the engagement's coaches (current or past); every other reason by whoever sees the
    history. `None` (an operator at the terminal without --as) reads it."""
    if transition.action != Action.LEAVE or member is None or transition.by_id == member.pk:
        return True
    return EngagementParticipant.objects.filter(
        engagement_id=transition.engagement_id,
        member=member,
        role__in=COACH_ROLES,
        acceptance=Acceptance.ACCEPTED,
    ).exists()


# -- each side -----------------------------------------------------------------------------------


def _handed_over(
    engagement: Engagement, role: str, leaver: Membership, new: Membership | None, now: datetime
) -> None:
    """Tell the calendar and the rest that the leaver's role in the engagement is now `new`'s."""
    people_changed.send(
        sender=Engagement,
        engagement=engagement,
        role=role,
        old=leaver,
        new=new,
        actor=leaver,
        now=now,
    )


def _close(places: list[EngagementParticipant], now: datetime) -> None:
    EngagementParticipant.objects.filter(pk__in=[p.pk for p in places]).update(left_at=now)
    for p in places:
        p.left_at = now


def _end(engagement: Engagement, who_left: str) -> None:
    engagement.status = Status.ENDED
    engagement.ended_on = timezone.localdate()
    engagement.end_reason = who_left


def _coachee_leaves(
    engagement: Engagement,
    actor: Membership,
    place: EngagementParticipant,
    current: list[EngagementParticipant],
    now: datetime,
) -> None:
    if not engagement.is_several:
        _end(engagement, COACHEE_LEFT)  # their place stays: they keep reading what was done
        return
    _close([place], now)
    if engagement.kind in GROUP_SESSION_KINDS:  # the group's sessions leave their calendar
        place_left.send(sender=Engagement, engagement=engagement, member=actor, now=now)
    others = [
        p
        for p in current
        if p.role == Role.COACHEE and p.is_current and p.member_id != actor.pk and p.pk != place.pk
    ]
    if engagement.rotation:
        engagement.rotation = [pk for pk in engagement.rotation if pk != actor.pk]
    if engagement.coachee_id == actor.pk and others:
        accepted = [p for p in others if p.acceptance == Acceptance.ACCEPTED]
        engagement.coachee = (accepted or others)[0].member
        _handed_over(engagement, "coachee", actor, engagement.coachee, now)
    if not [p for p in others if p.acceptance == Acceptance.ACCEPTED]:
        engagement.status = Status.ENDED
        engagement.ended_on = timezone.localdate()
        engagement.end_reason = LAST_ONE_LEFT


def _coach_leaves(
    engagement: Engagement,
    actor: Membership,
    place: EngagementParticipant,
    current: list[EngagementParticipant],
    now: datetime,
) -> None:
    others = [
        p
        for p in current
        if p.role in COACH_ROLES and p.grants and p.member_id != actor.pk and p.pk != place.pk
    ]
    if not others:
        _end(engagement, COACH_LEFT)  # their place stays, as a coachee's who ends a 1:1
        return
    _close([place], now)
    if place.role != Role.LEAD_COACH:
        return
    successor = next((p for p in others if p.role == Role.CO_COACH), others[0])
    _close([successor], now)  # the co-coach who becomes the lead keeps one place
    EngagementParticipant.objects.create(
        engagement=engagement,
        member=successor.member,
        role=Role.LEAD_COACH,
        acceptance=Acceptance.ACCEPTED,
        responded_at=now,
        added_by=actor,
        added_at=now,
    )
    engagement.coach = successor.member
    # the future calendar follows the new lead coach
    _handed_over(engagement, "coach", actor, successor.member, now)


# -- telling the others --------------------------------------------------------------------------


def _to_tell(
    current: list[EngagementParticipant], actor: Membership
) -> list[tuple[Membership, bool]]:
    """Everyone else with a place that grants (accepted; a sponsor's also approved): each person
    once, and whether they are a coach (who is told why)."""
    people: dict[int, tuple[Membership, bool]] = {}
    for p in current:
        if p.member_id == actor.pk or not p.grants:
            continue
        coach = p.role in COACH_ROLES or people.get(p.member_id, (p.member, False))[1]
        people[p.member_id] = (p.member, coach)
    return list(people.values())


def _tell(
    engagement: Engagement,
    leaver: Membership,
    label: str,
    reason: str,
    ended: bool,
    people: list[tuple[Membership, bool]],
) -> None:
    for member, is_coach in people:
        with in_language_of(member.user):
            _tell_one(engagement, leaver, label, reason, ended, member, is_coach)


def _tell_one(
    engagement: Engagement,
    leaver: Membership,
    label: str,
    reason: str,
    ended: bool,
    member: Membership,
    is_coach: bool,
) -> None:
    what = engagement.topic or engagement.get_kind_display().lower()
    if ended:
        tail = gettext("The engagement has ended.")
    elif engagement.is_several and label == "coachee":
        tail = gettext("The engagement goes on for the others; their places are unchanged.")
    else:
        tail = gettext("The engagement goes on.")
    if label in ("lead coach", "co-coach") and not ended and engagement.coach_id != leaver.pk:
        tail += " " + gettext("The lead coach is %(name)s.") % {"name": engagement.coach.user}
    why = gettext("Why: %(reason)s") % {"reason": reason.strip()} + "\n" if is_coach else ""
    role = gettext(label.capitalize())  # the role's label (models.EngagementParticipant.Role)
    send_mail(
        subject=gettext("%(name)s left %(what)s") % {"name": leaver.user, "what": what},
        message=(
            gettext(
                "%(name)s left their place as %(role)s in the engagement (%(what)s) on Trellis."
            )
            % {"name": leaver.user, "role": role.lower(), "what": what}
            + f"\n{why}{tail}\n{lifecycle_base.engagement_url(engagement)}\n"
        ),
        from_email=None,
        recipient_list=[member.user.email],
    )
