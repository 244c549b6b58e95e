"""`trellis worker`: django-tasks' database worker, plus the heartbeat /healthz looks for; on start it
queues every self-renewing background pass (trellis.web.services.passes)."""

import contextlib
import logging
import threading
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from trellis.web import services
from trellis.web.services.passes import passes_start

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    """Touches this worker's row every few seconds, on its own database connection."""

    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name="trellis-worker-heartbeat", daemon=True)
        self.worker_id, self.every = worker_id, every
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def beat(self) -> None:
        try:
            services.worker_heartbeat_beat(worker_id=self.worker_id, started_at=self.started_at)
        except DatabaseError as exc:
            logger.warning("worker heartbeat not recorded: %s", exc)
            connection.close()

    def run(self) -> None:
        # the first beat was recorded before the worker took its first task (`handle`): beating
        # again at once, on this thread's own connection, would race the worker's first locked
        # read of the queue (on SQLite, "database table is locked")
        try:
            while not self.stopping.wait(self.every):
                self.beat()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)
        with contextlib.suppress(
            DatabaseError
        ):  # if it cannot be removed, it goes stale on its own
            services.worker_heartbeat_stop(worker_id=self.worker_id)


class Command(DatabaseWorker):
    help = (
        "Run the background-task worker (reminders, emails). It records a heartbeat every "
        "WORKER_HEARTBEAT_SECONDS that /healthz checks. On start it queues every background pass "
        "(reminders, programs, teams, stakeholder feedback, decision reviews, peer checks, "
        "retention), each once per slot."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = passes_start()
        logger.info("background passes queued: %s", ", ".join(k for k, v in started.items() if v))
        heartbeat = Heartbeat(options["worker_id"], settings.WORKER_HEARTBEAT_SECONDS)
        heartbeat.beat()  # on this connection, before any task: /healthz sees the worker at once
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
