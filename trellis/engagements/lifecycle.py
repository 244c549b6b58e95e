"""Writes for an engagement's people and life: propose, accept or decline, pause, resume, end,
reopen, change the coach or the sponsor. (Coaching sessions and notes are in services.py; this is
the services split by topic, re-exported there.)

Who may make each change (the policy's rules say the same, in accounts/policy.py):
- propose: an admin (on the organization's behalf) or a coach (as the lead coach);
- accept or decline: each person for their own place; the coachee's yes makes a proposed
  engagement active and approves the sponsor and observers named at that moment;
- pause, resume, reopen: a coach or the coachee of the engagement;
- end: a coach, the coachee, or an admin, always with a reason;
- change the coach or the sponsor: an admin or the lead coach; the coachee is told by email, and a
  new sponsor sees nothing until both they and the coachee have accepted.

Every change writes one `EngagementTransition` (who, when, why, from, to). The `coach`, `coachee`
and `sponsor` columns of `Engagement` follow the participant rows: the lead coach, the primary
coachee, and the sponsor whose place grants access (None while a sponsor waits for a yes).
"""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Team
from trellis.accounts.units import step
from trellis.engagements.lifecycle_base import (
    ACTIVE_OR_PAUSED,
    CANNOT,
    COACH_ONLY_SELF,
    END_BEFORE_START,
    END_IN_FUTURE,
    NOT_A_COACH,
    NOT_A_COACHEE,
    NOT_A_SPONSOR,
    NOT_ACTIVE,
    NOT_IN_ORG,
    NOT_PROPOSED,
    NOT_YOURS,
    NOTHING_TO_ANSWER,
    ONE_TO_ONE_ONE_COACHEE,
    REASON_REQUIRED,
    SAME_PERSON_TWICE,
    SELF_COACHING,
    UNKNOWN_KIND,
    Acceptance,
    Action,
    Role,
    Status,
    _current,
    _is_coach,
    _is_coachee,
    _keep_primary_accepted,
    _locked,
    _people_params,
    _places_params,
    _record,
    _sync_sponsor,
    _tell_proposed,
)
from trellis.engagements.lifecycle_people import engagement_change_coach, engagement_change_sponsor
from trellis.engagements.models import (
    GROUP_SESSION_KINDS,
    SEVERAL_COACHEES,
    Engagement,
    EngagementParticipant,
)
from trellis.engagements.selectors import engagement_waiting_for
from trellis.engagements.signals import place_accepted

# -- propose -------------------------------------------------------------------------------------


def engagement_propose(
    *,
    actor: Membership,
    coach: Membership,
    coachee: Membership,
    sponsor: Membership | None = None,
    kind: str = Engagement.Kind.ONE_TO_ONE,
    topic: str = "",
    co_coaches: Sequence[Membership] = (),
    more_coachees: Sequence[Membership] = (),
    observers: Sequence[Membership] = (),
    team: Team | None = None,
    org_roles_required: bool = True,
) -> Engagement:
    """Open an engagement as proposed. The coaches' places are accepted (a coach proposes
    themselves; an admin assigns a coach on the organization's behalf); every coachee, sponsor and
    observer answers for their own place, and it grants nothing until the coachee accepts.

    `org_roles_required=False` is for a pair both people already said yes to elsewhere (a
    mentoring program's pair, trellis/mentoring): the coach and coachee need not hold the
    organization's coach or coachee role, and are given none. Their places here grant access to
    this engagement only; the coach still proposes only themselves."""
    if not actor.is_admin and coach.pk != actor.pk:
        raise ValidationError({"coach": COACH_ONLY_SELF})
    if not org_roles_required and coach.pk != actor.pk:
        raise ValidationError({"coach": COACH_ONLY_SELF})
    errors = _people_errors(
        actor,
        coach,
        coachee,
        sponsor,
        kind,
        co_coaches,
        more_coachees,
        observers,
        org_roles=org_roles_required,
    )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with step():
        engagement = Engagement(
            org=actor.org,
            kind=kind,
            coach=coach,
            coachee=coachee,
            sponsor=None,
            topic=topic.strip(),
            status=Status.PROPOSED,
            proposed_by=actor,
            team=team,
        )
        if kind == Engagement.Kind.PEER:  # the peers take the coach's seat in the order named
            engagement.rotation = [coachee.pk, *(m.pk for m in more_coachees)]
        engagement.full_clean()
        engagement.save()
        places: list[tuple[str, Membership]] = [(Role.LEAD_COACH, coach)]
        places += [(Role.CO_COACH, m) for m in co_coaches]
        places += [(Role.COACHEE, coachee)] + [(Role.COACHEE, m) for m in more_coachees]
        if sponsor is not None:
            places.append((Role.SPONSOR, sponsor))
        places += [(Role.OBSERVER, m) for m in observers]
        for role, member in places:
            is_coach = role in (Role.LEAD_COACH, Role.CO_COACH)
            EngagementParticipant.objects.create(
                engagement=engagement,
                member=member,
                role=role,
                acceptance=Acceptance.ACCEPTED if is_coach else Acceptance.PENDING,
                responded_at=now if is_coach else None,
                added_by=actor,
                added_at=now,
            )
        _record(engagement, Action.PROPOSE, "", actor, params=_people_params(places))
        transaction.on_commit(lambda: _tell_proposed(engagement, [m for _, m in places]))
    return engagement


def _people_errors(
    actor: Membership,
    coach: Membership,
    coachee: Membership,
    sponsor: Membership | None,
    kind: str,
    co_coaches: Sequence[Membership],
    more_coachees: Sequence[Membership],
    observers: Sequence[Membership],
    *,
    org_roles: bool = True,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in Engagement.Kind.values:
        errors["kind"] = UNKNOWN_KIND.format(kind=kind, choices=", ".join(Engagement.Kind.values))
    elif kind == Engagement.Kind.ONE_TO_ONE and more_coachees:
        errors["coachees"] = str(ONE_TO_ONE_ONE_COACHEE)
    everyone = [coach, coachee, *co_coaches, *more_coachees, *observers]
    everyone += [sponsor] if sponsor is not None else []
    for person in everyone:
        if person.org_id != actor.org_id:
            errors["people"] = NOT_IN_ORG.format(name=person.user)
    for field, people in (("coach", [coach]), ("co_coaches", co_coaches)):
        for person in people:
            if org_roles and not person.is_coach:
                errors[field] = NOT_A_COACH.format(name=person.user)
    for field, people in (("coachee", [coachee]), ("coachees", more_coachees)):
        for person in people:
            # in a team, group or peer engagement anyone of the organization may be coached:
            # their own yes to their place is what counts
            if org_roles and not person.is_coachee and kind not in SEVERAL_COACHEES:
                errors[field] = NOT_A_COACHEE.format(name=person.user)
            elif not person.is_active:
                errors[field] = NOT_ACTIVE.format(name=person.user)
    if sponsor is not None and not sponsor.is_sponsor:
        errors["sponsor"] = NOT_A_SPONSOR.format(name=sponsor.user)
    if coach.pk == coachee.pk:
        errors["coachee"] = str(SELF_COACHING)
    seen: set[int] = set()
    for person in everyone:
        if person.pk in seen and "coachee" not in errors:
            errors["people"] = SAME_PERSON_TWICE.format(name=person.user)
        seen.add(person.pk)
    return errors


# -- answers -------------------------------------------------------------------------------------


def engagement_accept(*, actor: Membership, engagement: Engagement) -> Engagement:
    """The actor says yes to everything waiting for them (their place; for the coachee also the
    sponsor and observers named now). The primary coachee's yes makes a proposed engagement active.
    In a team, group or peer engagement every coachee answers for their own place only: the first
    coachee's yes makes it active (the others' places still grant nothing until they say yes), and
    each coachee's yes also approves the sponsor and observers it named (they were shown)."""
    waiting = engagement_waiting_for(engagement=engagement, member=actor)
    if not waiting:
        raise ValidationError({"engagement": NOTHING_TO_ANSWER})
    if engagement.status in (Status.DECLINED, Status.ENDED):
        raise ValidationError(
            {"engagement": NOT_PROPOSED.format(status=engagement.get_status_display().lower())}
        )
    now = timezone.now()
    with step():
        engagement = _locked(engagement)
        before = engagement.status
        several = engagement.is_several
        as_coachee = any(p.role == Role.COACHEE and p.member_id == actor.pk for p in waiting)
        if several and as_coachee:
            waiting += [
                p
                for p in _current(engagement)
                if p.needs_coachee_approval and p.coachee_approved_at is None and p not in waiting
            ]
        for place in waiting:
            if place.member_id == actor.pk and place.acceptance == Acceptance.PENDING:
                place.acceptance = Acceptance.ACCEPTED
                place.responded_at = now
            if place.needs_coachee_approval and (
                actor.pk == engagement.coachee_id or (several and as_coachee)
            ):
                place.coachee_approved_at = now
            place.save(update_fields=["acceptance", "responded_at", "coachee_approved_at"])
        if several and as_coachee:
            _keep_primary_accepted(engagement, actor)
        if before == Status.PROPOSED and (
            actor.pk == engagement.coachee_id or (several and as_coachee)
        ):
            engagement.status = Status.ACTIVE
            engagement.started_on = timezone.localdate()
        _sync_sponsor(engagement)
        engagement.save(update_fields=["status", "started_on", "sponsor", "coachee"])
        action = Action.ACCEPT if engagement.status != before else Action.PLACE_ACCEPTED
        _record(engagement, action, before, actor, params=_places_params(waiting))
        if as_coachee and engagement.kind in GROUP_SESSION_KINDS and before != Status.PROPOSED:
            # their calendar gets the group's sessions scheduled before they said yes
            place_accepted.send(Engagement, engagement=engagement, member=actor, now=now)
    return engagement


def engagement_decline(
    *, actor: Membership, engagement: Engagement, reason: str = ""
) -> Engagement:
    """The actor says no to what waits for them. The primary coachee declining a proposed
    engagement declines it all; declining a sponsor or observer removes that place. In a team,
    group or peer engagement a coachee declines their own place only (they are not in it); the
    engagement is declined when no coachee is left."""
    waiting = engagement_waiting_for(engagement=engagement, member=actor)
    if not waiting:
        raise ValidationError({"engagement": NOTHING_TO_ANSWER})
    now = timezone.now()
    with step():
        engagement = _locked(engagement)
        before = engagement.status
        for place in waiting:
            if place.member_id == actor.pk:
                place.acceptance = Acceptance.DECLINED
                place.responded_at = now
            else:  # the coachee refuses someone's place
                place.left_at = now
            place.save(update_fields=["acceptance", "responded_at", "left_at"])
        if engagement.is_several:
            left = [p for p in _current(engagement) if p.role == Role.COACHEE and p.is_current]
            if not left and before == Status.PROPOSED:
                engagement.status = Status.DECLINED
            elif left and engagement.coachee_id == actor.pk:  # another coachee becomes primary
                accepted = [p for p in left if p.acceptance == Acceptance.ACCEPTED]
                engagement.coachee = (accepted or left)[0].member
            if engagement.rotation:
                engagement.rotation = [pk for pk in engagement.rotation if pk != actor.pk]
            engagement.save(update_fields=["status", "coachee", "rotation"])
        elif before == Status.PROPOSED and actor.pk == engagement.coachee_id:
            engagement.status = Status.DECLINED
            engagement.save(update_fields=["status"])
        action = Action.DECLINE if engagement.status != before else Action.PLACE_DECLINED
        _record(engagement, action, before, actor, reason, _places_params(waiting))
    return engagement


# -- pause, resume, end, reopen ------------------------------------------------------------------

# the verbs the refusals name, each language's own word (not English glued into a sentence)
DONE = {
    "paused": _("paused"),
    "resumed": _("resumed"),
    "ended": _("ended"),
    "reopened": _("reopened"),
}
DO = {"paused": _("pause"), "resumed": _("resume"), "ended": _("end"), "reopened": _("reopen")}


def engagement_pause(*, actor: Membership, engagement: Engagement, reason: str = "") -> Engagement:
    return _move(actor, engagement, (Status.ACTIVE,), Status.PAUSED, Action.PAUSE, reason, "paused")


def engagement_resume(*, actor: Membership, engagement: Engagement, reason: str = "") -> Engagement:
    return _move(
        actor, engagement, (Status.PAUSED,), Status.ACTIVE, Action.RESUME, reason, "resumed"
    )


def engagement_reopen(*, actor: Membership, engagement: Engagement, reason: str = "") -> Engagement:
    return _move(
        actor, engagement, (Status.ENDED,), Status.ACTIVE, Action.REOPEN, reason, "reopened"
    )


def engagement_end(
    *, actor: Membership, engagement: Engagement, reason: str, ended_on: date | None = None
) -> Engagement:
    """End an active or paused engagement, with a reason and an end date (today by default)."""
    today = timezone.localdate()
    ended_on = ended_on or today
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = str(REASON_REQUIRED)
    if ended_on > today:
        errors["ended_on"] = str(END_IN_FUTURE)
    elif ended_on < engagement.started_on:
        errors["ended_on"] = END_BEFORE_START.format(started=engagement.started_on)
    if errors:
        raise ValidationError(errors)
    return _move(
        actor, engagement, ACTIVE_OR_PAUSED, Status.ENDED, Action.END, reason, "ended", ended_on
    )


def _move(
    actor: Membership,
    engagement: Engagement,
    sources: Sequence[str],
    target: str,
    action: str,
    reason: str,
    verb: str,
    ended_on: date | None = None,
) -> Engagement:
    if engagement.status not in sources:
        raise ValidationError(
            {
                "status": CANNOT.format(
                    status=engagement.get_status_display().lower(), verb=DONE[verb]
                )
            }
        )
    may = _is_coach(engagement, actor) or _is_coachee(engagement, actor)
    who = _("a coach or the coachee of")
    if action == Action.END and actor.is_admin:
        may = True
    if not may:
        if action == Action.END:
            who = _("a coach, the coachee or an admin of the organization for")
        raise ValidationError({"engagement": NOT_YOURS.format(who=who, verb=DO[verb])})
    with step():
        engagement = _locked(engagement)
        if engagement.status not in sources:  # someone else moved it first
            raise ValidationError(
                {
                    "status": CANNOT.format(
                        status=engagement.get_status_display().lower(), verb=DONE[verb]
                    )
                }
            )
        before = engagement.status
        engagement.status = target
        if action == Action.END:
            engagement.ended_on = ended_on
            engagement.end_reason = reason.strip()
        elif action == Action.REOPEN:
            engagement.ended_on = None
            engagement.end_reason = ""
        engagement.save(update_fields=["status", "ended_on", "end_reason"])
        _record(engagement, action, before, actor, reason=reason)
    return engagement


# -- changing people -----------------------------------------------------------------------------


# -- for fixtures, imports and the demo ----------------------------------------------------------


def engagement_open_agreed(
    *,
    org_member: Membership,
    coach: Membership,
    coachee: Membership,
    sponsor: Membership | None = None,
    topic: str = "",
    kind: str = Engagement.Kind.ONE_TO_ONE,
    started_on: date | None = None,
) -> Engagement:
    """An engagement everyone already agreed to elsewhere (the demo, tests, imports): proposed by
    `org_member` and accepted by its coachee and sponsor, with both steps in its history."""
    engagement = engagement_propose(
        actor=org_member if org_member.is_admin else coach,
        coach=coach,
        coachee=coachee,
        sponsor=sponsor,
        kind=kind,
        topic=topic,
    )
    if sponsor is not None:
        engagement_accept(actor=sponsor, engagement=engagement)
    engagement = engagement_accept(actor=coachee, engagement=engagement)
    if started_on is not None:
        Engagement.objects.filter(pk=engagement.pk).update(started_on=started_on)
        engagement.started_on = started_on
    return engagement


def engagement_places_from_pair(*, engagement: Engagement) -> list[EngagementParticipant]:
    """Accepted places for an engagement row made directly from a coach, coachee and sponsor
    (fixtures, seeds): what the 0004 migration did for existing engagements. Idempotent."""
    if engagement.participants.exists():
        return list(engagement.participants.all())
    at = timezone.now()
    places = [(Role.LEAD_COACH, engagement.coach_id), (Role.COACHEE, engagement.coachee_id)]
    if engagement.sponsor_id:
        places.append((Role.SPONSOR, engagement.sponsor_id))
    rows = [
        EngagementParticipant(
            engagement=engagement,
            member_id=member_id,
            role=role,
            acceptance=Acceptance.ACCEPTED,
            responded_at=at,
            coachee_approved_at=at if role == Role.SPONSOR else None,
            added_at=at,
        )
        for role, member_id in places
    ]
    return EngagementParticipant.objects.bulk_create(rows)


__all__ = [
    "engagement_accept",
    "engagement_change_coach",
    "engagement_change_sponsor",
    "engagement_decline",
    "engagement_end",
    "engagement_open_agreed",
    "engagement_pause",
    "engagement_places_from_pair",
    "engagement_propose",
    "engagement_reopen",
    "engagement_resume",
]
