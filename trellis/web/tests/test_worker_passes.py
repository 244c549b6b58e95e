"""`trellis worker` starts every self-renewing pass when it starts, the daily decision review pass
among them, so a decision whose review date has come is emailed without anyone running
`trellis leadership pass` by hand."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from trellis.web.services.passes import passes_start

PASSES = {
    "run_decision_pass",
    "run_feedback_pass",
    "dispatch_reminders",
    "run_program_pass",
    "run_team_pass",
    "run_peer_check_pass",
    "run_retention_pass",
}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()
    yield
    cache.clear()


def queued() -> list[str]:
    from django_tasks_db.models import DBTaskResult

    return sorted(r.task_path.rsplit(".", 1)[-1] for r in DBTaskResult.objects.all())


@pytest.mark.django_db(transaction=True)
def test_the_worker_queues_the_decision_pass_and_every_other_pass_when_it_starts(database_queue):
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert set(queued()) == PASSES  # each once, none run yet: they are due in a later slot


@pytest.mark.django_db(transaction=True)
def test_a_restarted_worker_queues_no_pass_twice(database_queue):
    first = passes_start()
    second = passes_start()
    assert first["leadership decisions"] and first["stakeholders"]
    assert not any(second.values())
    assert len(queued()) == len(PASSES)
