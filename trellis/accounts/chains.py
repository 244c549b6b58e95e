"""Background passes that keep themselves going: each run queues the next, once per slot.

The programs pass and the team pass run every quarter hour, the retention pass once a day. Each asks
`queue_once` for its next run: whoever asks first in a slot queues it, after their transaction commits,
and only where the task backend can run tasks later (the database queue of `trellis worker`; the
immediate backend of tests and of a plain `runserver` cannot).
"""

from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction


def next_slot(now: datetime, every: timedelta) -> datetime:
    """The start of the slot `every` after `now`: a quarter hour snaps to :00, :15, :30 or :45, an
    hour to its start, a day to midnight (UTC)."""
    run_at = (now + every).replace(second=0, microsecond=0)
    if every >= timedelta(days=1):
        return run_at.replace(hour=0, minute=0)
    if every >= timedelta(hours=1):
        return run_at.replace(minute=0)
    minutes = int(every.total_seconds() // 60)
    return run_at - timedelta(minutes=run_at.minute % minutes)


def queue_once(task: Any, *, name: str, run_at: datetime, keep: timedelta) -> bool:
    """Queue `task` for `run_at` unless someone already did for this slot. True when queued."""
    if not task.get_backend().supports_defer:
        return False
    key = f"trellis:{name}:{run_at:%Y%m%d%H%M}"
    if not cache.add(key, 1, timeout=int(keep.total_seconds())):
        return False
    transaction.on_commit(lambda: task.using(run_after=run_at).enqueue())
    return True
