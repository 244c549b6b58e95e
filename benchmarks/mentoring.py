"""A mentoring program of N participants matched, reviewed and published through the web, with the
match step's time beside `trellis match` on the same people.

Usage: .venv/bin/python benchmarks/mentoring.py [--size 1000]

Into a throwaway SQLite file (or PostgreSQL when DATABASE_URL points at a scratch database): an
organization, an admin, a mentoring program (the default rules in trellis/mentoring/rules/), then
through Django's test client, signed in as the admin:

1. the admin uploads a CSV enrolling N people (a third mentors with two places, the rest mentees);
2. runs the match from the program page (over MENTORING_BACKGROUND_ABOVE people it goes to the
   worker: the tasks backend here runs it at once) and reads the status partial the page polls;
3. reviews: locks 5 proposed pairs and bans 5, then runs the match again (locks kept, bans
   respected);
4. publishes (every pair is emailed: the dummy mail backend).

Then `trellis match run` (a subprocess, the terminal command as a user runs it) on the participants
file the web run used, and the engine alone in-process on it. Figures: each web step's wall time,
the engine's own seconds within the web run, the CLI's wall time and the engine's in the CLI.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(scratch: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(scratch / "bench.db")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("CACHE_URL", "locmem://")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="mentoring-bench-"))
    setup_django(scratch)

    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]

    from trellis.accounts.models import Membership, Organization, User
    from trellis.core.matching import parse_participants, parse_rules, run_matching
    from trellis.mentoring import services
    from trellis.mentoring.models import MentoringProgram, Pair
    from trellis.mentoring.tests.helpers import answers, mentoring_program, rules_text

    org = Organization.objects.create(slug="bench", name="Benchmark organization")
    admin = Membership.objects.create(
        org=org, user=User.objects.create(email="admin@bench.test", name="Admin"), is_admin=True
    )
    program = mentoring_program(admin, name="Mentoring benchmark")
    users = User.objects.bulk_create(
        User(email=f"p{i}@bench.test", name=f"Person {i}") for i in range(args.size)
    )
    Membership.objects.bulk_create(Membership(org=org, user=u, is_coachee=True) for u in users)
    columns = ["grade", "department", "offers", "needs", "timezone", "languages"]
    lines = ["email,role,capacity," + ",".join(columns)]
    for i in range(args.size):
        role = "mentor" if i % 3 == 0 else "mentee"
        a = answers(i, role)
        cells = [";".join(a[c]) if isinstance(a[c], list) else a[c] for c in columns]
        lines.append(f"p{i}@bench.test,{role},{2 if role == 'mentor' else 1}," + ",".join(cells))
    csv_text = "\n".join(lines) + "\n"

    client = Client()
    client.force_login(admin.user, backend="django.contrib.auth.backends.ModelBackend")
    base = f"/o/{org.slug}/mentoring/{program.slug}/"
    figures: list[tuple[str, float]] = []

    def step(name: str, call) -> object:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        response = call()
        figures.append((name, time.perf_counter() - started))
        assert response.status_code in (200, 302), (name, response.status_code)
        return response

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("people.csv", csv_text.encode(), content_type="text/csv")
    step("enrol (CSV upload)", lambda: client.post(base + "people/", {"file": upload}))
    step("run the match", lambda: client.post(base + "run/"))
    setup = MentoringProgram.objects.get(program=program)
    first_engine = setup.run_seconds or 0.0
    step("status partial", lambda: client.get(base + "status/"))
    step("program page (review)", lambda: client.get(base))
    pairs = list(Pair.objects.filter(program=program, status="proposed").order_by("-score"))
    for pair in pairs[:5]:
        step(
            "lock a pair",
            lambda p=pair: client.post(base + f"pairs/{p.uuid}/review/", {"action": "lock"}),
        )
    for pair in pairs[-5:]:
        step(
            "ban a pair",
            lambda p=pair: client.post(base + f"pairs/{p.uuid}/review/", {"action": "ban"}),
        )
    step("re-run the match", lambda: client.post(base + "run/"))
    setup.refresh_from_db()
    second_engine = setup.run_seconds or 0.0
    step("publish", lambda: client.post(base + "publish/"))
    published = Pair.objects.filter(program=program, status="published").count()

    # the same people for `trellis match`: the file the web run gave the engine (first run)
    Pair.objects.filter(program=program, status="banned").delete()
    text, _ = services.match_input(program)
    # the published pairs now fill places: give the CLI the unreviewed input of the first run
    Pair.objects.filter(program=program).delete()
    text, _ = services.match_input(program)
    people = scratch / "participants.csv"
    people.write_text(text)
    rules_file = scratch / "rules.toml"
    rules_file.write_text(rules_text("mentoring"))
    started = time.perf_counter()
    done = subprocess.run(
        [
            str(ROOT / ".venv/bin/trellis"),
            "match",
            "run",
            str(rules_file),
            str(people),
            "--out",
            str(scratch / "out.csv"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    cli_wall = time.perf_counter() - started
    rules = parse_rules(rules_file.read_text())
    result = run_matching(rules, parse_participants(text, rules))
    said = re.findall(r"[\d.]+ ?s\b", done.stdout + done.stderr)

    print(
        f"Mentoring program, {args.size} participants ({os.environ.get('DATABASE_URL', 'SQLite')})"
    )
    for name, seconds in figures:
        print(f"  web  {name:<24} {seconds:8.3f} s")
    print(f"  web  engine inside the first run   {first_engine:8.3f} s")
    print(f"  web  engine inside the re-run      {second_engine:8.3f} s")
    print(f"  published pairs: {published}")
    print(f"  cli  trellis match run (wall, incl. start-up) {cli_wall:8.3f} s  {said[:1]}")
    print(
        f"  engine in-process on the same file      {result.seconds:8.3f} s  ({len(result.matches)} pairs)"
    )


if __name__ == "__main__":
    main()
