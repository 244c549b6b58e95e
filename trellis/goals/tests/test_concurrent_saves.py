"""Two people save the same plan at the same moment, from the same version: one save wins, the
other is refused with what changed; nothing is silently overwritten (PostgreSQL, real threads)."""

import threading
from functools import partial

import pytest
from django.db import connection

from trellis.goals import services
from trellis.goals.models import Goal
from trellis.goals.tests.helpers import bob_plan


def run_together(*jobs):
    """Each job in its own thread (its own database connection), released at one moment."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_two_simultaneous_saves_win_and_refuses_the_other(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
    goal = bob_plan(world).goal
    for round_ in range(5):  # several rounds, so a lucky ordering cannot hide a race
        seen = Goal.objects.get(pk=goal.pk).version
        alice = partial(
            services.goal_update,
            actor=world.alice,
            goal=goal,
            changes={"weight": 2 + round_},
            version=seen,
        )
        bob = partial(
            services.goal_update,
            actor=world.bob,
            goal=goal,
            changes={"title": f"Planning, round {round_}"},
            version=seen,
        )
        results = run_together(alice, bob)
        saved = [r for r in results if isinstance(r, Goal)]
        refused = [r for r in results if isinstance(r, services.EditConflict)]
        assert len(saved) == 1 and len(refused) == 1, results
        assert refused[0].current_version == seen + 1
        current = Goal.objects.get(pk=goal.pk)
        assert current.version == seen + 1
        # exactly the winner's change is there, the loser's is not
        assert (current.weight == 2 + round_) != (current.title == f"Planning, round {round_}")
