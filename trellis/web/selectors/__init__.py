"""Reads of the serving side: is this deployment healthy?"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from trellis.web.models import WorkerHeartbeat

NO_WORKER = "no `trellis worker` has reported in the last {seconds} s"
DATABASE_DOWN = "the database does not answer"
NOT_MIGRATED = "unknown: the heartbeat table is missing (run `trellis migrate`)"


@dataclass(frozen=True)
class Health:
    checks: dict[str, str] = field(default_factory=dict)  # part -> "ok" or what is wrong

    @property
    def ok(self) -> bool:
        return all(state == "ok" for state in self.checks.values())


def health() -> Health:
    """The database answers a query, and a worker beat recently. No data about anyone."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return Health(
            {"database": DATABASE_DOWN, "worker": "unknown: the database does not answer"}
        )
    stale = settings.WORKER_STALE_AFTER_SECONDS
    recent = WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - timedelta(seconds=stale))
    try:
        worker = "ok" if recent.exists() else NO_WORKER.format(seconds=stale)
    except DatabaseError:
        worker = NOT_MIGRATED
    return Health({"database": "ok", "worker": worker})
