"""Writes of the serving side: the worker's heartbeat."""

import os
import socket
from datetime import datetime, timedelta

from django.utils import timezone

from trellis.web.models import WorkerHeartbeat

FORGET_AFTER = timedelta(days=1)  # rows of workers stopped long ago are dropped


def worker_heartbeat_beat(*, worker_id: str, started_at: datetime) -> WorkerHeartbeat:
    """Record that this worker process is alive and reaches the database."""
    now = timezone.now()
    beat, _ = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
    return beat


def worker_heartbeat_stop(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
