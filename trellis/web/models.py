from django.db import models


class WorkerHeartbeat(models.Model):
    """Each running `trellis worker` touches its row every WORKER_HEARTBEAT_SECONDS; /healthz reads them."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} seen {self.seen_at:%Y-%m-%d %H:%M:%S}"
