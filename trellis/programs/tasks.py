"""Background work: the program pass, every quarter of an hour while `trellis worker` runs."""

from django_tasks import task


@task()
def run_program_pass() -> dict[str, int]:
    """Schedule newly accepted engagements and send due instruments, then queue the next pass."""
    from trellis.programs.services import program_pass, queue_next_pass

    figures = program_pass()
    queue_next_pass()
    return figures
