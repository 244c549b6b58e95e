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

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from trellis.accounts.models import Membership, Team
from trellis.engagements.models import (
    SEVERAL_COACHEES,
    Engagement,
    EngagementParticipant,
    EngagementTransition,
)
from trellis.engagements.selectors import engagement_waiting_for
from trellis.engagements.signals import people_changed

Role = EngagementParticipant.Role
Acceptance = EngagementParticipant.Acceptance
Status = Engagement.Status
Action = EngagementTransition.Action

NOT_A_COACH = "{name} does not have the coach role in this organization."
NOT_A_COACHEE = "{name} does not have the coachee role in this organization."
NOT_A_SPONSOR = "{name} does not have the sponsor role in this organization."
NOT_IN_ORG = "{name} is not a member of this organization."
SELF_COACHING = "A coach cannot be their own coachee in an engagement; use self-coaching instead."
COACH_ONLY_SELF = "As a coach you can open engagements only with yourself as the coach."
SAME_PERSON_TWICE = "{name} is named twice; each person has one place."
UNKNOWN_KIND = "Unknown kind {kind!r}: expected one of {choices}."
ONE_TO_ONE_ONE_COACHEE = "A one-to-one engagement has exactly one coachee."
NOT_ACTIVE = "{name} is no longer an active member of this organization."
NOTHING_TO_ANSWER = "You have nothing waiting for your answer in this engagement."
NOT_PROPOSED = "This engagement is {status}; only a proposed engagement can be accepted."
CANNOT = "An engagement that is {status} cannot be {verb}."
NOT_YOURS = "Only {who} can {verb} this engagement."
REASON_REQUIRED = "Say why, in a line (it is kept in the engagement's history)."
END_IN_FUTURE = "The end date cannot be in the future."
END_BEFORE_START = "The end date cannot be before the engagement started ({started})."
SAME_COACH = "{name} is already the lead coach."
SAME_SPONSOR = "{name} is already the sponsor."
COACH_IS_COACHEE = "The coachee cannot also be the coach."
SPONSOR_IS_COACHEE = "The coachee cannot also be the sponsor."
CHANGE_WHILE_CLOSED = "The people of a {status} engagement cannot change."

ACTIVE_OR_PAUSED = (Status.ACTIVE, Status.PAUSED)


# -- reading places ------------------------------------------------------------------------------


def _current(engagement: Engagement) -> list[EngagementParticipant]:
    return [p for p in engagement.participants.select_related("member__user") if p.left_at is None]


def _places_of(engagement: Engagement, member: Membership) -> list[EngagementParticipant]:
    return [p for p in _current(engagement) if p.member_id == member.pk]


def _is_coach(engagement: Engagement, member: Membership) -> bool:
    return any(p.relation == "coach" and p.grants for p in _places_of(engagement, member))


def _is_coachee(engagement: Engagement, member: Membership) -> bool:
    return any(p.role == Role.COACHEE and p.grants for p in _places_of(engagement, member))


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
) -> Engagement:
    """Open an engagement as proposed. The coaches' places are accepted (a coach proposes
    themselves; an admin assigns a coach on the organization's behalf); every coachee, sponsor and
    observer answers for their own place, and it grants nothing until the coachee accepts."""
    if not actor.is_admin and coach.pk != actor.pk:
        raise ValidationError({"coach": COACH_ONLY_SELF})
    errors = _people_errors(
        actor, coach, coachee, sponsor, kind, co_coaches, more_coachees, observers
    )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic(durable=True):
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
        _record(engagement, Action.PROPOSE, "", actor, detail=_people_line(places))
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
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in Engagement.Kind.values:
        errors["kind"] = UNKNOWN_KIND.format(kind=kind, choices=", ".join(Engagement.Kind.values))
    elif kind == Engagement.Kind.ONE_TO_ONE and more_coachees:
        errors["coachees"] = ONE_TO_ONE_ONE_COACHEE
    everyone = [coach, coachee, *co_coaches, *more_coachees, *observers]
    everyone += [sponsor] if sponsor is not None else []
    for person in everyone:
        if person.org_id != actor.org_id:
            errors["people"] = NOT_IN_ORG.format(name=person.user)
    for field, people in (("coach", [coach]), ("co_coaches", co_coaches)):
        for person in people:
            if not person.is_coach:
                errors[field] = NOT_A_COACH.format(name=person.user)
    for field, people in (("coachee", [coachee]), ("coachees", more_coachees)):
        for person in people:
            # in a team, group or peer engagement anyone of the organization may be coached:
            # their own yes to their place is what counts
            if not person.is_coachee and kind not in SEVERAL_COACHEES:
                errors[field] = NOT_A_COACHEE.format(name=person.user)
            elif not person.is_active:
                errors[field] = NOT_ACTIVE.format(name=person.user)
    if sponsor is not None and not sponsor.is_sponsor:
        errors["sponsor"] = NOT_A_SPONSOR.format(name=sponsor.user)
    if coach.pk == coachee.pk:
        errors["coachee"] = SELF_COACHING
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
        raise ValidationError({"engagement": NOT_PROPOSED.format(status=engagement.status)})
    now = timezone.now()
    with transaction.atomic(durable=True):
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
        _record(engagement, action, before, actor, detail=_places_line(waiting))
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
    with transaction.atomic(durable=True):
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
        _record(engagement, action, before, actor, reason=reason, detail=_places_line(waiting))
    return engagement


# -- pause, resume, end, reopen ------------------------------------------------------------------


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
        errors["reason"] = REASON_REQUIRED
    if ended_on > today:
        errors["ended_on"] = END_IN_FUTURE
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
        raise ValidationError({"status": CANNOT.format(status=engagement.status, verb=verb)})
    may = _is_coach(engagement, actor) or _is_coachee(engagement, actor)
    who = "a coach or the coachee of"
    if action == Action.END and actor.is_admin:
        may = True
    if not may:
        if action == Action.END:
            who = "a coach, the coachee or an admin of the organization for"
        raise ValidationError({"engagement": NOT_YOURS.format(who=who, verb=verb.rstrip("d"))})
    with transaction.atomic(durable=True):
        engagement = _locked(engagement)
        if engagement.status not in sources:  # someone else moved it first
            raise ValidationError({"status": CANNOT.format(status=engagement.status, verb=verb)})
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


def engagement_change_coach(
    *, actor: Membership, engagement: Engagement, coach: Membership, reason: str = ""
) -> Engagement:
    """Hand the engagement to another lead coach. The coachee is told by email."""
    _may_change_people(actor, engagement)
    errors: dict[str, str] = {}
    if coach.org_id != actor.org_id:
        errors["coach"] = NOT_IN_ORG.format(name=coach.user)
    elif not coach.is_coach:
        errors["coach"] = NOT_A_COACH.format(name=coach.user)
    elif coach.pk == engagement.coach_id:
        errors["coach"] = SAME_COACH.format(name=coach.user)
    elif coach.pk == engagement.coachee_id:
        errors["coach"] = COACH_IS_COACHEE
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic(durable=True):
        engagement = _locked(engagement)
        old = engagement.coach
        engagement.participants.filter(role=Role.LEAD_COACH, left_at__isnull=True).update(
            left_at=now
        )
        # a co-coach who becomes the lead keeps one place
        engagement.participants.filter(
            role=Role.CO_COACH, member=coach, left_at__isnull=True
        ).update(left_at=now)
        EngagementParticipant.objects.create(
            engagement=engagement,
            member=coach,
            role=Role.LEAD_COACH,
            acceptance=Acceptance.ACCEPTED,
            responded_at=now,
            added_by=actor,
            added_at=now,
        )
        engagement.coach = coach
        engagement.save(update_fields=["coach"])
        detail = f"{old.user} -> {coach.user}"
        _record(engagement, Action.CHANGE_COACH, engagement.status, actor, reason, detail)
        # the future calendar follows (scheduling: sessions, series, reminders, invitations)
        people_changed.send(
            sender=Engagement,
            engagement=engagement,
            role="coach",
            old=old,
            new=coach,
            actor=actor,
            now=now,
        )
        transaction.on_commit(lambda: _tell_coachee_of_change(engagement, "coach", detail))
        transaction.on_commit(lambda: _tell_coaches_of_change(engagement, old, coach))
    return engagement


def engagement_change_sponsor(
    *,
    actor: Membership,
    engagement: Engagement,
    sponsor: Membership | None,
    reason: str = "",
) -> Engagement:
    """Replace (or remove, with None) the sponsor. The old sponsor loses access at once; a new one
    gains it only when they and the coachee have both accepted. The coachee is told by email."""
    _may_change_people(actor, engagement)
    current = [p for p in _current(engagement) if p.role == Role.SPONSOR]
    errors: dict[str, str] = {}
    if sponsor is not None:
        if sponsor.org_id != actor.org_id:
            errors["sponsor"] = NOT_IN_ORG.format(name=sponsor.user)
        elif not sponsor.is_sponsor:
            errors["sponsor"] = NOT_A_SPONSOR.format(name=sponsor.user)
        elif any(p.member_id == sponsor.pk for p in current):
            errors["sponsor"] = SAME_SPONSOR.format(name=sponsor.user)
        elif sponsor.pk == engagement.coachee_id:
            errors["sponsor"] = SPONSOR_IS_COACHEE
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic(durable=True):
        engagement = _locked(engagement)
        engagement.participants.filter(role=Role.SPONSOR, left_at__isnull=True).update(left_at=now)
        if sponsor is not None:
            EngagementParticipant.objects.create(
                engagement=engagement,
                member=sponsor,
                role=Role.SPONSOR,
                added_by=actor,
                added_at=now,
            )
        engagement.sponsor = None
        engagement.save(update_fields=["sponsor"])
        old = ", ".join(str(p.member.user) for p in current) or "no sponsor"
        detail = f"{old} -> {sponsor.user if sponsor else 'no sponsor'}"
        _record(engagement, Action.CHANGE_SPONSOR, engagement.status, actor, reason, detail)
        people_changed.send(
            sender=Engagement,
            engagement=engagement,
            role="sponsor",
            old=current[0].member if current else None,
            new=None,  # a new sponsor counts once they and the coachee accepted
            actor=actor,
            now=now,
        )
        transaction.on_commit(lambda: _tell_coachee_of_change(engagement, "sponsor", detail))
    return engagement


def _may_change_people(actor: Membership, engagement: Engagement) -> None:
    if engagement.status not in (Status.PROPOSED, *ACTIVE_OR_PAUSED):
        raise ValidationError({"engagement": CHANGE_WHILE_CLOSED.format(status=engagement.status)})
    lead = any(p.role == Role.LEAD_COACH and p.grants for p in _places_of(engagement, actor))
    if not (actor.is_admin or lead):
        raise ValidationError(
            {"engagement": NOT_YOURS.format(who="an admin or the lead coach of", verb="change")}
        )


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


# -- helpers -------------------------------------------------------------------------------------


def _locked(engagement: Engagement) -> Engagement:
    return (
        # of=self: PostgreSQL cannot lock the nullable side of an outer join (sponsor)
        Engagement.objects.select_for_update(of=("self",))
        .select_related("coach__user", "coachee__user", "sponsor__user", "org")
        .get(pk=engagement.pk)
    )


def _keep_primary_accepted(engagement: Engagement, actor: Membership) -> None:
    """The `coachee` column of a team, group or peer engagement names an accepted coachee when
    there is one (the readers of `engagement.coachee` then never name someone who said no)."""
    primary = [
        p
        for p in _current(engagement)
        if p.role == Role.COACHEE and p.member_id == engagement.coachee_id
    ]
    if not primary or primary[0].acceptance != Acceptance.ACCEPTED:
        engagement.coachee = actor


def _sync_sponsor(engagement: Engagement) -> None:
    """The sponsor column names the first sponsor whose place grants access, else nobody."""
    granting = [p for p in _current(engagement) if p.role == Role.SPONSOR and p.grants]
    engagement.sponsor = granting[0].member if granting else None


def _record(
    engagement: Engagement,
    action: str,
    before: str,
    actor: Membership | None,
    reason: str = "",
    detail: str = "",
) -> EngagementTransition:
    return EngagementTransition.objects.create(
        engagement=engagement,
        action=action,
        from_status=before,
        to_status=engagement.status,
        by=actor,
        reason=reason.strip()[:300],
        detail=detail[:300],
    )


def _people_line(places: Sequence[tuple[str, Membership]]) -> str:
    return "; ".join(f"{Role(role).label}: {member.user}" for role, member in places)


def _places_line(places: Sequence[EngagementParticipant]) -> str:
    return "; ".join(f"{p.get_role_display()}: {p.member.user}" for p in places)


def engagement_url(engagement: Engagement) -> str:
    path = reverse(
        "engagements:detail",
        kwargs={"slug": engagement.org.slug, "engagement_uuid": engagement.uuid},
    )
    return settings.SITE_URL + path


def _tell_proposed(engagement: Engagement, people: Sequence[Membership]) -> None:
    proposer = engagement.proposed_by
    for member in people:
        if member.pk == engagement.coach_id or proposer is None or member.pk == proposer.pk:
            continue
        who = (  # a team, group or peer engagement: each person answers for their own place
            f"{engagement.get_kind_display().lower()} with {engagement.coach.user} as coach; each "
            "person is asked to accept or decline their own place, and nothing is shared with "
            "anyone before they accept"
            if engagement.is_several
            else f"with {engagement.coach.user} as coach and {engagement.coachee.user} as "
            "coachee.\nNothing is shared until you and the coachee accept"
        )
        send_mail(
            subject=f"{proposer.user} proposed a coaching engagement with you",
            message=(
                f"{proposer.user} proposed an engagement on Trellis: {engagement.topic or 'coaching'}"
                f", {who}. Accept or decline here:\n{engagement_url(engagement)}\n"
            ),
            from_email=None,
            recipient_list=[member.user.email],
        )


def _tell_coaches_of_change(engagement: Engagement, old: Membership, new: Membership) -> None:
    """Both coaches hear of the hand-over; the calendar invitations follow from the outbox."""
    who = engagement.coachee.user
    for member, message in (
        (
            old,
            f"Your coaching of {who} is handed to {new.user}. Its future sessions leave "
            "your calendar and reminders; the past ones stay in your history.",
        ),
        (
            new,
            f"You now coach {who} (taking over from {old.user}). The engagement's future "
            "sessions are on your calendar; the invitations follow.",
        ),
    ):
        send_mail(
            subject=f"Coaching of {who} handed over",
            message=f"{message}\n{engagement_url(engagement)}\n",
            from_email=None,
            recipient_list=[member.user.email],
        )


def _tell_coachee_of_change(engagement: Engagement, what: str, detail: str) -> None:
    tail = (
        "\nThe new sponsor sees nothing until you accept them on the engagement's page."
        if what == "sponsor"
        else ""
    )
    send_mail(
        subject=f"Your coaching engagement has a new {what}",
        message=(
            f"The {what} of your engagement ({engagement.topic or 'coaching'}) changed: {detail}."
            f"{tail}\n{engagement_url(engagement)}\n"
        ),
        from_email=None,
        recipient_list=[engagement.coachee.user.email],
    )
