"""Background work: the reminder pass, run by `trellis worker`."""

from django_tasks import task


@task()
def dispatch_reminders() -> dict[str, int]:
    """Plan and send due reminders; several workers may run it at once."""
    from trellis.scheduling.services.reminders import reminder_pass

    return reminder_pass()
