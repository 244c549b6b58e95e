"""Measure enrolling a cohort in a program and scheduling its series: time, queries, peak memory.

Usage: .venv/bin/python benchmarks/programs.py [--sizes 500,5000] [--template team-coaching]

For each size, seeds an organization with that many coachees (time zones spread over five) and one
coach per hundred, into a throwaway SQLite file (or PostgreSQL when DATABASE_URL points at a scratch
database), starts an "executive-one-to-one" program (coaches assigned from the pool), then:

1. enrols everyone in one call (`program_enrol`: checks, then proposed engagements, places and history
   written in bulk, one transaction);
2. marks every engagement accepted (directly in the database: in the product each coachee accepts on
   their own page, which is not what is measured here);
3. schedules every accepted engagement's monthly series in its coachee's zone
   (`program_schedule_accepted`, streamed in chunks of 500).

Queries are counted with a connection execute wrapper (CaptureQueriesContext keeps only 9,000); peak memory is tracemalloc's, in a second run of the
same steps. Queries per person should stay flat across sizes. Mail goes to the dummy backend; tasks
go to the database queue as in production (no worker runs them here).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ZONES = ["Europe/London", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata"]


def setup_django(scratch: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(scratch / "bench.db")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    # as in production: invitations queue a task for the worker rather than running a pass now
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ.setdefault("CACHE_URL", "locmem://")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(size: int, template: str = "executive-one-to-one") -> tuple[object, object, list[object]]:
    from trellis.accounts.models import Membership, Organization, User
    from trellis.programs import services

    tag = uuid.uuid4().hex[:8]
    org = Organization.objects.create(slug=f"bench-{tag}", name="Benchmark organization")
    coaches_n = max(1, size // 100)
    users = User.objects.bulk_create(
        User(email=f"p{i}-{tag}@bench.example", name=f"Person {i}", time_zone=ZONES[i % 5])
        for i in range(size + coaches_n + 1)
    )
    members = Membership.objects.bulk_create(
        Membership(
            org=org,
            user=u,
            is_coachee=i < size,
            is_coach=size <= i < size + coaches_n,
            is_admin=i == size + coaches_n,
        )
        for i, u in enumerate(users)
    )
    coachees, coaches, admin = members[:size], members[size:-1], members[-1]
    program = services.program_create(
        actor=admin,
        template_key=template,
        name=f"Cohort {tag}",
        starts_on=date.today(),  # noqa: DTZ011
        pool=[services.PoolPlace(c, 100) for c in coaches],
    )
    return admin, program, coachees


def accept_all(program: object) -> None:
    from django.utils import timezone

    from trellis.engagements.models import Engagement, EngagementParticipant

    ids = Engagement.objects.filter(enrolment__program=program).values_list("pk", flat=True)
    EngagementParticipant.objects.filter(engagement__in=ids).update(
        acceptance=EngagementParticipant.Acceptance.ACCEPTED, responded_at=timezone.now()
    )
    Engagement.objects.filter(pk__in=ids).update(status=Engagement.Status.ACTIVE)


class Counting:
    """Counts every query the default connection runs while inside the block."""

    def __enter__(self) -> Counting:
        from django.db import connection

        self.count = 0
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)

    def __exit__(self, *exc: object) -> None:
        self._wrapper.__exit__(*exc)


def run(size: int, *, memory: bool, template: str = "executive-one-to-one") -> dict[str, float]:
    from trellis.programs import services
    from trellis.scheduling.models import ScheduledSession

    admin, program, coachees = seed(size, template)
    figures: dict[str, float] = {}
    if memory:
        tracemalloc.start()
    with Counting() as enrol_queries:
        started = time.perf_counter()
        services.program_enrol(actor=admin, program=program, members=coachees)  # type: ignore[arg-type]
        figures["enrol_s"] = time.perf_counter() - started
    accept_all(program)
    with Counting() as schedule_queries:
        started = time.perf_counter()
        scheduled = services.program_schedule_accepted(program=program)  # type: ignore[arg-type]
        figures["schedule_s"] = time.perf_counter() - started
    if memory:
        figures["peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    assert scheduled == size
    figures["enrol_queries"] = enrol_queries.count
    figures["schedule_queries"] = schedule_queries.count
    figures["sessions"] = ScheduledSession.objects.filter(
        series__engagement__enrolment__program=program
    ).count()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000", help="cohort sizes, comma-separated")
    parser.add_argument(
        "--template",
        default="executive-one-to-one",
        help="an assigned template: team-coaching sends the per-member group invitations",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_django(Path(scratch))
        from django.db import connection

        print(f"database: {connection.vendor}; Python {sys.version.split()[0]}")
        header = (
            f"{'people':>7} | {'enrol s':>8} | {'queries':>8} | {'per person':>10} | "
            f"{'schedule s':>10} | {'queries':>8} | {'per person':>10} | {'sessions':>8} | {'peak MiB':>8}"
        )
        print(header)
        print("-" * len(header))
        for size in (int(s) for s in options.sizes.split(",")):
            timed = run(size, memory=False, template=options.template)
            peak = run(size, memory=True, template=options.template)["peak_mib"]
            print(
                f"{size:>7} | {timed['enrol_s']:>8.2f} | {timed['enrol_queries']:>8.0f} | "
                f"{timed['enrol_queries'] / size:>10.2f} | {timed['schedule_s']:>10.2f} | "
                f"{timed['schedule_queries']:>8.0f} | {timed['schedule_queries'] / size:>10.2f} | "
                f"{timed['sessions']:>8.0f} | {peak:>8.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
