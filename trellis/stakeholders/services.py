"""Writes for stakeholder feedback: choosing stakeholders, the cadence, the monthly pass that sends
each round once, answering through a signed single-use link (the first rating freezes the goal's
behaviours), the organization's threshold, and starting a 360."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.chains import next_slot, queue_once
from trellis.accounts.language import in_language_of
from trellis.accounts.links import LinkError, link_read, link_token
from trellis.accounts.models import Membership, Organization, User
from trellis.instruments import services as instruments
from trellis.leadership import services as leadership
from trellis.leadership.models import LeadershipGoal
from trellis.stakeholders.models import (
    DEFAULT_THRESHOLD,
    SCALE_MAX,
    SCALE_MIN,
    Ask,
    FeedbackRound,
    Rating,
    Stakeholder,
    StakeholderPlan,
    StakeholderSettings,
    ThreeSixty,
)

SALT = "trellis.stakeholders.ask"
LINK_MAX_AGE = timedelta(days=45)
REMIND_BEFORE = timedelta(days=3)
EXPIRED = _("This link has expired: the round it belongs to is closed.")
PASS_EVERY = timedelta(minutes=15)
MAX_STAKEHOLDERS = 12
INSTRUMENT_FILE = Path(__file__).parent / "data" / "leadership-360.toml"
INSTRUMENT_KEY = "leadership-360"
# a round's title is stored text: written in the coachee's language when it opens
THREESIXTY_TITLE = gettext_noop("Leadership 360 (%(phase)s): %(name)s")
ALREADY_ANSWERED = _("This link has been used: your answers are in. Thank you.")
NO_LONGER_ASKED = _("This link is no longer open: you are no longer asked for feedback here.")
TOO_MANY = _("At most %(count)s stakeholders at a time.")
ALREADY_NAMED = _("This person is already one of the stakeholders.")
NOT_YOURSELF = _("Your own answers go into the 360's self audience, not into stakeholder feedback.")
NO_BEHAVIOURS = _("The goal has no behaviours to ask about.")
NO_STAKEHOLDERS = _("Choose the stakeholders first: the 360 asks them and you.")
ONE_PER_PHASE = _("This goal already has a 360 at the {phase}.")
START_FIRST = _("Start with the 360 at the start of the track.")
BAD_RATING = f"a whole number from {SCALE_MIN} to {SCALE_MAX}"


def threshold_of(org: Organization | int) -> int:
    org_id = org if isinstance(org, int) else org.pk
    found = StakeholderSettings.objects.filter(org_id=org_id).values_list("threshold", flat=True)
    return next(iter(found), DEFAULT_THRESHOLD)


def settings_save(*, actor: Membership, threshold: int) -> StakeholderSettings:
    policy.require(actor, "stakeholder.settings")
    row, _ = StakeholderSettings.objects.get_or_create(org=actor.org)
    row.threshold = threshold
    row.full_clean()
    row.save(update_fields=["threshold"])
    return row


def plan_of(leadership_goal: LeadershipGoal) -> StakeholderPlan:
    plan, _ = StakeholderPlan.objects.get_or_create(leadership_goal=leadership_goal)
    return plan


def stakeholder_add(
    *,
    actor: Membership,
    leadership_goal: LeadershipGoal,
    name: str,
    email: str,
    relation: str,
    now: datetime | None = None,
) -> Stakeholder:
    """The coachee names a stakeholder; the first one starts the cadence (the next pass asks)."""
    plan = plan_of(leadership_goal)
    policy.require(actor, "stakeholder.manage", plan)
    email = email.strip().lower()
    coachee = leadership_goal.goal.owner
    if coachee is not None and coachee.user.email.lower() == email:
        raise ValidationError({"email": [NOT_YOURSELF]})
    with transaction.atomic():
        plan = StakeholderPlan.objects.select_for_update().get(pk=plan.pk)
        active = plan.stakeholders.filter(removed_at=None)
        if active.filter(email=email).exists():
            raise ValidationError({"email": [ALREADY_NAMED]})
        if active.count() >= MAX_STAKEHOLDERS:
            raise ValidationError({"__all__": [TOO_MANY % {"count": MAX_STAKEHOLDERS}]})
        member = (
            Membership.objects.filter(org_id=plan.org_id, user__email__iexact=email, is_active=True)
            .order_by("id")
            .first()
        )
        row = Stakeholder(
            plan=plan, name=name.strip()[:150], email=email, relation=relation, member=member
        )
        row.full_clean(exclude=["plan"])
        row.save()
        if plan.next_round_at is None:
            plan.next_round_at = now or timezone.now()
            plan.save(update_fields=["next_round_at"])
    return row


def stakeholder_remove(
    *, actor: Membership, stakeholder: Stakeholder, now: datetime | None = None
) -> None:
    """They are asked no more; answers they gave stay in the aggregates (without a name)."""
    policy.require(actor, "stakeholder.manage", stakeholder.plan)
    if stakeholder.removed_at is None:
        stakeholder.removed_at = now or timezone.now()
        stakeholder.save(update_fields=["removed_at"])


def cadence_set(*, actor: Membership, plan: StakeholderPlan, days: int) -> StakeholderPlan:
    policy.require(actor, "stakeholder.manage", plan)
    plan.cadence_days = days
    plan.full_clean(exclude=["leadership_goal"])
    plan.save(update_fields=["cadence_days"])
    return plan


# -- rounds and links ----------------------------------------------------------------------------


def ask_token(ask: Ask) -> str:
    return link_token(salt=SALT, uuid=ask.uuid, nonce=ask.nonce)


def reader_of(stakeholder: Stakeholder, leader: Membership | None) -> User | None:
    """Whose language an email to a stakeholder is written in. A stakeholder who is a member reads
    their own; one without an account (most of them) gets the language of the coachee who named
    them, the leader asking for feedback (in_language_of falls back to the site's default, as
    an organization has no language of its own)."""
    if stakeholder.member is not None and stakeholder.member.user.language:
        return stakeholder.member.user
    return leader.user if leader is not None else None


def ask_url(ask: Ask) -> str:
    return f"{django_settings.SITE_URL}{reverse('stakeholders:answer', args=[ask_token(ask)])}"


def round_open(plan: StakeholderPlan, *, now: datetime | None = None) -> FeedbackRound | None:
    """Open the next round: one single-use link per current stakeholder, by email. None when
    there is nobody to ask or nothing to ask about. Runs inside the caller's transaction."""
    now = now or timezone.now()
    people = list(plan.stakeholders.filter(removed_at=None))
    behaviours = list(plan.leadership_goal.current_behaviours())
    if not people or not behaviours:
        return None
    last = plan.rounds.order_by("-number").values_list("number", flat=True).first() or 0
    feedback_round = FeedbackRound.objects.create(plan=plan, number=last + 1, opened_at=now)
    feedback_round.behaviours.set(behaviours)
    leader = plan.leadership_goal.goal.owner
    wording = "\n".join(f"- {b.text}" for b in behaviours)
    for person in people:
        ask = Ask.objects.create(round=feedback_round, stakeholder=person, sent_at=now)
        url, email = ask_url(ask), person.email
        with in_language_of(reader_of(person, leader)):
            leader_name = leader.user.display_name if leader else gettext("your colleague")
            subject = gettext("%(leader)s asks for your feed-forward") % {"leader": leader_name}
            body = gettext(
                "Hello %(name)s,\n\n%(leader)s is working on these behaviours and asked you to "
                "say, once a month, how much they have improved and what would help next:\n\n"
                "%(behaviours)s\n\nIt takes two minutes and needs no account. %(leader)s sees "
                "only what at least three people said together, never who said what.\n\n"
                "The link works once:\n%(url)s\n"
            ) % {"name": person.name, "leader": leader_name, "behaviours": wording, "url": url}
        transaction.on_commit(partial(send_mail, subject, body, None, [email], fail_silently=True))
    return feedback_round


def feedback_pass(*, now: datetime | None = None) -> dict[str, int]:
    """Send every round that is due, once: a plan's next round moves on by its cadence in the
    same transaction that opens the round. Run by the worker and by `trellis stakeholders pass`."""
    now = now or timezone.now()
    sent = 0
    due = StakeholderPlan.objects.filter(next_round_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            plan = (
                StakeholderPlan.objects.select_for_update()
                .filter(pk=pk, next_round_at__lte=now)
                .first()
            )
            if plan is None:
                continue  # another pass sent it
            if round_open(plan, now=now) is not None:
                sent += 1
            plan.next_round_at = now + timedelta(days=plan.cadence_days)
            plan.save(update_fields=["next_round_at"])
    return {"sent": sent, "reminded": reminders_send(now=now)}


def reminders_send(*, now: datetime | None = None) -> int:
    """One reminder, by email, to each stakeholder who has not answered a round whose link
    expires within REMIND_BEFORE. The reminder is recorded in the transaction that queues the
    email, so a retried or concurrent pass never sends a second one. Answers how many went out."""
    now = now or timezone.now()
    due = Ask.objects.filter(
        answered_at=None,
        reminded_at=None,
        stakeholder__removed_at=None,
        stakeholder__isnull=False,
        sent_at__lte=now - (LINK_MAX_AGE - REMIND_BEFORE),
        sent_at__gt=now - LINK_MAX_AGE,
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(due):
        with transaction.atomic():
            ask = (
                Ask.objects.select_for_update(of=("self",))
                .select_related("round__plan__leadership_goal__goal__owner__user", "stakeholder")
                .filter(pk=pk, answered_at=None, reminded_at=None)
                .first()
            )
            if ask is None or ask.stakeholder is None:
                continue  # answered, or another pass reminded them
            ask.reminded_at = now
            ask.save(update_fields=["reminded_at"])
            leader = ask.round.plan.leadership_goal.goal.owner
            closes = ask.sent_at + LINK_MAX_AGE
            with in_language_of(reader_of(ask.stakeholder, leader)):
                leader_name = leader.user.display_name if leader else gettext("your colleague")
                subject = gettext("Reminder: %(leader)s asks for your feed-forward") % {
                    "leader": leader_name
                }
                body = gettext(
                    "Hello %(name)s,\n\n%(leader)s asked you on %(sent)s how much they have "
                    "improved and what would help next. The link stays open until %(closes)s; "
                    "this is the only reminder.\n\nIt takes two minutes and needs no account. "
                    "The link works once:\n%(url)s\n"
                ) % {
                    "name": ask.stakeholder.name,
                    "leader": leader_name,
                    "sent": date_format(ask.sent_at, "j F Y"),
                    "closes": date_format(closes, "j F Y"),
                    "url": ask_url(ask),
                }
            email = ask.stakeholder.email
            transaction.on_commit(
                partial(send_mail, subject, body, None, [email], fail_silently=True)
            )
            reminded += 1
    return reminded


def queue_next_pass(*, now: datetime | None = None) -> bool:
    from trellis.stakeholders.tasks import run_feedback_pass

    run_at = next_slot(now or timezone.now(), PASS_EVERY)
    return queue_once(
        run_feedback_pass, name="stakeholders:pass", run_at=run_at, keep=timedelta(hours=1)
    )


def ask_from_token(token: str) -> Ask:
    """The ask a link belongs to; LinkError when tampered with, expired or already used."""
    hex_uuid, nonce = link_read(token, salt=SALT, max_age=LINK_MAX_AGE)
    ask = (
        Ask.objects.select_related("round__plan__leadership_goal__goal__owner__user", "stakeholder")
        .filter(uuid=hex_uuid, nonce=nonce)
        .first()
    )
    if ask is None:
        raise LinkError(gettext("This link is not valid."), gone=False)
    if ask.has_answered:
        raise LinkError(str(ALREADY_ANSWERED), gone=True)
    if timezone.now() >= ask.sent_at + LINK_MAX_AGE:
        # a reminder signs the link afresh; it still closes with its round
        raise LinkError(str(EXPIRED), gone=True)
    if ask.stakeholder is None or ask.stakeholder.removed_at is not None:
        raise LinkError(str(NO_LONGER_ASKED), gone=True)
    return ask


def _text(answer: tuple[int, str] | tuple[int, str, str], index: int) -> str:
    return str(answer[index]).strip()[:1000] if len(answer) > index else ""


def answers_submit(
    *,
    ask: Ask,
    answers: Mapping[int, tuple[int, str] | tuple[int, str, str]],
    now: datetime | None = None,
) -> Ask:
    """Store a stakeholder's answers once: per behaviour of the round, the improvement (-3..+3),
    then, as the behaviour asks (its `questions`), a feed-forward suggestion and an example they
    saw; text for a question the behaviour does not ask is dropped. The ratings keep no trace of who gave them. The first rating
    freezes the goal's behaviour wording."""
    questions = {b.pk: b.questions for b in ask.round.behaviours.all()}
    asked = set(questions)
    problems = {
        f"behaviour_{pk}": [
            gettext("expected a whole number from %(min)s to %(max)s")
            % {"min": SCALE_MIN, "max": SCALE_MAX}
        ]
        for pk in asked
        if pk not in answers or not SCALE_MIN <= int(answers[pk][0]) <= SCALE_MAX
    }
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        locked = Ask.objects.select_for_update().get(pk=ask.pk)
        if locked.has_answered:
            raise LinkError(str(ALREADY_ANSWERED), gone=True)
        Rating.objects.bulk_create(
            Rating(
                round_id=locked.round_id,
                behaviour_id=pk,
                improvement=int(answers[pk][0]),
                feedforward=_text(answers[pk], 1) if questions[pk] >= 2 else "",
                example=_text(answers[pk], 2) if questions[pk] >= 3 else "",
            )
            for pk in sorted(asked)
        )
        locked.answered_at = now or timezone.now()
        locked.save(update_fields=["answered_at"])  # the link is spent
        leadership.freeze_behaviours(ask.round.plan.leadership_goal)
    return locked


# -- the 360 -------------------------------------------------------------------------------------


# A stakeholder's relation is their audience in the Leadership 360's own schema (its `respondents`:
# self, manager, peer, report), which the instruments' administration records on each respondent.
AUDIENCE_OF = {
    Stakeholder.Relation.MANAGER: "manager",
    Stakeholder.Relation.PEER: "peer",
    Stakeholder.Relation.DIRECT_REPORT: "report",
}


def threesixty_start(
    *, actor: Membership, plan: StakeholderPlan, phase: str, now: datetime | None = None
) -> ThreeSixty:
    """Send the Leadership 360 about the coachee to them (self) and to their stakeholders, through
    the instruments' administration (its links, reminders and closing). The end-of-track 360
    takes the start as its baseline."""
    policy.require(actor, "stakeholder.threesixty", plan)
    if phase not in ThreeSixty.Phase.values:
        raise ValidationError(
            {
                "phase": [
                    gettext("Choose one of: %(values)s.")
                    % {"values": ", ".join(ThreeSixty.Phase.values)}
                ]
            }
        )
    if plan.threesixties.filter(phase=phase).exists():
        raise ValidationError({"phase": [ONE_PER_PHASE.format(phase=phase)]})
    baseline = None
    if phase == ThreeSixty.Phase.END:
        start = plan.threesixties.filter(phase=ThreeSixty.Phase.START).first()
        if start is None:
            raise ValidationError({"phase": [START_FIRST]})
        baseline = start.administration
    people = list(plan.stakeholders.filter(removed_at=None))
    if not people:
        raise ValidationError({"__all__": [NO_STAKEHOLDERS]})
    coachee = plan.leadership_goal.goal.owner
    instruments.instrument_import(
        org=actor.org, text=INSTRUMENT_FILE.read_text(), source=INSTRUMENT_FILE.name, actor=actor
    )
    with in_language_of(coachee.user if coachee else None):  # the title is the coachee's to read
        title = gettext(THREESIXTY_TITLE) % {
            "phase": ThreeSixty.Phase(phase).label,
            "name": coachee.user.display_name if coachee else "",
        }
    with transaction.atomic():
        administration = instruments.administration_create(
            actor=actor,
            key=INSTRUMENT_KEY,
            target="person",
            title=title.strip(),
            subject=coachee,
            stakeholders=[
                (p.email, p.name, AUDIENCE_OF[Stakeholder.Relation(p.relation)]) for p in people
            ],
            baseline=baseline,
            now=now,
        )
        threesixty = ThreeSixty.objects.create(
            plan=plan, phase=phase, administration=administration
        )
    return threesixty
