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


class HomeVisit(models.Model):
    """When a person last opened their home page: what was shared since then is "new" to them.

    `seen_at` is this visit, `previous_at` the one before; the home page shows what came after
    `previous_at`, so a reload does not empty the list at once."""

    member = models.OneToOneField(
        "accounts.Membership", on_delete=models.CASCADE, related_name="home_visit"
    )
    seen_at = models.DateTimeField()
    previous_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Home of {self.member_id} seen {self.seen_at:%Y-%m-%d %H:%M}"


class DigestSent(models.Model):
    """One home digest email to one person for one period ("2026-12-03" daily, "2026-W49" weekly).

    The unique key makes sending idempotent: a second pass, or a second worker, for the same
    period finds the row and sends nothing."""

    member = models.ForeignKey(
        "accounts.Membership", on_delete=models.CASCADE, related_name="home_digests"
    )
    period = models.CharField(max_length=12)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "period"], name="one_digest_per_period")
        ]

    def __str__(self) -> str:
        return f"Digest {self.period} to {self.member_id}"
