"""Writes of the home page: when each person last looked at it."""

from datetime import datetime, timedelta

from django.db import transaction

from trellis.accounts.models import Membership
from trellis.web.models import HomeVisit

# Visits this close together count as one: a reload, or going back and forth, keeps "since your
# last visit" where it was instead of emptying the list.
SAME_VISIT = timedelta(minutes=30)


def home_visit_record(*, member: Membership, now: datetime) -> datetime | None:
    """Note this visit; answer when the visit before it began (None on a first visit)."""
    seen = HomeVisit.objects.filter(member=member).first()
    if seen is not None and now - seen.seen_at < SAME_VISIT:
        return seen.previous_at  # the same visit: nothing to write, no transaction to hold
    with transaction.atomic():
        visit = HomeVisit.objects.select_for_update().filter(member=member).first()
        if visit is None:
            HomeVisit.objects.create(member=member, seen_at=now, previous_at=None)
            return None
        if now - visit.seen_at >= SAME_VISIT:
            visit.previous_at, visit.seen_at = visit.seen_at, now
            visit.save(update_fields=["previous_at", "seen_at"])
        return visit.previous_at
