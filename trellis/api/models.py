from django.db import models
from django.utils import timezone


class IdempotencyKey(models.Model):
    """One POST made with an idempotency key (the API's `Idempotency-Key` header, or the hidden
    single-use token of a page's form), and the response it got, replayed to a retry."""

    caller = models.CharField(
        max_length=80, help_text="user:<id> for pages, member:<id> for the API"
    )
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="sha256 of method, path and body")
    status = models.PositiveSmallIntegerField(default=0, help_text="0 while the first request runs")
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(default=b"", blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["caller", "key"], name="idempotency_key_once_per_caller"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} of {self.caller}"
