"""The home digest: each person's home page by email, daily or weekly as they chose on their
reminder settings (scheduling's ReminderSettings.home_digest), at their digest time.

Every reminder pass of `trellis worker` calls `digest_pass` (scheduling.services.reminders.AFTER_PASS,
filled when the web app starts). A digest is sent at most once per person and period: the
DigestSent row of (person, period) is written in the same transaction that sends the email, so a
second pass or a second worker finds it and sends nothing; a mail error rolls the row back and
the next pass tries again. The content comes from the home page's selectors, so an email never
shows more than the person's own home page.
"""

import logging
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.groups.selectors import activity_since as group_activity
from trellis.scheduling import selectors as scheduling_selectors
from trellis.scheduling.models import HomeDigest, ReminderSettings
from trellis.web.models import DigestSent
from trellis.web.selectors import home

logger = logging.getLogger(__name__)

CHUNK = 500


def digest_period(choice: str, local_now: datetime, digest_at: time) -> str | None:
    """The period whose digest is due at this moment on the person's clock, or None.

    Daily: each day from the digest time on ("2026-12-03"). Weekly: from Monday's digest time
    to the end of the week ("2026-W49"), so a worker that was down on Monday still sends it."""
    if choice == HomeDigest.DAILY:
        return local_now.date().isoformat() if local_now.time() >= digest_at else None
    if choice == HomeDigest.WEEKLY:
        if local_now.weekday() == 0 and local_now.time() < digest_at:
            return None
        year, week, _ = local_now.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def digest_context(*, member: Membership, period: str, now: datetime) -> dict[str, object]:
    """What the digest shows: each of the person's homes, from the home page's selectors; "new"
    means since the digest of the period before."""
    last = (
        DigestSent.objects.filter(member=member)
        .exclude(period=period)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    context: dict[str, object] = {
        "member": member,
        "site": settings.SITE_URL,
        "home_url": settings.SITE_URL + reverse("web:org_home", args=[member.org.slug]),
        "settings_url": settings.SITE_URL + reverse("scheduling:reminders", args=[member.org.slug]),
    }
    if member.is_coach:
        context["coach"] = home.coach_home(member=member, now=now, since=last)
    if member.is_coachee:
        context["coachee"] = home.coachee_home(member=member, now=now)
    if member.is_sponsor:
        context["sponsor"] = home.sponsor_home(member=member, now=now)
    if member.is_admin:
        context["admin"] = home.admin_home(member=member, now=now, fresh=True)
    # group coaching sends no email per event: its activity comes here (trellis/groups)
    context["groups"] = group_activity(member=member, since=last)
    return context


def digest_message(*, member: Membership, period: str, now: datetime) -> EmailMultiAlternatives:
    with in_language_of(member.user):  # their language, whoever runs the worker
        context = digest_context(member=member, period=period, now=now) | {"period": period}
        subject = (
            gettext("Your week in Trellis (%(org)s)")
            if "W" in period
            else gettext("Your day in Trellis (%(org)s)")
        ) % {"org": member.org.name}
        with timezone.override(ZoneInfo(scheduling_selectors.viewer_zone(member))):  # their clock
            text = render_to_string("web/email/digest.txt", context)
            html = render_to_string("web/email/digest.html", context)
    email = EmailMultiAlternatives(subject, text, to=[member.user.email])
    email.attach_alternative(html, "text/html")
    return email


def digest_send(*, member: Membership, period: str, now: datetime) -> bool:
    """Send this person's digest for this period unless it went out already; True if sent."""
    try:
        with transaction.atomic():
            _, created = DigestSent.objects.get_or_create(
                member=member, period=period, defaults={"sent_at": now}
            )
            if not created:
                return False
            digest_message(member=member, period=period, now=now).send()
    except Exception as exc:  # a mail error must not stop the pass; the row is rolled back
        logger.warning("Home digest %s to member %s not sent: %s", period, member.pk, exc)
        return False
    return True


def digest_pass(*, now: datetime) -> dict[str, int]:
    """Send every home digest due now (one per person and period)."""
    chosen = (
        ReminderSettings.objects.filter(
            home_digest__in=[HomeDigest.DAILY, HomeDigest.WEEKLY], member__is_active=True
        )
        .select_related("member__user", "member__org")
        .order_by("id")
    )
    sent = 0
    for row in chosen.iterator(chunk_size=CHUNK):
        member = row.member
        local = now.astimezone(ZoneInfo(scheduling_selectors.viewer_zone(member)))
        period = digest_period(row.home_digest, local, row.digest_time)
        if period is None or DigestSent.objects.filter(member=member, period=period).exists():
            continue
        sent += digest_send(member=member, period=period, now=now)
    return {"home_digests_sent": sent}
