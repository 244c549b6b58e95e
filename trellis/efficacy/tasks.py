"""Background work: the peer-coach self-check pass, every hour while `trellis worker` runs."""

from django_tasks import task


@task()
def run_peer_check_pass() -> int:
    """Send the self-check after each newly held peer session, then queue the next pass."""
    from trellis.efficacy.services import peer_checks_send, queue_next_pass

    sent = peer_checks_send()
    queue_next_pass()
    return sent
