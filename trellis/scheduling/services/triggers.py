"""Trigger rules, and the focused sessions they (or a person, by hand) open for a career event.

Opening a session is the engagements app's service, which runs its own durable transaction; so
it is called after our own transaction has committed, never inside it. A rule fires at most once
per event: the firing row is claimed first (a unique key), then the session is opened.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership, Organization
from trellis.core.schedule import ReminderKind
from trellis.engagements.models import Engagement
from trellis.frameworks.selectors import framework_find, frameworks_for
from trellis.scheduling.models import CareerEvent, TriggerFiring, TriggerRule
from trellis.scheduling.services import outbox

ERROR_NO_ENGAGEMENT = gettext_lazy(
    "{name} has no active engagement, so there is no coach to open a session with."
)
ERROR_FRAMEWORK = gettext_lazy("Unknown framework {key!r}; expected one of {keys}.")
ERROR_DAYS = gettext_lazy(
    "Give a number of days from 1 to 90 for a rule that fires before or after the event."
)
ERROR_SESSIONS_UNAVAILABLE = gettext_lazy(
    "Coaching sessions cannot be opened yet on this installation."
)
AFTER_LOOKBACK = timedelta(days=7)  # a rule "N days after" does not fire for events long past


# trigger rules


def framework_choices(*, org: Organization) -> list[tuple[str, str]]:
    return [(e.framework.key, e.framework.name) for e in frameworks_for(org=org)]


def _check_framework(org: Organization, key: str) -> str:
    entry = framework_find(org=org, key=key)
    if entry is None:
        keys = ", ".join(k for k, _ in framework_choices(org=org))
        raise ValidationError({"framework_key": ERROR_FRAMEWORK.format(key=key, keys=keys)})
    return entry.framework.key


def trigger_rule_create(
    *,
    actor: Membership,
    event_type: str,
    when: str,
    days: int = 0,
    framework_key: str = "tgrow",
    style: str = "non-directive",
    notify_coachee: bool = True,
    notify_coach: bool = True,
    notify_sponsor: bool = False,
) -> TriggerRule:
    if when != TriggerRule.When.ON_LOG and not 1 <= days <= 90:
        raise ValidationError({"days": ERROR_DAYS})
    framework_key = _check_framework(actor.org, framework_key)
    with transaction.atomic(durable=True):
        rule = TriggerRule(
            org_id=actor.org_id,
            event_type=event_type,
            when=when,
            days=days if when != TriggerRule.When.ON_LOG else 0,
            framework_key=framework_key,
            style=style,
            notify_coachee=notify_coachee,
            notify_coach=notify_coach,
            notify_sponsor=notify_sponsor,
            created_by=actor,
        )
        rule.full_clean()
        rule.save()
    return rule


def trigger_rule_delete(*, actor: Membership, rule: TriggerRule) -> None:
    with transaction.atomic(durable=True):
        rule.delete()


# firing


def _open_session(
    event: CareerEvent, *, framework_key: str, style: str, actor: Membership
) -> object:
    try:
        from trellis.engagements.services import coaching_session_create
    except ImportError:  # pragma: no cover - the engagements app ships it
        raise ValidationError(ERROR_SESSIONS_UNAVAILABLE) from None
    # the topic is stored text the session's people read: written in the coachee's language
    # (Trellis's own title of an overdue action's event included), with the date as they write it
    with in_language_of(event.coachee.user):
        topic = f"{event.label} ({date_format(event.date, 'j M Y')})"
    return coaching_session_create(
        actor=actor,
        engagement=event.engagement,
        framework_key=framework_key,
        style=style,
        topic=topic,
        kind="event",
    )


def _session_url(session: object) -> str:
    from django.urls import NoReverseMatch, reverse

    uuid = getattr(session, "uuid", None)
    org = getattr(session, "org", None)
    for name in ("engagements:session", "engagements:session_detail"):
        try:
            return f"{settings.SITE_URL}{reverse(name, args=[org.slug, uuid])}"  # type: ignore[union-attr]
        except NoReverseMatch:
            continue
    return ""


def _notify(firing: TriggerFiring, rule: TriggerRule | None, now: datetime) -> None:
    event = firing.event
    people = []
    if rule is None or rule.notify_coachee:
        people.append(event.coachee)
    if event.coach and (rule is None or rule.notify_coach):
        people.append(event.coach)
    # the engagement's sponsor now (one who was replaced, or is not accepted yet, hears nothing)
    sponsor = event.engagement.sponsor if event.engagement is not None else None
    if sponsor and rule is not None and rule.notify_sponsor:
        people.append(sponsor)
    for person in people:
        if firing.started_by_id == person.pk:
            continue
        others = (event.coachee_id, event.coach_id)
        sponsor_only = sponsor is not None and sponsor.pk == person.pk and person.pk not in others
        with in_language_of(person.user):  # written in the recipient's language
            if sponsor_only:
                subject = _("A coaching session for %(coachee)s was opened after an event") % {
                    "coachee": event.coachee.user.display_name
                }
                body = _(
                    "The coach and coachee have a focused session to prepare. "
                    "You see that it exists, not what is said."
                )
            else:
                subject = _("A %(framework)s session is ready: %(event)s") % {
                    "framework": firing.framework_key.upper(),
                    "event": event.label,
                }
                body = _(
                    "Something happened that is worth a focused conversation. The session is "
                    "prepared; open it to begin, or book a time with your coach."
                )
        outbox.queue(
            recipient=person,
            kind=ReminderKind.EVENT_PREPARATION.value,
            object_uuid=event.uuid,
            occurrence=f"session-{firing.uuid}",
            due_at=now,
            send_at=now,
            subject=subject,
            body=body,
            url="" if sponsor_only else firing.coaching_session_url,
        )


def _fire(
    *,
    event: CareerEvent,
    rule: TriggerRule | None,
    framework_key: str,
    style: str,
    started_by: Membership | None,
) -> TriggerFiring | None:
    """Claim the firing, open the session, tell the people. None when this rule already fired."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        if rule is not None:
            firing, created = TriggerFiring.objects.get_or_create(
                rule=rule,
                event=event,
                defaults={"framework_key": framework_key, "started_by": started_by},
            )
            if not created:
                return None
        else:
            firing = TriggerFiring.objects.create(
                event=event, framework_key=framework_key, started_by=started_by
            )
    engagement = event.engagement
    if engagement is None or engagement.status == Engagement.Status.ENDED:
        firing.error = ERROR_NO_ENGAGEMENT.format(name=event.coachee.user)
        firing.save(update_fields=["error"])
        return firing
    opener = started_by or engagement.coach
    try:
        session = _open_session(event, framework_key=framework_key, style=style, actor=opener)
    except ValidationError as exc:
        firing.error = "; ".join(exc.messages)
        firing.save(update_fields=["error"])
        if started_by is not None:
            raise
        return firing
    with transaction.atomic(durable=True):
        firing.coaching_session_uuid = getattr(session, "uuid", None)
        firing.coaching_session_url = _session_url(session)
        firing.save(update_fields=["coaching_session_uuid", "coaching_session_url"])
        _notify(firing, rule, now)
    return firing


# What other apps do when an event is logged (the programs app opens a track's event-driven
# session): each takes the event and answers the firing it made, or None. Scheduling imports none
# of them; they add themselves from their AppConfig.ready.
ON_LOG: list[Callable[[CareerEvent], TriggerFiring | None]] = []


def event_session_open(*, event: CareerEvent, framework_key: str) -> TriggerFiring | None:
    """Open a focused session for the event in its engagement, without a rule and without a
    person starting it (the engagement's coach opens it; coachee and coach are told). None when a
    session was already opened for the event, by a rule or by hand."""
    if TriggerFiring.objects.filter(event=event).exists():
        return None
    return _fire(
        event=event, rule=None, framework_key=framework_key, style="non-directive", started_by=None
    )


def fire_on_log(*, event: CareerEvent) -> list[TriggerFiring]:
    rules = TriggerRule.objects.filter(
        org_id=event.org_id, event_type=event.type, when=TriggerRule.When.ON_LOG, is_active=True
    )
    fired = []
    for rule in rules:
        firing = _fire(
            event=event,
            rule=rule,
            framework_key=rule.framework_key,
            style=rule.style,
            started_by=None,
        )
        if firing is not None:
            fired.append(firing)
    for hook in ON_LOG:
        if not fired and (firing := hook(event)) is not None:
            fired.append(firing)
    return fired


def event_session_start(
    *,
    actor: Membership,
    event: CareerEvent,
    framework_key: str = "tgrow",
    style: str = "non-directive",
) -> TriggerFiring:
    """Either side starts an event-driven session by hand."""
    framework_key = _check_framework(actor.org, framework_key)
    firing = _fire(
        event=event, rule=None, framework_key=framework_key, style=style, started_by=actor
    )
    assert firing is not None
    if firing.error:
        raise ValidationError({"event": firing.error})
    return firing


def fire_due_triggers(*, now: datetime) -> int:
    """Rules that fire some days before or after an event, for events whose day has come."""
    today = now.date()
    fired = 0
    for rule in TriggerRule.objects.filter(is_active=True).exclude(when=TriggerRule.When.ON_LOG):
        days = timedelta(days=rule.days)
        if rule.when == TriggerRule.When.BEFORE:
            window = Q(date__gte=today, date__lte=today + days)
        else:
            window = Q(date__lte=today - days, date__gte=today - days - AFTER_LOOKBACK)
        events = (
            CareerEvent.objects.filter(window, org_id=rule.org_id, type=rule.event_type)
            .filter(~Exists(TriggerFiring.objects.filter(rule=rule, event=OuterRef("pk"))))
            .select_related("engagement", "coachee__user", "coach__user", "sponsor__user")
        )
        for event in events.iterator(chunk_size=200):
            if _fire(
                event=event,
                rule=rule,
                framework_key=rule.framework_key,
                style=rule.style,
                started_by=None,
            ):
                fired += 1
    return fired
