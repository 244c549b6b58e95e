"""Background work: the daily retention pass, run by `trellis worker`."""

from django_tasks import task


@task()
def run_retention_pass() -> dict[str, int]:
    """Remove the content of engagements past their organization's retention, then queue tomorrow's."""
    from trellis.privacy.models import RetentionPolicy
    from trellis.privacy.services import queue_retention_pass, retention_pass

    runs = retention_pass()
    if RetentionPolicy.objects.filter(ended_content_months__isnull=False).exists():
        queue_retention_pass()
    return {"organizations": len(runs), "engagements": sum(r.engagements for r in runs)}
