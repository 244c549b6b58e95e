"""Background work: the decision review pass, once a day while `trellis worker` runs."""

from django_tasks import task


@task()
def run_decision_pass() -> int:
    """Email each leader whose decision's review date has come, then queue the next pass."""
    from trellis.leadership.services import decision_reminders, queue_next_pass

    sent = decision_reminders()
    queue_next_pass()
    return sent
