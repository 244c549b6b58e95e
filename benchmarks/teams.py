"""Group and sales coaching pages at large-company scale: time and queries per page.

Usage: .venv/bin/python benchmarks/teams.py [--sizes 20,2000]

For each size, seeds a throwaway SQLite file (or PostgreSQL when DATABASE_URL points at a scratch
database) with that many coachees across 100 coaches (trellis/web/tests/bulk.grow: engagements,
goals, actions, sessions), one group engagement of 40 of them with five items each at mixed
levels and a comment on each group-shared one, and one deal per ten coachees. Then each page is
asked twice by the person named (the first warms caches) and the second is timed and its queries
counted. Queries should be the same at every size.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LEVELS = ["private", "coach", "group", "aggregate", "group"]


def setup_django(scratch: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(scratch / "bench.db")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.setdefault("CACHE_URL", "locmem://")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(size: int):
    from trellis.accounts.models import Membership, Organization, User
    from trellis.engagements.kinds import engagement_propose_group
    from trellis.engagements.lifecycle import engagement_accept
    from trellis.engagements.models import Engagement
    from trellis.groups import sales_services, services
    from trellis.web.tests.bulk import grow

    org = Organization.objects.create(slug=f"bench{size}", name=f"Bench {size}")
    user = User.objects.create(email=f"coach{size}@bench.example", name="Lead Coach")
    coach = Membership.objects.create(org=org, user=user, is_coach=True)
    user = User.objects.create(email=f"admin{size}@bench.example", name="Admin")
    admin = Membership.objects.create(org=org, user=user, is_admin=True)
    grow(org, coachees=size, coach=coach, for_coach=size // 100 or 1, extra_coaches=99)
    people = list(Membership.objects.filter(org=org, is_coachee=True).order_by("pk")[:40])
    group = engagement_propose_group(actor=coach, coach=coach, coachees=people, topic="Cohort")
    for person in people:
        engagement_accept(actor=person, engagement=group)
    group.refresh_from_db()
    for person in people:
        for n, level in enumerate(LEVELS):
            item = services.item_add(
                actor=person, engagement=group, kind="goal", text=f"Item {n}", visibility=level
            )
            if level == "group":
                services.comment_add(actor=coach, item=item, text="Good")
    mine = Engagement.objects.filter(org=org, coach=coach, kind="one_to_one")
    for n, engagement in enumerate(Engagement.objects.filter(org=org, kind="one_to_one")):
        if n % 10 == 0:
            seller = engagement.coachee
            sales_services.deal_create(
                actor=seller, engagement=engagement, name=f"Deal {n}", value=1000 * n
            )
    return org, coach, admin, people[0], group, mine.count()


def measure(client, member, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        answer = client.get(url)
        took = (time.perf_counter() - start) * 1000
    assert answer.status_code == 200, (url, answer.status_code)
    return took, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,2000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        setup_django(Path(scratch))
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse

        settings.ALLOWED_HOSTS = ["*"]
        results = {}
        for size in sizes:
            started = time.perf_counter()
            org, coach, admin, member, group, _ = seed(size)
            print(f"seeded {size} coachees in {time.perf_counter() - started:.0f} s", flush=True)
            client = Client()
            pages = [
                ("group page, coach", coach, reverse("groups:detail", args=[org.slug, group.uuid])),
                ("group page, member", member, reverse("groups:detail", args=[org.slug, group.uuid])),
                ("group page, admin", admin, reverse("groups:detail", args=[org.slug, group.uuid])),
                ("groups list, admin", admin, reverse("groups:list", args=[org.slug])),
                ("deals, coach", coach, reverse("groups:deals", args=[org.slug])),
                ("pipeline, admin", admin, reverse("groups:pipeline", args=[org.slug])),
                ("teams list, admin", admin, reverse("teams:list", args=[org.slug])),
                ("engagements, coach", coach, reverse("engagements:list", args=[org.slug])),
            ]  # fmt: skip
            for name, who, url in pages:
                results[(name, size)] = measure(client, who, url)
        print(f"{'page':24}" + "".join(f"{f'{s} coachees':>24}" for s in sizes))
        for name in dict.fromkeys(n for n, _ in results):
            cells = "".join(
                f"{f'{results[(name, s)][0]:.0f} ms, {results[(name, s)][1]} q':>24}" for s in sizes
            )
            print(f"{name:24}{cells}")


if __name__ == "__main__":
    main()
