"""The self-renewing background passes `trellis worker` starts when it starts.

Each pass queues its next run when it runs (trellis.accounts.chains), but something must queue the
first one: without this a fresh worker ran only the passes someone had started by hand (`trellis
leadership pass`, `trellis stakeholders pass`, ...) or by an action (an enrolment starts the program
pass). The worker calls `passes_start` before it takes tasks, so every chain is going however the
queue was left; each pass is queued at most once per slot, so a restart adds nothing twice.
"""

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone


def _starters() -> list[tuple[str, Callable[..., bool]]]:
    from trellis.efficacy.services import queue_next_pass as efficacy_pass
    from trellis.leadership.services import queue_next_pass as decision_pass
    from trellis.privacy.services import queue_retention_pass
    from trellis.programs.services import queue_next_pass as program_pass
    from trellis.scheduling.services.reminders import schedule_next_pass
    from trellis.stakeholders.services import queue_next_pass as feedback_pass
    from trellis.teams.services import queue_next_pass as team_pass

    return [
        ("reminders", schedule_next_pass),
        ("programs", program_pass),
        ("teams", team_pass),
        ("stakeholders", feedback_pass),
        ("leadership decisions", decision_pass),
        ("efficacy peer checks", efficacy_pass),
        ("privacy retention", queue_retention_pass),
    ]


def passes_start(*, now: datetime | None = None) -> dict[str, bool]:
    """Queue the next run of every background pass (each once per slot); answers, per pass,
    whether this call queued it (False: already queued for that slot, or a backend that cannot
    run tasks later)."""
    now = now or timezone.now()
    return {name: start(now=now) for name, start in _starters()}
