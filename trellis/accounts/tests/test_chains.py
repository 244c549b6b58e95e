"""A self-renewing pass is queued once per slot, whoever asks, on the worker's database queue."""

from datetime import UTC, datetime, timedelta

import pytest

from trellis.accounts.chains import next_slot, queue_once


def test_slots_snap_to_the_quarter_hour_the_hour_and_midnight():
    now = datetime(2026, 12, 3, 10, 7, 42, tzinfo=UTC)
    assert next_slot(now, timedelta(minutes=15)) == datetime(2026, 12, 3, 10, 15, tzinfo=UTC)
    assert next_slot(now, timedelta(hours=1)) == datetime(2026, 12, 3, 11, 0, tzinfo=UTC)
    assert next_slot(now, timedelta(days=1)) == datetime(2026, 12, 4, 0, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_the_second_ask_in_a_slot_queues_nothing(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from trellis.privacy.tasks import run_retention_pass

    run_at = next_slot(datetime(2026, 12, 3, 10, 7, tzinfo=UTC), timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_once(run_retention_pass, name="t", run_at=run_at, keep=timedelta(days=2))
        second = queue_once(run_retention_pass, name="t", run_at=run_at, keep=timedelta(days=2))
    assert (first, second) == (True, False)
    queued = DBTaskResult.objects.get()
    assert queued.run_after == run_at and queued.task_path.endswith("run_retention_pass")
