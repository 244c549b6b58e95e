"""Background work: the team pulse pass, every quarter of an hour while `trellis worker` runs."""

from django_tasks import task


@task()
def run_team_pass() -> dict[str, int]:
    """Close pulses whose week is over, send the pulses the teams' cadence asks for, then queue
    the next pass."""
    from trellis.teams.services import pulse_pass, queue_next_pass

    figures = pulse_pass()
    queue_next_pass()
    return figures
