"""Measure one reminder pass over a large installation: time, queries and peak memory.

Usage: .venv/bin/python benchmarks/reminders.py [--actions 100000] [--sessions 20000] [--keep]

Seeds an organization with coaches and coachees, 100,000 goal actions (due dates spread over
four months around today) and 20,000 scheduled sessions (spread over two months), with
bulk_create, into a throwaway SQLite file; or into PostgreSQL when DATABASE_URL is set (point it
at a scratch database: the script migrates it, and removes its organization at the end unless
--keep). Then it runs one pass (what the worker runs every minute: extend series, fire timed
triggers, log overdue actions as events, plan reminders, send the due ones) and a second pass
right after it, counting queries; then the first pass once more from an empty reminder table under
tracemalloc, for its peak memory. Mail goes to Django's dummy backend.

Measured on the development machine (November 2026), 100,000 actions and 20,000 sessions:
  SQLite:     first pass 2.8 s, 709 queries; second pass 0.3 s, 33 queries; peak 2.7 MiB
  PostgreSQL: first pass 2.9 s, 301 queries; second pass 0.3 s, 20 queries; peak 3.3 MiB
The first pass plans ~18,800 reminders (sessions in the next day or just ended, actions due soon
or overdue up to a month) and sends the 61 already due; later passes only look at what is new.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 5000
COACHEES = 2000
COACHES = 200
ZONES = ["Europe/London", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata"]


def setup_django(scratch: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(scratch / "bench.db")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(n_actions: int, n_sessions: int, now: datetime) -> object:
    from trellis.accounts.models import Membership, Organization, User
    from trellis.engagements.models import Engagement
    from trellis.goals.models import Action, Goal
    from trellis.scheduling.models import ScheduledSession, SessionSeries

    rng = random.Random(2026)
    tag = uuid.uuid4().hex[:8]
    org = Organization.objects.create(slug=f"bench-{tag}", name="Benchmark organization")
    users = User.objects.bulk_create(
        User(email=f"p{i}-{tag}@bench.example", name=f"Person {i}", time_zone=rng.choice(ZONES))
        for i in range(COACHEES + COACHES)
    )
    members = Membership.objects.bulk_create(
        Membership(org=org, user=u, is_coach=i >= COACHEES, is_coachee=i < COACHEES)
        for i, u in enumerate(users)
    )
    coachees, coaches = members[:COACHEES], members[COACHEES:]
    engagements = Engagement.objects.bulk_create(
        Engagement(org=org, coach=coaches[i % COACHES], coachee=c, topic="Benchmark")
        for i, c in enumerate(coachees)
    )
    goals = Goal.objects.bulk_create(
        Goal(org=org, owner=e.coachee, engagement=e, title=f"Goal {i}")
        for i, e in enumerate(engagements)
    )
    today = now.date()
    for start in range(0, n_actions, BATCH):
        Action.objects.bulk_create(
            Action(
                goal=goals[i % len(goals)],
                what=f"Action {i}",
                owner_id=goals[i % len(goals)].owner_id,
                due_date=today + timedelta(days=rng.randint(-60, 60)),
                status=rng.choice(["planned", "in_progress", "done"]),
            )
            for i in range(start, min(start + BATCH, n_actions))
        )
    for start in range(0, n_sessions, BATCH):
        batch = []
        for i in range(start, min(start + BATCH, n_sessions)):
            e = engagements[i % len(engagements)]
            when = (now + timedelta(minutes=30 * rng.randint(-2880, 2880))).replace(
                second=0, microsecond=0
            )
            batch.append(
                SessionSeries(
                    org=org,
                    engagement=e,
                    coach_id=e.coach_id,
                    coachee_id=e.coachee_id,
                    organizer_id=e.coach_id,
                    timezone="Europe/London",
                    starts_at=when,
                    duration_minutes=60,
                )
            )
        SessionSeries.objects.bulk_create(batch)
        ScheduledSession.objects.bulk_create(
            ScheduledSession(
                series=s,
                org=org,
                coach_id=s.coach_id,
                coachee_id=s.coachee_id,
                original_start=s.starts_at,
                start=s.starts_at,
                end=s.starts_at + timedelta(minutes=60),
                timed_at=now - timedelta(days=90),
            )
            for s in batch
        )
    return org


def remove(org: object) -> None:
    """Delete what seed() made, children first (people and engagements are protected)."""
    from trellis.accounts.models import Membership, User
    from trellis.engagements.models import Engagement
    from trellis.goals.models import Action, Goal
    from trellis.scheduling.models import Reminder, SessionSeries

    Reminder.objects.filter(recipient__org=org).delete()
    Action.objects.filter(goal__org=org).delete()
    Goal.objects.filter(org=org).delete()
    SessionSeries.objects.filter(org=org).delete()
    Engagement.objects.filter(org=org).delete()
    users = list(Membership.objects.filter(org=org).values_list("user_id", flat=True))
    Membership.objects.filter(org=org).delete()
    User.objects.filter(pk__in=users).delete()
    org.delete()  # type: ignore[attr-defined]


def measured_pass(now: datetime, *, memory: bool) -> tuple[dict[str, int], float, int, int]:
    """One pass: its figures, seconds, queries and peak traced memory (0 unless `memory`).

    Queries are counted with an execute wrapper: CaptureQueriesContext keeps only the last 9,000
    and would hold every statement's text in memory.
    """
    from django.db import connection

    from trellis.scheduling.services.reminders import reminder_pass

    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    if memory:
        tracemalloc.start()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        figures = reminder_pass(now=now)
        elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    if memory:
        tracemalloc.stop()
    return figures, elapsed, count, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true", help="keep the seeded data (PostgreSQL)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="trellis-bench-") as scratch:
        setup_django(Path(scratch))
        from django.db import connection
        from django.utils import timezone

        from trellis.scheduling.models import Reminder

        now = timezone.now()
        started = time.perf_counter()
        org = seed(args.actions, args.sessions, now)
        seeded = time.perf_counter() - started
        # A worker has its URLs and the goals app loaded after its first minute; so does this.
        from django.urls import reverse

        import trellis.goals.selectors  # noqa: F401

        reverse("scheduling:calendar", args=["x"])
        print(
            f"Seeded {args.actions:,} actions and {args.sessions:,} sessions on "
            f"{connection.vendor} in {seeded:.1f} s"
        )
        for label, memory in (
            ("first pass", False),
            ("second pass (nothing new)", False),
        ):
            figures, elapsed, queries, _ = measured_pass(now, memory=memory)
            print(f"{label}: {elapsed:.2f} s, {queries:,} queries; {figures}")
        print(
            "reminders in the database: "
            f"{Reminder.objects.count():,} ({Reminder.objects.filter(status='sent').count():,} sent)"
        )
        # The first pass again from scratch, under tracemalloc (slower), for its peak memory.
        Reminder.objects.filter(recipient__org=org).delete()
        _, elapsed, queries, peak = measured_pass(now, memory=True)
        print(
            f"first pass again under tracemalloc: peak Python memory {peak / 2**20:.1f} MiB "
            f"({elapsed:.2f} s with tracing)"
        )
        if connection.vendor == "postgresql" and not args.keep:
            remove(org)
        connection.close()


if __name__ == "__main__":
    main()
