"""Background work: the stakeholder feedback pass, every quarter of an hour while `trellis worker`
runs."""

from django_tasks import task


@task()
def run_feedback_pass() -> dict[str, int]:
    """Send the stakeholder rounds that are due, then queue the next pass."""
    from trellis.stakeholders.services import feedback_pass, queue_next_pass

    figures = feedback_pass()
    queue_next_pass()
    return figures
