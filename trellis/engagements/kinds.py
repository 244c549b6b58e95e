"""Team, group and peer engagements: proposing them, inviting a newcomer, and the peer rotation.

Each builds on `lifecycle.engagement_propose`: the coaches' places are accepted, every coachee's
place waits for that person's own answer, and a place grants access only once its person accepted
(see `Engagement.participant_relations`). Nobody becomes someone's group-mate without their say:
a member who declines is not in it, and a person who joins the team later is invited, never added.

- team: the members of an `accounts.Team`, plus its leader (the manager most of its members report
  to, when the people data names one), coached by a lead coach and co-coaches, with an optional
  sponsor;
- group: a cohort picked from anywhere in the organization;
- peer: the participants coach each other. The rotation (`Engagement.rotation`) is the order in
  which the peers take the coach's seat: at turn t, peer t coaches peer t+1 (wrapping round). A
  peer session on the calendar recorded as held (attendance) advances the turn, a no-show or a
  cancellation keeps it; any accepted peer or a coach may change the order.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Team
from trellis.engagements.lifecycle import engagement_propose
from trellis.engagements.lifecycle_base import _people_params, _record
from trellis.engagements.models import Engagement, EngagementParticipant, EngagementTransition

Role = EngagementParticipant.Role
Acceptance = EngagementParticipant.Acceptance

NOT_OUR_TEAM = _("No team of this organization is called {name!r}.")
TEAM_TOO_SMALL = _("A team engagement needs at least two people; {team} has {count}.")
GROUP_TOO_SMALL = _("A group engagement needs at least two coachees (found {count}).")
PEERS_TOO_FEW = _("A peer engagement needs at least two peers (found {count}).")
NOT_SEVERAL = _("Only a team, group or peer engagement takes invitations; this one is {kind}.")
ALREADY_IN = _("{name} already has a place in this engagement.")
INVITE_CLOSED = _("An engagement that is {status} takes no new people.")
NOT_A_PEER = _("The rotation names only this engagement's accepted peers; {name} is not one.")
ROTATION_INCOMPLETE = _("The rotation must name every accepted peer once: missing {names}.")
NOT_PEER_KIND = _("Only a peer engagement has a rotation.")
NOT_YOURS = _("Only a coach or an accepted peer of this engagement can change the rotation.")

SEVERAL = (Engagement.Kind.TEAM, Engagement.Kind.GROUP, Engagement.Kind.PEER)


# -- team ----------------------------------------------------------------------------------------


def team_people(team: Team) -> list[Membership]:
    """The active members of a team, by name."""
    return list(
        team.members.filter(is_active=True).select_related("user").order_by("user__name", "pk")
    )


def team_leader_of(team: Team, members: Sequence[Membership] | None = None) -> Membership | None:
    """The team's leader where the people data says so: the active manager most of its members
    report to (a member who leads the others counts too). None when nobody is named."""
    members = team_people(team) if members is None else members
    managers = Counter(m.manager_id for m in members if m.manager_id is not None)
    if not managers:
        return None
    leader_id, _count = managers.most_common(1)[0]
    return (
        Membership.objects.filter(pk=leader_id, org_id=team.org_id, is_active=True)
        .select_related("user")
        .first()
    )


def engagement_propose_team(
    *,
    actor: Membership,
    team: Team,
    coach: Membership,
    co_coaches: Sequence[Membership] = (),
    sponsor: Membership | None = None,
    topic: str = "",
    with_leader: bool = True,
) -> Engagement:
    """Propose coaching for a whole team: each member (and the leader) is a coachee who accepts
    or declines their own place. Errors are keyed `team`, `coach`, `co_coaches`, `sponsor`."""
    if team.org_id != actor.org_id:
        raise ValidationError({"team": NOT_OUR_TEAM.format(name=team.name)})
    people = team_people(team)
    leader = team_leader_of(team, people) if with_leader else None
    if leader is not None and all(m.pk != leader.pk for m in people):
        people = [leader, *people]
    # the coaches and the sponsor coach or sponsor the team; they are not coached in it
    others = {coach.pk, *(m.pk for m in co_coaches), *([sponsor.pk] if sponsor else [])}
    people = [m for m in people if m.pk not in others]
    if len(people) < 2:
        raise ValidationError({"team": TEAM_TOO_SMALL.format(team=team.name, count=len(people))})
    return _propose_several(
        actor=actor,
        kind=Engagement.Kind.TEAM,
        coach=coach,
        coachees=people,
        co_coaches=co_coaches,
        sponsor=sponsor,
        topic=topic or f"Team coaching: {team.name}",
        team=team,
        field="team",
    )


def engagement_propose_group(
    *,
    actor: Membership,
    coach: Membership,
    coachees: Sequence[Membership],
    co_coaches: Sequence[Membership] = (),
    sponsor: Membership | None = None,
    topic: str = "",
) -> Engagement:
    """Propose group coaching for a cohort picked from anywhere in the organization."""
    if len(coachees) < 2:
        raise ValidationError({"coachees": GROUP_TOO_SMALL.format(count=len(coachees))})
    return _propose_several(
        actor=actor,
        kind=Engagement.Kind.GROUP,
        coach=coach,
        coachees=coachees,
        co_coaches=co_coaches,
        sponsor=sponsor,
        topic=topic,
        field="coachees",
    )


def engagement_propose_peer(
    *,
    actor: Membership,
    coach: Membership,
    peers: Sequence[Membership],
    topic: str = "",
) -> Engagement:
    """Propose a peer-coaching circle: `coach` facilitates (the lead coach), the peers coach each
    other in the order given (the rotation), each accepting their own place first."""
    if len(peers) < 2:
        raise ValidationError({"peers": PEERS_TOO_FEW.format(count=len(peers))})
    return _propose_several(
        actor=actor,
        kind=Engagement.Kind.PEER,
        coach=coach,
        coachees=peers,
        topic=topic,
        field="peers",
    )


def _propose_several(
    *,
    actor: Membership,
    kind: str,
    coach: Membership,
    coachees: Sequence[Membership],
    field: str,
    co_coaches: Sequence[Membership] = (),
    sponsor: Membership | None = None,
    topic: str = "",
    team: Team | None = None,
) -> Engagement:
    try:
        return engagement_propose(
            actor=actor,
            coach=coach,
            coachee=coachees[0],
            more_coachees=list(coachees[1:]),
            co_coaches=co_coaches,
            sponsor=sponsor,
            kind=kind,
            topic=topic,
            team=team,
        )
    except ValidationError as exc:  # the coachees' errors under the field the caller named
        errors = {
            (field if key in ("coachee", "coachees") else key): messages
            for key, messages in exc.message_dict.items()
        }
        raise ValidationError(errors) from exc


# -- a newcomer ----------------------------------------------------------------------------------


def team_newcomers(engagement: Engagement) -> list[Membership]:
    """People of the engagement's team who have no place in it (joined since, or never asked);
    someone who declined is not asked again by this list."""
    if engagement.team_id is None or engagement.status not in OPEN:
        return []
    placed = set(engagement.participants.values_list("member_id", flat=True))
    return [m for m in team_people(engagement.team) if m.pk not in placed]  # type: ignore[arg-type]


OPEN = (Engagement.Status.PROPOSED, Engagement.Status.ACTIVE, Engagement.Status.PAUSED)


def engagement_invite(
    *, actor: Membership, engagement: Engagement, member: Membership
) -> EngagementParticipant:
    """Offer a coachee's place in a team, group or peer engagement to one more person (e.g. who
    joined the team since). The place is proposed: it grants nothing until they accept."""
    errors: dict[str, str] = {}
    if engagement.kind not in SEVERAL:
        errors["engagement"] = NOT_SEVERAL.format(kind=engagement.get_kind_display())
    elif engagement.status not in OPEN:
        errors["engagement"] = INVITE_CLOSED.format(status=engagement.get_status_display().lower())
    elif member.org_id != engagement.org_id:
        errors["member"] = f"{member.user} is not a member of this organization."
    elif engagement.participants.filter(member=member, left_at__isnull=True).exists():
        errors["member"] = ALREADY_IN.format(name=member.user)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic(durable=True):
        place = EngagementParticipant.objects.create(
            engagement=engagement,
            member=member,
            role=Role.COACHEE,
            added_by=actor,
            added_at=now,
        )
        if engagement.kind == Engagement.Kind.PEER:
            Engagement.objects.filter(pk=engagement.pk).update(
                rotation=[*engagement.rotation, member.pk]
            )
        _record(
            engagement,
            EngagementTransition.Action.INVITE,
            engagement.status,
            actor,
            params=_people_params([(Role.COACHEE, member)]),
        )
    return place


# -- peer rotation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """Who coaches whom in the next peer session."""

    number: int
    coach: Membership
    coachee: Membership
    observers: tuple[Membership, ...] = ()  # the circle's other peers watch and give feedback


def rotation_peers(engagement: Engagement) -> list[Membership]:
    """The accepted peers in rotation order (peers missing from the stored order come last)."""
    accepted = {
        p.member_id: p.member
        for p in engagement.participants.select_related("member__user")
        if p.role == Role.COACHEE and p.grants
    }
    order = [pk for pk in engagement.rotation if pk in accepted]
    order += [pk for pk in accepted if pk not in order]
    return [accepted[pk] for pk in order]


def rotation_turn(engagement: Engagement) -> Turn | None:
    """The pair for the next peer session, or None until two peers have accepted."""
    if engagement.kind != Engagement.Kind.PEER:
        return None
    peers = rotation_peers(engagement)
    if len(peers) < 2:
        return None
    at = engagement.rotation_turn % len(peers)
    coach, coachee = peers[at], peers[(at + 1) % len(peers)]
    observers = tuple(p for p in peers if p.pk not in (coach.pk, coachee.pk))
    return Turn(engagement.rotation_turn + 1, coach, coachee, observers)


def rotation_set(
    *, actor: Membership, engagement: Engagement, order: Sequence[Membership]
) -> Engagement:
    """A coach or an accepted peer changes the order (every accepted peer, once each)."""
    if engagement.kind != Engagement.Kind.PEER:
        raise ValidationError({"engagement": NOT_PEER_KIND})
    relations = engagement.participant_relations(actor)
    if not relations & {"coach", "peer"}:
        raise ValidationError({"engagement": NOT_YOURS})
    peers = rotation_peers(engagement)
    ids = {m.pk for m in peers}
    for person in order:
        if person.pk not in ids:
            raise ValidationError({"order": NOT_A_PEER.format(name=person.user)})
    named = [m.pk for m in order]
    if len(set(named)) != len(named) or set(named) != ids:
        missing = ", ".join(str(m.user) for m in peers if m.pk not in named) or "a peer twice"
        raise ValidationError({"order": ROTATION_INCOMPLETE.format(names=missing)})
    with transaction.atomic(durable=True):
        engagement = Engagement.objects.select_for_update(of=("self",)).get(pk=engagement.pk)
        engagement.rotation = named
        engagement.rotation_turn = 0
        engagement.save(update_fields=["rotation", "rotation_turn"])
        _record(
            engagement,
            EngagementTransition.Action.ROTATION,
            engagement.status,
            actor,
            params={"order": [str(m.uuid) for m in order]},
        )
    return engagement


def rotation_advance(*, engagement_id: int, step: int = 1) -> None:
    """A peer session on the calendar was recorded as held (`step` 1): the next pair takes the
    seats; a held session corrected to a no-show or a cancellation (`step` -1) gives the turn
    back. Called inside the attendance's transaction; nothing else moves the turn."""
    engagement = Engagement.objects.select_for_update(of=("self",)).get(pk=engagement_id)
    if engagement.kind != Engagement.Kind.PEER:
        return
    turn = max(engagement.rotation_turn + step, 0)
    Engagement.objects.filter(pk=engagement_id).update(rotation_turn=turn)


# -- naming people (pages, API, terminal) --------------------------------------------------------

NO_EMAIL = _("{where}no member of this organization has the email {email!r}.")
NO_ID = _("{where}no member of this organization has the id {id}.")
TWICE = _("{where}{name} is named twice.")


def members_by_email(*, org_id: int, emails: Sequence[str], field: str) -> list[Membership]:
    """The members named by email, in the order given; every unknown one is reported under
    `field` with its line (1-based)."""
    wanted = [e.strip() for e in emails]
    found = {  # any letter case, as at sign-in
        m.user.email.lower(): m
        for m in Membership.objects.annotate(email=Lower("user__email"))
        .filter(org_id=org_id, is_active=True, email__in=[e.lower() for e in wanted if e])
        .select_related("user")
    }
    return _in_order(wanted, lambda e: found.get(e.lower()), field, str(NO_EMAIL), "email")


def members_by_id(*, org_id: int, ids: Sequence[object], field: str) -> list[Membership]:
    """The members named by id (their uuid), in the order given."""
    found = {
        str(m.uuid): m
        for m in Membership.objects.filter(org_id=org_id, uuid__in=list(ids)).select_related("user")
    }
    return _in_order([str(i) for i in ids], found.get, field, str(NO_ID), "id")


def _in_order(
    wanted: Sequence[str], look: object, field: str, unknown: str, key: str
) -> list[Membership]:
    errors: list[str] = []
    people: list[Membership] = []
    for at, value in enumerate(wanted, start=1):
        if not value:
            continue
        where = f"line {at}: " if key == "email" else f"item {at}: "
        person = look(value)  # type: ignore[operator]
        if person is None:
            errors.append(unknown.format(where=where, **{key: value}))
        elif person in people:
            errors.append(TWICE.format(where=where, name=person.user))
        else:
            people.append(person)
    if errors:
        raise ValidationError({field: errors})
    return people
