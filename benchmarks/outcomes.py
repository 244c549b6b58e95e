"""Outcome dashboards at demo size and at 10,000 coachees and 2,000 engagements: time and SQL
queries of each dashboard, and the ratio of the large to the demo figure.

Usage:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/trellis_outcomes .venv/bin/python benchmarks/outcomes.py

Two databases: DATABASE_URL's name plus `_demo` (the demo, `trellis demo-seed`) and DATABASE_URL's
own (the demo grown by bulk inserts: 10,000 more coachees in 20 teams, 2,000 of them in an
engagement with 100 new coaches, half enrolled in one program, each engagement with six calendar
sessions (held, no-shows, a late cancellation), two GAS reviews; Alice coaches 200 of them and
Dana sponsors those 200 under an agreement that shows attendance and goal summaries). Both are
made once and reused; --rebuild starts them afresh. Each dashboard is built three times in
process (the selector the page and the API call); the median wall and CPU times are printed.
Target (issue 17): constant queries, under a second at the large size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
COACHEES = 10_000
ENGAGEMENTS = 2_000
COACHES = 100
TEAMS = 20
FOR_ALICE = 200


def database_urls() -> tuple[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of your own, e.g. .../trellis_outcomes")
    parts = urlsplit(url)
    demo = urlunsplit(parts._replace(path=parts.path + "_demo"))
    return url, demo


def ensure_database(url: str, rebuild: bool) -> bool:
    """Create the database when missing (or afresh); True when it was (re)made."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and not rebuild:
            return False
        if exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def trellis(url: str, *args: str) -> int:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "trellis.settings"}
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "trellis"), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ).returncode


def grow() -> None:
    """Bulk inserts into the demo database (Django set up on it)."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from trellis.accounts.models import Membership, Organization, Team, User
    from trellis.engagements.models import Agreement, Engagement, EngagementParticipant
    from trellis.goals.models import Review
    from trellis.programs.models import Enrolment, Program
    from trellis.scheduling.models import Outcome, ScheduledSession, SessionSeries

    org = Organization.objects.get(slug="northwind")
    alice = Membership.objects.get(org=org, user__email="alice@northwind.example")
    dana = Membership.objects.get(org=org, user__email="dana@northwind.example")
    olga = Membership.objects.get(org=org, user__email="olga@northwind.example")
    now = timezone.now()
    today = timezone.localdate()
    Role, Acceptance = EngagementParticipant.Role, EngagementParticipant.Acceptance
    with transaction.atomic():
        teams = Team.objects.bulk_create(
            [Team(org=org, name=f"Bench team {i:02d}") for i in range(TEAMS)]
        )
        users = User.objects.bulk_create(
            [User(email=f"bench{i}@northwind.example", name=f"Bench {i}") for i in range(COACHEES)]
            + [
                User(email=f"benchcoach{i}@northwind.example", name=f"Bench coach {i}")
                for i in range(COACHES)
            ]
        )
        members = Membership.objects.bulk_create(
            [
                Membership(org=org, user=u, is_coachee=True, team=teams[i % TEAMS])
                for i, u in enumerate(users[:COACHEES])
            ]
            + [Membership(org=org, user=u, is_coach=True) for u in users[COACHEES:]]
        )
        coachees, coaches = members[:COACHEES], members[COACHEES:]
        program = Program.objects.create(
            org=org,
            slug="bench-program",
            name="Bench program",
            template_key="new-manager",
            template_version=1,
            template_text="",
            starts_on=today - timedelta(days=200),
            created_by=olga,
        )
        statuses = ["active"] * 7 + ["ended", "paused", "proposed"]
        engagements = Engagement.objects.bulk_create(
            [
                Engagement(
                    org=org,
                    coach=alice if i < FOR_ALICE else coaches[i % COACHES],
                    coachee=coachees[i],
                    sponsor=dana if i < FOR_ALICE else None,
                    status=statuses[i % len(statuses)],
                    started_on=today - timedelta(days=30 + i % 300),
                    ended_on=today - timedelta(days=i % 20)
                    if statuses[i % len(statuses)] == "ended"
                    else None,
                    end_reason="Changed role" if i % 20 == 7 else "",
                )
                for i in range(ENGAGEMENTS)
            ]
        )
        places = []
        for e in engagements:
            places += [
                EngagementParticipant(
                    engagement=e,
                    member_id=e.coach_id,
                    role=Role.LEAD_COACH,
                    acceptance=Acceptance.ACCEPTED,
                ),
                EngagementParticipant(
                    engagement=e,
                    member_id=e.coachee_id,
                    role=Role.COACHEE,
                    acceptance=Acceptance.ACCEPTED,
                ),
            ]
            if e.sponsor_id:
                places.append(
                    EngagementParticipant(
                        engagement=e,
                        member_id=e.sponsor_id,
                        role=Role.SPONSOR,
                        acceptance=Acceptance.ACCEPTED,
                        coachee_approved_at=now,
                    )
                )
        EngagementParticipant.objects.bulk_create(places, batch_size=2000)
        Agreement.objects.bulk_create(
            [
                Agreement(
                    engagement=e,
                    version=1,
                    goals="Bench goals",
                    length="six months",
                    cadence="every two weeks",
                    sponsor_sees=["attendance", "goal_summaries"],
                    confidentiality_limits="Bench",
                )
                for e in engagements
                if e.sponsor_id
            ]
        )
        Enrolment.objects.bulk_create(
            [
                Enrolment(program=program, member_id=e.coachee_id, engagement=e)
                for e in engagements[::2]
            ]
        )
        series = SessionSeries.objects.bulk_create(
            [
                SessionSeries(
                    org=org,
                    engagement=e,
                    coach_id=e.coach_id,
                    coachee_id=e.coachee_id,
                    organizer_id=e.coach_id,
                    timezone="UTC",
                    starts_at=now - timedelta(days=60),
                )
                for e in engagements
            ]
        )
        outcomes = [Outcome.HELD, Outcome.HELD, Outcome.NO_SHOW_COACHEE, Outcome.HELD, "", ""]
        sessions = []
        for s in series:
            for n, outcome in enumerate(outcomes):
                start = now - timedelta(days=60 - 10 * n)
                late = n == 4 and s.pk % 3 == 0
                sessions.append(
                    ScheduledSession(
                        series=s,
                        org=org,
                        coach_id=s.coach_id,
                        coachee_id=s.coachee_id,
                        original_start=start,
                        start=start,
                        end=start + timedelta(hours=1),
                        outcome=outcome,
                        status="cancelled" if late else "scheduled",
                        late=late,
                    )
                )
        ScheduledSession.objects.bulk_create(sessions, batch_size=5000)
        Review.objects.bulk_create(
            [
                Review(
                    org=org,
                    coachee_id=e.coachee_id,
                    engagement=e,
                    reviewed_on=today - timedelta(days=days),
                    t_score=40.0 + (e.pk % 25) + (0 if days > 20 else 5),
                )
                for e in engagements
                for days in (40, 10)
            ],
            batch_size=5000,
        )


def measure(views: list[tuple[str, str, dict[str, str]]]) -> dict[str, tuple[float, float, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from trellis.accounts.models import Membership
    from trellis.outcomes import selectors

    found = {}
    for name, email, filters in views:
        member = Membership.objects.select_related("org", "user").get(
            user__email=email, org__slug="northwind"
        )
        if "team" in filters:  # the first bench team, or the demo's first team
            team = selectors.dashboard_for(member=member).scope.teams
            filters = {**filters, "team": team[0].value if team else ""}
        if "coach" in filters:
            coach = selectors.dashboard_for(member=member).scope.coaches
            filters = {**filters, "coach": coach[0].value if coach else ""}
        times, cpu, queries = [], [], 0
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                selectors.dashboard_for(member=member, **filters)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            queries = len(captured)
        found[name] = (statistics.median(times), statistics.median(cpu), queries)
    return found


VIEWS = [
    ("admin: organization", "olga@northwind.example", {}),
    ("admin: one program", "olga@northwind.example", {"program": "bench-program"}),
    ("admin: one team", "olga@northwind.example", {"team": ""}),
    ("admin: one coach, 90 days", "olga@northwind.example", {"coach": "", "period": "90d"}),
    ("coach (Alice)", "alice@northwind.example", {}),
    ("sponsor (Dana)", "dana@northwind.example", {}),
]


def run_in(url: str) -> dict[str, tuple[float, float, int]]:
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, __file__, "--measure-only"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        if line.startswith("M\t"):
            _, name, seconds, cpu, queries = line.split("\t")
            found[name] = (float(seconds), float(cpu), int(queries))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="make both databases afresh")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--grow-only", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    if options.measure_only or options.grow_only:
        import django

        django.setup()
        if options.grow_only:
            grow()
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give
            return
        for name, (seconds, cpu, queries) in measure(VIEWS).items():
            print(f"M\t{name}\t{seconds}\t{cpu}\t{queries}")
        return
    large, demo = database_urls()
    for url, grown in ((demo, False), (large, True)):
        if ensure_database(url, options.rebuild):
            print(f"building {urlsplit(url).path.lstrip('/')} ...", flush=True)
            if trellis(url, "migrate", "-v0"):
                sys.exit("trellis migrate failed")
            if trellis(url, "demo-seed"):
                # a later app's seed step may fail on PostgreSQL; what was seeded before it stays
                print("warning: trellis demo-seed stopped with an error; measuring what it made")
            if grown:
                env = {**os.environ, "DATABASE_URL": url}
                subprocess.run([sys.executable, __file__, "--grow-only"], env=env, check=True)
    small, big = run_in(demo), run_in(large)
    # Wall time is what a reader waits on this machine; CPU time is the Python process's own
    # work (the database's is not in it), which a busy machine inflates far less.
    print(
        f"{'dashboard':28} {'demo ms':>8} {'large ms':>9} {'large CPU ms':>13} {'ratio':>6}"
        f" {'queries demo/large':>19}"
    )
    for name, _, _ in VIEWS:
        (t1, _c1, q1), (t2, c2, q2) = small[name], big[name]
        print(
            f"{name:28} {t1 * 1000:8.0f} {t2 * 1000:9.0f} {c2 * 1000:13.0f} {t2 / t1:6.1f}"
            f" {q1:>9} / {q2:<8}"
        )


if __name__ == "__main__":
    main()
