"""The outbox: every message (reminder, digest, invitation) is a Reminder row, sent exactly once.

Sending claims one row (or one person's digest rows) with SELECT ... FOR UPDATE SKIP LOCKED, so
two workers never take the same row; it sends the email and marks the row sent in that same
transaction. A worker killed before the commit leaves the row pending (sent by the next pass);
one killed after it has nothing left to resend. The only gap left is a crash between the mail
server accepting a message and the commit, a few milliseconds that no database can close.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from email import encoders
from email.mime.base import MIMEBase
from typing import Any
from uuid import UUID

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core.schedule import ReminderKind
from trellis.scheduling.models import CareerEvent, Reminder, ScheduledSession

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=10)
STALE = "What it was about changed or was cancelled."
GAVE_UP = "The mail server refused it {n} times."


def queue(
    *,
    recipient: Membership,
    kind: str,
    object_uuid: UUID,
    occurrence: str,
    due_at: datetime,
    send_at: datetime,
    subject: str,
    body: str,
    url: str = "",
    ics: str = "",
    ics_method: str = "",
    digest: bool = False,
    anchor_at: datetime | None = None,
) -> None:
    """Queue one message; queueing the same (recipient, kind, object, occurrence) again does nothing."""
    Reminder.objects.bulk_create(
        [
            Reminder(
                recipient=recipient,
                kind=kind,
                object_uuid=object_uuid,
                occurrence=occurrence,
                anchor_at=anchor_at,
                due_at=due_at,
                send_at=send_at,
                digest=digest,
                subject=subject[:250],
                body=body,
                url=url,
                ics=ics,
                ics_method=ics_method,
            )
        ],
        ignore_conflicts=True,
    )
    if send_at <= due_at + timedelta(minutes=1) and not digest:
        transaction.on_commit(send_soon)


def send_soon() -> None:
    """Ask a worker for a pass now (with the immediate backend of the tests: run it now)."""
    from trellis.scheduling.tasks import dispatch_reminders

    dispatch_reminders.enqueue()


def _message(row: Reminder) -> EmailMultiAlternatives:
    body = row.body + (f"\n\n{row.url}" if row.url else "")
    with in_language_of(row.recipient.user):
        body += "\n\n" + _(
            "Choose which reminders you get, and when, on your reminder settings page in Trellis."
        )
    if not row.ics:
        return EmailMultiAlternatives(row.subject, body, to=[row.recipient.user.email])
    email = _InvitationEmail(row.subject, body, to=[row.recipient.user.email])
    email.ics_method = row.ics_method
    # Calendar programs read the text/calendar part; others show invite.ics as an attachment.
    email.attach_alternative(row.ics, "text/calendar")
    attachment = MIMEBase("application", "ics", name="invite.ics")
    attachment.set_payload(row.ics.encode("utf-8"))  # the bytes as they are: UTF-8, base64
    encoders.encode_base64(attachment)
    attachment.add_header("Content-Disposition", "attachment", filename="invite.ics")
    email.attach(attachment)
    return email


class _InvitationEmail(EmailMultiAlternatives):
    """An email whose text/calendar part says its iTIP method (REQUEST or CANCEL) beside its one
    charset (Django gives a text part its charset; adding another in the type would make two)."""

    ics_method = ""

    def _create_mime_attachment(self, content: Any, mimetype: str) -> Any:  # Django's hook
        part = super()._create_mime_attachment(content, mimetype)  # type: ignore[misc]
        if mimetype == "text/calendar" and self.ics_method:
            part.set_param("method", self.ics_method)
        return part


def _digest_message(rows: list[Reminder]) -> EmailMultiAlternatives:
    person = rows[0].recipient
    with in_language_of(person.user):
        lines = [
            _("Hello %(name)s, here is what Trellis has for you today.")
            % {"name": person.user.display_name},
            "",
        ]
        for row in rows:
            lines.append(f"- {row.subject}")
            if row.url:
                lines.append(f"  {row.url}")
        lines += [
            "",
            _("Choose which reminders you get, and when, on your reminder settings page."),
        ]
        count = len(rows)
        subject = ngettext(
            "Your Trellis digest: %(count)d reminder",
            "Your Trellis digest: %(count)d reminders",
            count,
        ) % {"count": count}
    return EmailMultiAlternatives(subject, "\n".join(lines), to=[person.user.email])


def _session_stale(row: Reminder) -> bool:
    found = ScheduledSession.objects.filter(uuid=row.object_uuid).values("status", "start").first()
    if found is None or found["status"] != ScheduledSession.Status.SCHEDULED:
        return True
    return row.anchor_at is not None and found["start"] != row.anchor_at


def _event_stale(row: Reminder) -> bool:
    found = CareerEvent.objects.filter(uuid=row.object_uuid).values_list("date", flat=True).first()
    if found is None:
        return True
    return row.anchor_at is not None and found != row.anchor_at.date()


STALE_CHECKS: dict[str, Callable[[Reminder], bool]] = {
    ReminderKind.SESSION: _session_stale,
    ReminderKind.LOG_SESSION: _session_stale,
    ReminderKind.REVIEW_DUE: _session_stale,
    ReminderKind.EVENT_PREPARATION: _event_stale,
}


def is_stale(row: Reminder) -> bool:
    check = STALE_CHECKS.get(row.kind)
    return check is not None and check(row)


def _due(now: datetime) -> QuerySet[Reminder]:
    return Reminder.objects.filter(status=Reminder.Status.PENDING, send_at__lte=now)


def _deliver(rows: list[Reminder], email: EmailMultiAlternatives, now: datetime) -> bool:
    """Send and mark sent (inside the caller's transaction); on a mail error, retry later."""
    try:
        email.send()
    except Exception as exc:  # a mail server error must not stop the pass or lose the row
        logger.warning("Reminder %s not sent: %s", [r.pk for r in rows], exc)
        for row in rows:
            row.attempts += 1
            if row.attempts >= MAX_ATTEMPTS:
                row.status = Reminder.Status.SKIPPED
                row.skip_reason = GAVE_UP.format(n=row.attempts)
            row.send_at = now + RETRY_AFTER * row.attempts
        Reminder.objects.bulk_update(rows, ["attempts", "status", "skip_reason", "send_at"])
        return False
    Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=Reminder.Status.SENT, sent_at=now
    )
    return True


def _skip_stale(rows: list[Reminder]) -> list[Reminder]:
    stale = [row.pk for row in rows if is_stale(row)]
    if stale:
        Reminder.objects.filter(pk__in=stale).update(
            status=Reminder.Status.SKIPPED, skip_reason=STALE
        )
    return [row for row in rows if row.pk not in stale]


def send_due(*, now: datetime, limit: int | None = None) -> int:
    """Send every message due by `now`: single ones, then one digest per person. Returns how
    many rows went out. Safe to run in several workers at once."""
    sent = 0
    # of=("self",): lock the reminder rows only, not the person's rows joined in.
    claim = (
        _due(now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("recipient__user")
    )
    while limit is None or sent < limit:
        with transaction.atomic():
            row = claim.filter(digest=False).order_by("send_at", "id").first()
            if row is None:
                break
            if _skip_stale([row]) and _deliver([row], _message(row), now):
                sent += 1
    while limit is None or sent < limit:
        with transaction.atomic():
            first = claim.filter(digest=True).order_by("send_at", "id").first()
            if first is None:
                break
            rows = [
                first,
                *list(
                    claim.filter(digest=True, recipient_id=first.recipient_id)
                    .exclude(pk=first.pk)
                    .order_by("due_at", "id")
                ),
            ]
            rows = _skip_stale(rows)
            if rows and _deliver(rows, _digest_message(rows), now):
                sent += len(rows)
    return sent
