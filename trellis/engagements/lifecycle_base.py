"""What the engagement lifecycle's services share: the messages they refuse with, reading a
member's places, locking an engagement, recording a change in its history, and the emails that
tell people of a change. (lifecycle.py, lifecycle_people.py and leaving.py use it.)"""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.engagements.models import (
    Engagement,
    EngagementParticipant,
    EngagementTransition,
)

Role = EngagementParticipant.Role
Acceptance = EngagementParticipant.Acceptance
Status = Engagement.Status
Action = EngagementTransition.Action

NOT_A_COACH = _("{name} does not have the coach role in this organization.")
NOT_A_COACHEE = _("{name} does not have the coachee role in this organization.")
NOT_A_SPONSOR = _("{name} does not have the sponsor role in this organization.")
NOT_IN_ORG = _("{name} is not a member of this organization.")
SELF_COACHING = _(
    "A coach cannot be their own coachee in an engagement; use self-coaching instead."
)
COACH_ONLY_SELF = _("As a coach you can open engagements only with yourself as the coach.")
SAME_PERSON_TWICE = _("{name} is named twice; each person has one place.")
UNKNOWN_KIND = _("Unknown kind {kind!r}: expected one of {choices}.")
ONE_TO_ONE_ONE_COACHEE = _("A one-to-one engagement has exactly one coachee.")
NOT_ACTIVE = _("{name} is no longer an active member of this organization.")
NOTHING_TO_ANSWER = _("You have nothing waiting for your answer in this engagement.")
NOT_PROPOSED = _("This engagement is {status}; only a proposed engagement can be accepted.")
CANNOT = _("An engagement that is {status} cannot be {verb}.")
NOT_YOURS = _("Only {who} can {verb} this engagement.")
REASON_REQUIRED = _("Say why, in a line (it is kept in the engagement's history).")
END_IN_FUTURE = _("The end date cannot be in the future.")
END_BEFORE_START = _("The end date cannot be before the engagement started ({started}).")
SAME_COACH = _("{name} is already the lead coach.")
SAME_SPONSOR = _("{name} is already the sponsor.")
COACH_IS_COACHEE = _("The coachee cannot also be the coach.")
SPONSOR_IS_COACHEE = _("The coachee cannot also be the sponsor.")
CHANGE_WHILE_CLOSED = _("The people of a {status} engagement cannot change.")

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
    params: dict[str, object] | None = None,
) -> EngagementTransition:
    """One change in the history: the people it names go in `params` and are put into words in
    the reader's language when shown (history.py); a reason is kept as the person typed it."""
    return EngagementTransition.objects.create(
        engagement=engagement,
        action=action,
        from_status=before,
        to_status=engagement.status,
        by=actor,
        reason=reason.strip()[:300],
        params=params or {},
    )


def _people_params(places: Sequence[tuple[str, Membership]]) -> dict[str, object]:
    return {"places": [[str(role), str(member.uuid)] for role, member in places]}


def _places_params(places: Sequence[EngagementParticipant]) -> dict[str, object]:
    return _people_params([(p.role, p.member) for p in places])


def _change_params(old: Sequence[Membership], new: Sequence[Membership]) -> dict[str, object]:
    return {"from": [str(m.uuid) for m in old], "to": [str(m.uuid) for m in new]}


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
        with in_language_of(member.user):
            _tell_proposed_one(engagement, proposer, member)


def _tell_proposed_one(engagement: Engagement, proposer: Membership, member: Membership) -> None:
    names = {
        "kind": engagement.get_kind_display().lower(),
        "coach": engagement.coach.user,
        "coachee": engagement.coachee.user,
    }
    who = (  # a team, group or peer engagement: each person answers for their own place
        gettext(
            "%(kind)s with %(coach)s as coach; each person is asked to accept or decline their "
            "own place, and nothing is shared with anyone before they accept"
        )
        % names
        if engagement.is_several
        else gettext(
            "with %(coach)s as coach and %(coachee)s as coachee.\n"
            "Nothing is shared until you and the coachee accept"
        )
        % names
    )
    send_mail(
        subject=gettext("%(name)s proposed a coaching engagement with you")
        % {"name": proposer.user},
        message=gettext(
            "%(name)s proposed an engagement on Trellis: %(topic)s, %(who)s. "
            "Accept or decline here:\n%(url)s\n"
        )
        % {
            "name": proposer.user,
            "topic": engagement.topic or gettext("coaching"),
            "who": who,
            "url": engagement_url(engagement),
        },
        from_email=None,
        recipient_list=[member.user.email],
    )


def _tell_coaches_of_change(engagement: Engagement, old: Membership, new: Membership) -> None:
    """Both coaches hear of the hand-over; the calendar invitations follow from the outbox."""
    names = {"who": engagement.coachee.user, "new": new.user, "old": old.user}
    for member, message in (
        (
            old,
            _(
                "Your coaching of %(who)s is handed to %(new)s. Its future sessions leave "
                "your calendar and reminders; the past ones stay in your history."
            ),
        ),
        (
            new,
            _(
                "You now coach %(who)s (taking over from %(old)s). The engagement's future "
                "sessions are on your calendar; the invitations follow."
            ),
        ),
    ):
        with in_language_of(member.user):
            send_mail(
                subject=gettext("Coaching of %(who)s handed over") % names,
                message=f"{message % names}\n{engagement_url(engagement)}\n",
                from_email=None,
                recipient_list=[member.user.email],
            )


def _tell_coachee_of_change(
    engagement: Engagement, what: str, old: Sequence[Membership], new: Sequence[Membership]
) -> None:
    with in_language_of(engagement.coachee.user):
        topic = engagement.topic or gettext("coaching")
        if what == "sponsor":
            subject = gettext("Your coaching engagement has a new sponsor")
            text = gettext(
                "The sponsor of your engagement (%(topic)s) changed: %(detail)s.\n"
                "The new sponsor sees nothing until you accept them on the engagement's page."
            )
        else:
            subject = gettext("Your coaching engagement has a new coach")
            text = gettext("The coach of your engagement (%(topic)s) changed: %(detail)s.")
        nobody = gettext("no sponsor")
        detail = " -> ".join(
            ", ".join(str(m.user) for m in people) or nobody for people in (old, new)
        )
        send_mail(
            subject=subject,
            message=f"{text % {'topic': topic, 'detail': detail}}\n{engagement_url(engagement)}\n",
            from_email=None,
            recipient_list=[engagement.coachee.user.email],
        )
