"""Private calendar feeds: a secret address per person, revocable, serving RFC 5545 text."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.accounts.units import step
from trellis.core.ical import CalendarEvent, Person, Status, build_feed
from trellis.scheduling.models import Booking, CalendarFeedToken, CareerEvent, SessionSeries
from trellis.scheduling.services import goals_bridge
from trellis.scheduling.services.bookings import held_slots_of
from trellis.scheduling.services.sessions import calendar_event
from trellis.scheduling.taking_part import taking_part

FEED_SEEN_SECONDS = 60 * 60 * 24 * 30
PAST = timedelta(days=180)  # series that ended longer ago than this leave the feed
FUTURE = timedelta(days=400)  # held slots (chemistry conversations) this far ahead
MAC_LENGTH = 32


def _mac(token: CalendarFeedToken) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"feed:{token.uuid}".encode(), hashlib.sha256).hexdigest()[:MAC_LENGTH]


def secret_of(token: CalendarFeedToken) -> str:
    return f"{token.uuid.hex}{_mac(token)}"


def feed_url(token: CalendarFeedToken) -> str:
    return f"{settings.SITE_URL}{reverse('scheduling:feed', args=[secret_of(token)])}"


def feed_token_of(*, member: Membership) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(member=member, revoked_at=None).first()


def feed_token_create(*, member: Membership) -> CalendarFeedToken:
    """A new private address; any earlier one stops working."""
    with step():
        CalendarFeedToken.objects.filter(member=member, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        return CalendarFeedToken.objects.create(member=member)


def feed_token_revoke(*, member: Membership) -> int:
    with step():
        return CalendarFeedToken.objects.filter(member=member, revoked_at=None).update(
            revoked_at=timezone.now()
        )


def feed_token_check(secret: str) -> CalendarFeedToken | None:
    """The live token behind a secret address, or None (unknown, forged or revoked)."""
    if len(secret) != 32 + MAC_LENGTH:
        return None
    try:
        token_uuid = UUID(hex=secret[:32])
    except ValueError:
        return None
    token = (
        CalendarFeedToken.objects.filter(uuid=token_uuid, revoked_at=None, member__is_active=True)
        .select_related("member__user", "member__org")
        .first()
    )
    if token is None or not hmac.compare_digest(_mac(token), secret[32:]):
        return None
    CalendarFeedToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def _event_url(event: CareerEvent) -> str:
    return f"{settings.SITE_URL}{reverse('scheduling:event', args=[event.org.slug, event.uuid])}"


def feed_events(*, member: Membership, now: datetime) -> list[CalendarEvent]:
    """The person's sessions (as coach or coachee), career events and action due dates."""
    since = now - PAST
    series = (
        SessionSeries.objects.filter(taking_part(member))
        .filter(Q(occurrences__end__gte=since) | Q(starts_at__gte=since))
        .distinct()
        .select_related(
            "org", "organizer__user", "coach__user", "coachee__user", "engagement__team"
        )
        .prefetch_related("occurrences")
        .order_by("starts_at", "id")
    )
    events = [calendar_event(s, list(s.occurrences.all())) for s in series]
    career = (
        # the engagement's coach of today, not the one copied when the event was logged: a coach
        # who handed over no longer gets the titles and notes
        CareerEvent.objects.filter(
            Q(coachee=member) | Q(engagement__coach=member), date__gte=since.date()
        )
        .select_related("org", "coachee__user")
        .order_by("date", "id")
    )
    for event in career:
        who = "" if event.coachee_id == member.pk else f" ({event.coachee.user.display_name})"
        events.append(
            CalendarEvent(
                uid=f"event-{event.uuid}@trellis",
                summary=f"{event.label}{who}",
                start=event.date,
                sequence=event.sequence,
                description=event.notes_shown,  # the coachee's or their coach's own feed only
                url=_event_url(event),
                categories=("Career event",),
                last_modified=event.updated_at,
            )
        )
    for slot in held_slots_of(member=member, start=since, end=now + FUTURE):
        events.append(held_slot_event(slot))
    for action in goals_bridge.actions_for_feed(member=member, since=since.date()):
        events.append(
            CalendarEvent(
                uid=f"action-{action.uuid}@trellis",
                summary=_("Due: %(title)s") % {"title": action.title},
                start=action.due_on,
                sequence=action.sequence,
                url=action.url,
                categories=("Action",),
            )
        )
    return events


def held_slot_event(slot: Booking) -> CalendarEvent:
    """A held slot (a chemistry conversation) as its invitation published it: the same UID, so a
    calendar that has the invitation and the feed shows it once; cancelled, a higher sequence."""
    cancelled = not slot.is_active
    people = (slot.coachee, slot.coach)
    return CalendarEvent(
        uid=f"{slot.purpose}-{slot.uuid}@trellis",
        summary=slot.title or _("Booked conversation"),
        start=slot.start,
        end=slot.end,
        sequence=1 if cancelled else 0,
        status=Status.CANCELLED if cancelled else Status.CONFIRMED,
        url=f"{settings.SITE_URL}{slot.link}" if slot.link else "",
        categories=(slot.purpose,),
        organizer=Person(slot.coachee.user.email, slot.coachee.user.display_name, role="CHAIR"),
        attendees=tuple(
            Person(m.user.email, m.user.display_name, role="REQ-PARTICIPANT") for m in people
        ),
        last_modified=slot.cancelled_at or slot.created_at,
    )


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str  # quoted, as HTTP writes it
    last_modified: datetime


def feed_build(*, token: CalendarFeedToken, now: datetime | None = None) -> bytes:
    return feed_render(token=token, now=now).body


def feed_render(*, token: CalendarFeedToken, now: datetime | None = None) -> Feed:
    """The feed with its validators: the same bytes (and ETag) until something in it changes."""
    member = token.member
    now = now or timezone.now()
    with in_language_of(member.user):  # what the feed's owner reads, in their language
        events = feed_events(member=member, now=now)
        changed = [e.last_modified for e in events if e.last_modified is not None]
        stamp = max(changed, default=token.created_at).replace(microsecond=0)
        body = build_feed(
            events,
            name=f"Trellis: {member.user.display_name} ({member.org.name})",
            description=_("Coaching sessions, career events and action due dates from Trellis."),
            now=now,
            stamp=stamp,
        )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    # Last-Modified is when this very body was first served: not every item in a feed carries a
    # change time (an action's due date does not), so the body's hash decides, remembered in the
    # shared cache. A forgotten entry only costs one full answer.
    key = f"trellis:feed-seen:{token.uuid}"
    seen = cache.get(key)
    if seen is not None and seen[0] == etag:
        first_served: datetime = seen[1]
    else:
        first_served = now.replace(microsecond=0)
        cache.set(key, (etag, first_served), timeout=FEED_SEEN_SECONDS)
    return Feed(body=body, etag=etag, last_modified=first_served)
