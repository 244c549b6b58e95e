"""Writes for self-efficacy: small wins, moods, role-model stories and their review,
encouragement notes, and the peer-coach self-check after a held peer session."""

from datetime import datetime, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.efficacy import selectors
from trellis.efficacy.models import Encouragement, Mood, PeerCheckSent, SmallWin, Story
from trellis.goals.models import Action, CheckIn
from trellis.programs.models import Program

SELF_CHECK = Path(__file__).parent / "instruments" / "peer-coach-check.toml"
SELF_CHECK_KEY = "peer-coach-check"
# the self-check's title is stored text: written in the peer coach's language
SELF_CHECK_TITLE = gettext_noop("Peer-coach self-check: %(day)s")
WIN_EMPTY = _("Say in a few words what this showed you that you can do.")
NOT_YOUR_ACTION = _("That action is not one of yours.")
NOT_YOUR_CHECK_IN = _("That check-in is not one of yours.")
NOT_A_PEER = _("Encouragement goes to another participant of this program.")
STORY_DECISION = _("Decide 'publish' or 'return'.")
STORY_NOT_WAITING = _("This story is not waiting for review.")


def win_add(
    *, actor: Membership, text: str, action: Action | None = None, now: datetime | None = None
) -> SmallWin:
    """The person writes down a small win, on their plan (optionally for a completed action)."""
    if not text.strip():
        raise ValidationError({"text": [WIN_EMPTY]})
    if action is not None and action.owner_id != actor.pk:
        raise ValidationError({"action": [NOT_YOUR_ACTION]})
    win = SmallWin(
        org=actor.org,
        member=actor,
        action=action,
        text=text.strip(),
        created_at=now or timezone.now(),
    )
    win.full_clean()
    with transaction.atomic(durable=True):
        win.save()
    return win


def mood_add(
    *, actor: Membership, level: int, check_in: CheckIn | None = None, now: datetime | None = None
) -> Mood:
    """One tap: how the person feels, for themselves alone."""
    if check_in is not None and check_in.by_id != actor.pk:
        raise ValidationError({"check_in": [NOT_YOUR_CHECK_IN]})
    mood = Mood(
        org=actor.org,
        member=actor,
        level=level,
        check_in=check_in,
        created_at=now or timezone.now(),
    )
    mood.full_clean()
    with transaction.atomic(durable=True):
        mood.save()
    return mood


def story_submit(
    *,
    actor: Membership,
    program: Program,
    title: str,
    text: str,
    anonymous: bool = False,
    now: datetime | None = None,
) -> Story:
    """A participant sends a story for review; it is published only once reviewed."""
    story = Story(
        org=actor.org,
        program=program,
        author=actor,
        title=title.strip(),
        text=text.strip(),
        anonymous=anonymous,
        created_at=now or timezone.now(),
    )
    story.full_clean()
    with transaction.atomic(durable=True):
        story.save()
    return story


def story_review(
    *, actor: Membership, story: Story, decision: str, note: str = "", now: datetime | None = None
) -> Story:
    """The program's admin or a coach of its pool publishes a story or returns it with a note."""
    if decision not in ("publish", "return"):
        raise ValidationError({"decision": [STORY_DECISION]})
    with transaction.atomic(durable=True):
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.status != Story.Status.SUBMITTED:
            raise ValidationError({"decision": [STORY_NOT_WAITING]})
        story.status = Story.Status.PUBLISHED if decision == "publish" else Story.Status.RETURNED
        story.reviewed_by = actor
        story.reviewed_at = now or timezone.now()
        story.review_note = note.strip()[:500]
        story.full_clean()
        story.save()
    return story


def note_send(
    *,
    actor: Membership,
    program: Program,
    recipient: Membership,
    text: str,
    now: datetime | None = None,
) -> Encouragement:
    """A participant encourages another participant of the same program."""
    if recipient.pk == actor.pk or recipient.pk not in selectors.participant_ids(program=program):
        raise ValidationError({"recipient": [NOT_A_PEER]})
    note = Encouragement(
        org=actor.org,
        program=program,
        sender=actor,
        recipient=recipient,
        text=text.strip(),
        created_at=now or timezone.now(),
    )
    note.full_clean()
    with transaction.atomic(durable=True):
        note.save()
    return note


def peer_checks_send(*, now: datetime | None = None, days: int = 14) -> int:
    """Send the peer-coach self-check to the peer coach of each peer session held in the last
    `days` days, once per session. The organization's copy of the instrument is stored first."""
    from trellis.engagements.models import Engagement
    from trellis.instruments.services import administration_create, instrument_import
    from trellis.scheduling.models import Outcome, ScheduledSession

    now = now or timezone.now()
    held = (
        ScheduledSession.objects.filter(
            outcome=Outcome.HELD,
            series__engagement__kind=Engagement.Kind.PEER,
            start__gte=now - timedelta(days=days),
            start__lte=now,
        )
        .exclude(pk__in=PeerCheckSent.objects.values("occurrence_id"))
        .select_related("coach__org", "coach__user", "series__engagement")
        .order_by("id")
    )
    sent = 0
    for occurrence in held:
        coach = occurrence.coach
        instrument_import(org=coach.org, text=SELF_CHECK.read_bytes(), source=SELF_CHECK.name)
        with transaction.atomic(durable=True):
            # the peer coach sends it to themselves: a person target, answered as "self"
            administration = administration_create(
                actor=_sender(coach),
                key=SELF_CHECK_KEY,
                target="person",
                subject=coach,
                title=_self_check_title(coach, occurrence.start),
                now=now,
            )
            PeerCheckSent.objects.create(
                occurrence=occurrence, coach=coach, administration=administration, sent_at=now
            )
        sent += 1
    return sent


def _sender(coach: Membership) -> Membership:
    """Who sends the self-check: the peer coach when their roles may administer instruments,
    otherwise the organization's first admin (it is still answered by the peer coach alone)."""
    if coach.is_coach or coach.is_admin:
        return coach
    admin = Membership.objects.filter(org=coach.org, is_admin=True, is_active=True).order_by("id")
    return admin.first() or coach


def queue_next_pass(*, now: datetime | None = None) -> bool:
    """Queue the next peer-coach self-check pass for the next hour (once per slot)."""
    from trellis.accounts.chains import next_slot, queue_once
    from trellis.efficacy.tasks import run_peer_check_pass

    run_at = next_slot(now or timezone.now(), timedelta(hours=1))
    return queue_once(
        run_peer_check_pass, name="efficacy-pass", run_at=run_at, keep=timedelta(hours=2)
    )


def _self_check_title(coach: Membership, start: datetime) -> str:
    with in_language_of(coach.user):
        return gettext(SELF_CHECK_TITLE) % {"day": date_format(start, "j M")}
