"""Reads for organizations, people, invitations, tokens and the audit log."""

from collections.abc import Iterable, Sequence

from django.db.models import Count, FilteredRelation, Q, QuerySet
from django.utils import timezone

from trellis.accounts.kept_sql import kept_aggregate, kept_rows
from trellis.accounts.models import (
    ROLE_KEYS,
    ApiToken,
    AuditEvent,
    Invitation,
    Membership,
    Organization,
    Team,
    User,
)


def memberships_of(*, user: User) -> QuerySet[Membership]:
    return memberships_of_id(user_id=user.pk)


def memberships_of_id(*, user_id: int) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user_id=user_id, is_active=True)
        .select_related("org")
        .order_by("org__is_personal", "org__name")
    )


def attach_people(
    groups: Iterable[tuple[Iterable[object], Sequence[str]]],
    *,
    known: Iterable[Membership] = (),
) -> None:
    """Set the people that rows name at paths ("owner", or "engagement.coach" through a related
    row already read), for each (rows, paths) of `groups`, from `known` (each with its user) and
    one query for the rest.
    In place of select_related("owner__user", ...): every joined person adds two tables of
    columns to each query, which cost more to compile than to read (My plan's goals and
    actions named five people joins, for the coachee the page already holds)."""
    found = {m.pk: m for m in known}
    slots: list[tuple[object, str, int]] = []
    for rows, paths in groups:
        for row, path in ((row, path) for row in rows for path in paths):
            *hops, name = path.split(".")
            holder: object | None = row
            for hop in hops:
                holder = getattr(holder, hop)
                if holder is None:
                    break
            if holder is not None and (pk := getattr(holder, f"{name}_id")) is not None:
                slots.append((holder, name, pk))
    missing = sorted({pk for _, _, pk in slots} - found.keys())
    if missing:
        found |= {m.pk: m for m in kept_rows("accounts: people by id", _people, ids=missing)}
    for holder, name, pk in slots:
        setattr(holder, name, found[pk])


def _people(ids: list[int]) -> QuerySet[Membership]:
    return Membership.objects.filter(pk__in=ids).select_related("user")


def mfa_missing(*, member: Membership) -> bool:
    """The organization requires MFA of admins and coaches, and this one has none set up (the
    pages send them to set it up; the API refuses their tokens)."""
    from allauth.mfa.utils import is_mfa_enabled

    return (
        member.org.require_mfa
        and (member.is_admin or member.is_coach)
        and not is_mfa_enabled(member.user)
    )


def org_people(*, org: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(org=org)
        .select_related("user", "team", "manager__user")
        .order_by("user__name", "user__email")
    )


def people_search(
    *, org: Organization, text: str = "", role: str = "", team: str = ""
) -> QuerySet[Membership]:
    """People whose name or email contains `text`, holding `role`, in the team named `team`."""
    people = org_people(org=org)
    if text:
        people = people.filter(Q(user__name__icontains=text) | Q(user__email__icontains=text))
    if role in ROLE_KEYS:
        people = people.filter(**{f"is_{role}": True})
    if team:
        people = people.filter(team__name=team)
    return people


def team_names(*, org: Organization) -> list[str]:
    return list(Team.objects.filter(org=org).order_by("name").values_list("name", flat=True))


def member_get(*, org: Organization, uuid: str) -> Membership | None:
    return org_people(org=org).filter(uuid=uuid).first()


def invitations_pending(*, org: Organization) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        org=org, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    ).order_by("-created_at")


def invitation_get(*, org: Organization, uuid: str) -> Invitation | None:
    return Invitation.objects.filter(org=org, uuid=uuid).first()


def audit_events(*, org: Organization, limit: int | None = 200) -> QuerySet[AuditEvent]:
    """The organization's own events, and account events (logins, MFA) of its current members.

    `limit=None` answers them all, for a caller that pages through them (the API).
    """
    # the actor's membership of this organization joined (at most one: one per person and
    # organization), where `actor IN (its members)` hashed every member of the organization for
    # a page of 8 events (4.3 -> 0.3 ms at 10,000 members on PostgreSQL)
    in_org = FilteredRelation("actor__memberships", condition=Q(actor__memberships__org=org))
    events = (
        AuditEvent.objects.annotate(actor_in_org=in_org)
        .filter(Q(org=org) | Q(org=None, actor_in_org__isnull=False))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    return events if limit is None else events[:limit]


def tokens_of(*, member: Membership) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=member.user, org=member.org).order_by(
        "revoked_at", "-created_at"
    )


def token_get(*, member: Membership, uuid: str) -> ApiToken | None:
    return ApiToken.objects.filter(org=member.org, uuid=uuid).first()


def role_counts(*, org: Organization) -> dict[str, int]:
    """Active members per role, plus the total, in one query."""
    counts = kept_aggregate(
        "accounts: role counts",
        _active_members,
        {
            "total": Count("id"),
            **{role: Count("id", filter=Q(**{f"is_{role}": True})) for role in ROLE_KEYS},
        },
        org_id=org.pk,
    )
    return {key: int(value) for key, value in counts.items()}


def _active_members(org_id: int) -> QuerySet[Membership]:
    return Membership.objects.filter(org_id=org_id, is_active=True)
