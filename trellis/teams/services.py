"""Writes for team coaching: the team's settings (leader, pulse cadence and threshold), the charter
(each save a new version), the pulse (sent to the team's members; the periodic pass keeps the
cadence and closes pulses whose week is over), a team session on the weakest dimension, team
actions with owners from the team, and check-ins. Each write is one transaction."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.chains import next_slot, queue_once
from trellis.accounts.models import Membership
from trellis.engagements.models import CoachingSession, Engagement
from trellis.goals.models import Goal
from trellis.instruments import services as instruments
from trellis.teams import selectors
from trellis.teams.models import (
    PULSE_KEY,
    CharterVersion,
    TeamAction,
    TeamCheckIn,
    TeamPulse,
    TeamSpace,
)

NOT_A_MEMBER = _("{name} is not a member of this team (an accepted coachee of the engagement).")
PURPOSE_REQUIRED = _("Say in a sentence or two what the team is for.")
NOT_A_TEAM_GOAL = _("Link the organization's or a team's goals only (goal {goal} is neither).")
TOO_FEW_MEMBERS = _(
    "The team has {count} accepted member(s); a pulse needs at least {needed} to show anything."
)
NOT_RUNNING = _("The engagement is {status}: only an active team engagement takes a pulse.")
NO_FIGURES = _(
    "No pulse has figures yet: the weakest dimension shows once a pulse has enough answers."
)
UNKNOWN_FRAMEWORK = _("Open the team session with a team framework: one of {keys}.")
ANSWER_LONGER_THAN_CADENCE = _(
    "A pulse must close before the next one goes out: at most {days} days with a pulse every"
    " {weeks} weeks."
)
TEAM_FRAMEWORKS = ("team-clear", "five-disciplines")
MAX_TEXT = 1000


def _space_locked(engagement: Engagement) -> TeamSpace:
    """The team's settings row, made on first write and locked for the transaction."""
    TeamSpace.objects.get_or_create(
        engagement=engagement,
        defaults={"org_id": engagement.org_id, "leader_id": selectors.default_leader(engagement)},
    )
    return (
        TeamSpace.objects.select_for_update()
        .select_related("engagement")
        .get(engagement=engagement)
    )


def _check_member(engagement: Engagement, person: Membership | None, field: str) -> None:
    if person is None:
        return
    if person.pk not in {m.pk for m in selectors.members_of(engagement)}:
        raise ValidationError({field: [NOT_A_MEMBER.format(name=person.user)]})


def team_settings_save(
    *,
    actor: Membership,
    engagement: Engagement,
    leader: Membership | None,
    pulse_every_weeks: int,
    pulse_threshold: int,
    pulse_answer_days: int | None = None,
    now: datetime | None = None,
) -> TeamSpace:
    """The coach sets who leads the team, how often the pulse goes out (0, 2 or 4 weeks) and
    how many days the team has to answer one (1 to 28, never past the next pulse; unchanged when
    not given)."""
    policy.require(actor, "team.manage", selectors.space_of(engagement))
    _check_member(engagement, leader, "leader")
    if (
        pulse_answer_days is not None
        and pulse_every_weeks
        and pulse_answer_days > 7 * pulse_every_weeks
    ):
        message = ANSWER_LONGER_THAN_CADENCE.format(
            days=7 * pulse_every_weeks, weeks=pulse_every_weeks
        )
        raise ValidationError({"pulse_answer_days": [message]})
    today = timezone.localdate(now)
    with transaction.atomic(durable=True):
        space = _space_locked(engagement)
        was_every = space.pulse_every_weeks
        space.leader = leader
        space.pulse_every_weeks = pulse_every_weeks
        space.pulse_threshold = pulse_threshold
        if pulse_answer_days is not None:
            space.pulse_answer_days = pulse_answer_days
        if pulse_every_weeks and (not was_every or space.next_pulse_on is None):
            space.next_pulse_on = today  # the first one goes out on the next pass
        if not pulse_every_weeks:
            space.next_pulse_on = None
        space.updated_at = now or timezone.now()
        space.full_clean()
        space.save()
    engagement._team_space = space  # type: ignore[attr-defined]  # readers see the new settings
    return space


def charter_save(
    *,
    actor: Membership,
    engagement: Engagement,
    purpose: str,
    working_agreements: str = "",
    roles: str = "",
    decision_rules: str = "",
    goals: Sequence[Goal] = (),
    note: str = "",
    now: datetime | None = None,
) -> CharterVersion:
    """Save the team charter as a new version (the earlier ones stay, with who saved them)."""
    policy.require(actor, "team.charter.write", selectors.space_of(engagement))
    if not purpose.strip():
        raise ValidationError({"purpose": [PURPOSE_REQUIRED]})
    for goal in goals:
        if goal.org_id != engagement.org_id or goal.level == Goal.Level.PERSON:
            raise ValidationError({"goals": [NOT_A_TEAM_GOAL.format(goal=goal.uuid)]})
    with transaction.atomic(durable=True):
        _space_locked(engagement)  # one save at a time: the version numbers follow each other
        latest = engagement.charter_versions.aggregate(n=Max("version"))["n"] or 0
        version = CharterVersion(
            org_id=engagement.org_id,
            engagement=engagement,
            version=latest + 1,
            purpose=purpose.strip(),
            working_agreements=working_agreements.strip(),
            roles=roles.strip(),
            decision_rules=decision_rules.strip(),
            note=note.strip()[:300],
            saved_by=actor,
            saved_at=now or timezone.now(),
        )
        version.full_clean()
        version.save()
        version.goals.set(list(dict.fromkeys(goals)))
    return version


# -- the pulse -----------------------------------------------------------------------------------


def pulse_send(
    *, actor: Membership, engagement: Engagement, now: datetime | None = None
) -> TeamPulse:
    """Send the team pulse to the team's accepted members now: each answers privately through
    their own link; the previous pulse closes. Raises ValidationError for a team too small or an
    engagement that is not active."""
    space = selectors.space_of(engagement)
    policy.require(actor, "team.manage", space)
    return _send(actor, engagement, now or timezone.now())


def _send(actor: Membership, engagement: Engagement, now: datetime) -> TeamPulse:
    if engagement.status != Engagement.Status.ACTIVE:
        raise ValidationError({"engagement": [NOT_RUNNING.format(status=engagement.status)]})
    members = selectors.members_of(engagement)
    today = timezone.localdate(now)
    threshold = selectors.space_of(engagement).pulse_threshold
    if len(members) < threshold:
        raise ValidationError(
            {"engagement": [TOO_FEW_MEMBERS.format(count=len(members), needed=threshold)]}
        )
    for earlier in engagement.pulses.filter(administration__status="open").select_related(
        "administration__created_by"
    ):  # one pulse open at a time: the earlier one's figures show from now on
        instruments.administration_close(
            actor=_closer(earlier, actor), administration=earlier.administration, now=now
        )
    with transaction.atomic():
        space = _space_locked(engagement)
        number = (engagement.pulses.aggregate(n=Max("number"))["n"] or 0) + 1
        name = engagement.topic or "Team"
        administration = instruments.administration_create(
            actor=actor,
            key=PULSE_KEY,
            target="cohort",
            title=f"{name}: pulse {number}"[:200],
            cohort=name[:120],
            cohort_members=members,
            now=now,
        )
        pulse = TeamPulse.objects.create(
            org_id=engagement.org_id,
            engagement=engagement,
            administration=administration,
            number=number,
            threshold=threshold,
            opened_on=today,
            closes_on=today + timedelta(days=space.pulse_answer_days),
            created_at=now,
        )
        if space.pulse_every_weeks:
            space.next_pulse_on = today + timedelta(weeks=space.pulse_every_weeks)
            space.save(update_fields=["next_pulse_on"])
    return pulse


def _closer(pulse: TeamPulse, fallback: Membership) -> Membership:
    """Who closes a pulse: the one who sent it (instruments let its creator close it)."""
    return pulse.administration.created_by or fallback


def pulse_pass(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic pass: close pulses whose answering window is over, send the next pulse where
    the team's cadence says so (sent by the lead coach). Idempotent; run by the worker and by
    `trellis teams pass`."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    closed = sent = 0
    over = TeamPulse.objects.filter(closes_on__lt=today, administration__status="open")
    for pulse in over.select_related("administration__created_by", "engagement__coach"):
        instruments.administration_close(
            actor=_closer(pulse, pulse.engagement.coach),
            administration=pulse.administration,
            now=now,
        )
        closed += 1
    due = TeamSpace.objects.filter(
        pulse_every_weeks__gt=0,
        next_pulse_on__lte=today,
        engagement__status=Engagement.Status.ACTIVE,
    ).select_related("engagement__coach")
    for space in due:
        try:
            _send(space.engagement.coach, space.engagement, now)
        except ValidationError:
            TeamSpace.objects.filter(pk=space.pk).update(
                next_pulse_on=today + timedelta(weeks=space.pulse_every_weeks)
            )  # too few members today: try again at the next beat
            continue
        sent += 1
    return {"closed": closed, "sent": sent}


def pulse_session_open(
    *,
    actor: Membership,
    engagement: Engagement,
    framework_key: str = "team-clear",
    style: str = "non-directive",
) -> CoachingSession:
    """Open a team session on the weakest dimension of the latest pulse with figures, with a team
    framework and the topic filled in."""
    from trellis.engagements.services import coaching_session_create

    space = selectors.space_of(engagement)
    policy.require(actor, "team.manage", space)
    if framework_key not in TEAM_FRAMEWORKS:
        raise ValidationError(
            {"framework_key": [UNKNOWN_FRAMEWORK.format(keys=", ".join(TEAM_FRAMEWORKS))]}
        )
    latest = selectors.latest_figures(engagement, space)
    if latest is None:
        raise ValidationError({"engagement": [NO_FIGURES]})
    return coaching_session_create(
        actor=actor,
        engagement=engagement,
        framework_key=framework_key,
        style=style,
        topic=selectors.weakest_topic(latest),
    )


# -- actions and check-ins -----------------------------------------------------------------------


def action_add(
    *,
    actor: Membership,
    engagement: Engagement,
    title: str,
    owner: Membership,
    due_on: date | None = None,
) -> TeamAction:
    """A team action, owned by one member of the team."""
    policy.require(actor, "team.work.write", selectors.space_of(engagement))
    _check_member(engagement, owner, "owner")
    with transaction.atomic(durable=True):
        action = TeamAction(
            org_id=engagement.org_id,
            engagement=engagement,
            title=title.strip(),
            owner=owner,
            due_on=due_on,
            created_by=actor,
        )
        action.full_clean()
        action.save()
    return action


def action_done(
    *, actor: Membership, action: TeamAction, now: datetime | None = None
) -> TeamAction:
    policy.require(actor, "team.work.write", selectors.space_of(action.engagement))
    with transaction.atomic(durable=True):
        locked = TeamAction.objects.select_for_update().get(pk=action.pk)
        if locked.status != TeamAction.Status.DONE:
            locked.status = TeamAction.Status.DONE
            locked.done_at = now or timezone.now()
            locked.save(update_fields=["status", "done_at"])
    return locked


def check_in_add(
    *, actor: Membership, engagement: Engagement, text: str, now: datetime | None = None
) -> TeamCheckIn:
    """A member's (or a coach's) short update, visible to the team."""
    policy.require(actor, "team.work.write", selectors.space_of(engagement))
    with transaction.atomic(durable=True):
        check_in = TeamCheckIn(
            org_id=engagement.org_id,
            engagement=engagement,
            by=actor,
            text=text.strip(),
            created_at=now or timezone.now(),
        )
        check_in.full_clean()
        check_in.save()
    return check_in


PASS_EVERY = timedelta(minutes=15)


def queue_next_pass(*, now: datetime | None = None) -> bool:
    """Queue the next team pass (at most one per quarter hour, whoever asks)."""
    from trellis.teams.tasks import run_team_pass

    run_at = next_slot(now or timezone.now(), PASS_EVERY)
    return queue_once(run_team_pass, name="teams:pass", run_at=run_at, keep=timedelta(hours=1))
