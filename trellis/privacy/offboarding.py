"""A member leaves an organization: their access there ends at once (pages, API tokens, calendar
feeds), their coachees' engagements go to another coach (or end, with a reason), engagements they
were coached in end, and their sponsor places are removed. Records their coachees need stay.

In a team, group or peer engagement a departing coachee or co-coach leaves their own place and the
engagement goes on for the others. It is all one transaction (`accounts.units.one_unit`): a
hand-over refused half-way leaves the person a member with everything as it was, and the emails
go out only once it all committed.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from trellis.accounts.models import ApiToken, AuditEvent, Invitation, Membership, Organization
from trellis.accounts.services import audit_record
from trellis.accounts.units import one_unit
from trellis.core.people_csv import PersonRow
from trellis.engagements import leaving, lifecycle
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.engagements.selectors import engagement_waiting_for
from trellis.scheduling.services.feeds import feed_token_revoke

OPEN = (Engagement.Status.PROPOSED, Engagement.Status.ACTIVE, Engagement.Status.PAUSED)
RUNNING = (Engagement.Status.ACTIVE, Engagement.Status.PAUSED)
SELF = gettext_noop("You cannot deactivate yourself here; ask another admin.")
LAST_ADMIN = gettext_noop(
    "{name} is the organization's only admin: make someone else an admin first."
)
HAND_TO = gettext_noop(
    "Choose an active coach of this organization other than {name}, or end their engagements."
)
REASON = gettext_noop("Say why (it goes in each ended engagement's history).")


RELATIONS = {
    EngagementParticipant.Role.LEAD_COACH.value: "coaching",
    EngagementParticipant.Role.CO_COACH.value: "co_coaching",
    EngagementParticipant.Role.COACHEE.value: "coached",
    EngagementParticipant.Role.SPONSOR.value: "sponsoring",
}


@dataclass
class Departure:
    coaching: list[Engagement] = field(default_factory=list)  # they are the lead coach
    coached: list[Engagement] = field(default_factory=list)  # they are a coachee
    co_coaching: list[Engagement] = field(default_factory=list)  # beside the lead coach
    sponsoring: list[Engagement] = field(default_factory=list)


def departure_of(member: Membership) -> Departure:
    """What deactivating this member would touch."""
    found = Departure()
    places = (
        EngagementParticipant.objects.filter(
            member=member, left_at__isnull=True, engagement__status__in=OPEN
        )
        .select_related("engagement__coach__user", "engagement__coachee__user")
        .order_by("engagement__started_on")
    )
    seen: set[tuple[str, int]] = set()
    for place in places:
        relation = RELATIONS.get(str(place.role))
        if relation and (relation, place.engagement_id) not in seen:
            seen.add((relation, place.engagement_id))
            getattr(found, relation).append(place.engagement)
    return found


def member_deactivate(
    *, actor: Membership, member: Membership, hand_to: Membership | None, reason: str
) -> Departure:
    """Deactivate `member` in the actor's organization (see the module's docstring)."""
    errors: dict[str, str] = {}
    name = member.user.display_name
    if member.pk == actor.pk:
        errors["member"] = gettext(SELF)
    elif (
        member.is_admin
        and not Membership.objects.filter(org=member.org, is_admin=True, is_active=True)
        .exclude(pk=member.pk)
        .exists()
    ):
        errors["member"] = gettext(LAST_ADMIN).format(name=name)
    if hand_to is not None and (
        hand_to.org_id != member.org_id
        or not hand_to.is_coach
        or not hand_to.is_active
        or hand_to.pk == member.pk
    ):
        errors["hand_to"] = gettext(HAND_TO).format(name=name)
    if not reason.strip():
        errors["reason"] = gettext(REASON)
    if errors:
        raise ValidationError(errors)
    with one_unit():  # all or nothing: a refused hand-over leaves them as they were
        departure = departure_of(member)
        for engagement in departure.coaching:
            if hand_to is not None and hand_to.pk != engagement.coachee_id:
                lifecycle.engagement_change_coach(
                    actor=actor, engagement=engagement, coach=hand_to, reason=reason
                )
            else:
                _end(actor, engagement, reason)
        for engagement in departure.coached:
            if engagement.is_several:  # the team, group or circle goes on without them
                _leave_place(member, engagement, reason)
            else:
                _end(actor, engagement, reason)
        for engagement in departure.co_coaching:
            _leave_place(member, engagement, reason)
        for engagement in departure.sponsoring:
            if engagement.status not in RUNNING:
                continue
            lifecycle.engagement_change_sponsor(
                actor=actor, engagement=engagement, sponsor=None, reason=reason
            )
        feed_token_revoke(member=member)
        Membership.objects.filter(pk=member.pk).update(is_active=False)
        revoked = ApiToken.objects.filter(user=member.user, org=member.org, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        audit_record(
            kind=AuditEvent.Kind.MEMBER_DEACTIVATED,
            actor=actor.user,
            org=member.org,
            member=str(member.uuid),
            reason=reason.strip(),
            handed_over=len(departure.coaching) if hand_to else 0,
            tokens_revoked=revoked,
        )
    member.is_active = False
    return departure


def _leave_place(member: Membership, engagement: Engagement, reason: str) -> None:
    """Their own place closes, as if they left it themselves: an accepted one is left (the
    others are told), one still waiting for their answer is declined."""
    if engagement_waiting_for(engagement=engagement, member=member):
        lifecycle.engagement_decline(actor=member, engagement=engagement, reason=reason)
    elif engagement.status in RUNNING:
        leaving.engagement_leave(actor=member, engagement=engagement, reason=reason)


def _end(actor: Membership, engagement: Engagement, reason: str) -> None:
    # a proposed engagement grants nothing and waits for its coachee's answer: it is left to them
    if engagement.status in RUNNING:
        lifecycle.engagement_end(actor=actor, engagement=engagement, reason=reason)


# the people import (trellis/accounts/services/import_people.py): `active` no deactivates

IMPORT_REASON = "Deactivated by the people import ({source})"
IMPORT_PROBLEM = "{source}: line {line}, {field}: expected {expected}, found {found}"
IMPORT_NEEDS_ADMIN = "an active admin of the organization to act (trellis import-people --by EMAIL)"


@dataclass
class Leaver:
    member: Membership
    hand_to_email: str  # looked up once the import wrote its people; blank: engagements end


def import_leavers(
    *, org: Organization, actor: Membership | None, rows: Sequence[PersonRow], source: str
) -> tuple[list[Leaver], list[str]]:
    """The members the file deactivates, and every problem as `source: line N, field: expected
    ..., found ...`. People who are not members (or no longer active) are left alone."""
    leavers: list[Leaver] = []
    problems: list[str] = []
    coaches_in_file = {
        row.email for row in rows if "coach" in row.roles and row.active is not False
    }
    members = {
        m.user.email.lower(): m for m in Membership.objects.filter(org=org).select_related("user")
    }
    for row in rows:
        if row.active is not False:
            continue
        member = members.get(row.email)
        if member is None or not member.is_active:
            continue

        def problem(field: str, expected: str, found: str, line: int = row.line) -> None:
            problems.append(
                IMPORT_PROBLEM.format(
                    source=source, line=line, field=field, expected=expected, found=found
                )
            )

        if actor is None:
            problem("active", IMPORT_NEEDS_ADMIN, "no one")
            continue
        if member.pk == actor.pk:
            problem("active", "someone other than you (ask another admin)", row.email)
        elif member.is_admin and not _other_admins(org, member, rows):
            problem("active", "someone who is not the organization's last admin", row.email)
        if row.hand_over_to:
            hand_to = members.get(row.hand_over_to)
            staying_coach = hand_to is not None and hand_to.is_active and hand_to.is_coach
            if not staying_coach and row.hand_over_to not in coaches_in_file:
                problem(
                    "hand_over_to",
                    "an active coach of the organization, or someone this file makes a coach",
                    row.hand_over_to,
                )
        leavers.append(Leaver(member, row.hand_over_to))
    return leavers, problems


def _other_admins(org: Organization, member: Membership, rows: Sequence[PersonRow]) -> bool:
    leaving = {row.email for row in rows if row.active is False}
    others = Membership.objects.filter(org=org, is_admin=True, is_active=True).exclude(pk=member.pk)
    return any(m.user.email.lower() not in leaving for m in others.select_related("user"))


def import_returners(*, org: Organization, rows: Sequence[PersonRow]) -> int:
    """Members marked `active` yes who were deactivated come back (not someone who was invited
    and has not said yes: they join when they accept). Runs inside the import's transaction."""
    emails = [row.email for row in rows if row.active is True]
    returned = 0
    for member in Membership.objects.filter(org=org, is_active=False).select_related("user"):
        email = member.user.email.lower()
        if email not in emails:
            continue
        waiting = Invitation.objects.filter(
            org=org, email__iexact=email, accepted_at=None, revoked_at=None
        ).exists()
        if not waiting:
            returned += Membership.objects.filter(pk=member.pk).update(is_active=True)
    return returned


def import_leave(
    *, org: Organization, actor: Membership, leavers: list[Leaver], source: str
) -> int:
    """Deactivate the import's leavers, after its people were written (a coach it made can take
    over), each as an admin's deactivation, inside the import's own transaction (`one_unit`)."""
    for leaver in leavers:
        hand_to = None
        if leaver.hand_to_email:
            hand_to = Membership.objects.filter(
                org=org, user__email__iexact=leaver.hand_to_email, is_active=True
            ).first()
        member_deactivate(
            actor=actor,
            member=leaver.member,
            hand_to=hand_to,
            reason=IMPORT_REASON.format(source=source),
        )
    return len(leavers)
