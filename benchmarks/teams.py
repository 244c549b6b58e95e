"""Group, sales, team and organization pages at large-company scale: time and queries per page.

Usage: .venv/bin/python benchmarks/teams.py [--sizes 20,2000]

For each size, seeds a throwaway SQLite file (or PostgreSQL when DATABASE_URL points at a scratch
database) with that many coachees across 100 coaches (trellis/web/tests/bulk.grow: engagements,
goals, actions, sessions), one group engagement of 40 of them with five items each at mixed
levels and a comment on each group-shared one, and one deal per ten coachees. For the team and
organization pages: five business goals at the top of the goal tree, a team goal under one of them
for each team, every coachee's goals under their team's goal (their GAS scores make the trend),
and a team engagement of 12 people (the "Platform" team) with a charter and three answered
pulses. Then each page is
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
    team_engagement = seed_team(org, coach)
    return org, coach, admin, people[0], group, mine.count(), team_engagement


def seed_team(org, coach):
    """Business goals over the teams' goals over everyone's goals; the Platform team coached."""
    from types import SimpleNamespace

    from trellis.accounts.models import Membership, Team
    from trellis.engagements.kinds import engagement_propose_team
    from trellis.engagements.lifecycle import engagement_accept
    from trellis.goals.models import Goal
    from trellis.teams import services as teams
    from trellis.teams.tests.helpers import answered_pulse, pulse_answers

    tops = [
        Goal.objects.create(org=org, level=Goal.Level.ORGANIZATION, title=f"Business goal {n}")
        for n in range(5)
    ]
    for n, team in enumerate(Team.objects.filter(org=org).order_by("pk")):
        under = Goal.objects.create(
            org=org, level=Goal.Level.TEAM, team=team, parent=tops[n % 5], title=f"{team} goal"
        )
        Goal.objects.filter(org=org, level=Goal.Level.PERSON, owner__team=team).update(parent=under)
    platform = Team.objects.create(org=org, name="Platform")
    people = list(Membership.objects.filter(org=org, is_coachee=True).order_by("-pk")[:12])
    Membership.objects.filter(pk__in=[p.pk for p in people]).update(team=platform)
    engagement = engagement_propose_team(
        actor=coach, team=platform, coach=coach, topic="Platform team"
    )
    for person in people:
        engagement_accept(actor=person, engagement=engagement)
    engagement.refresh_from_db()
    teams.charter_save(
        actor=coach, engagement=engagement, purpose="Ship reliable releases", note="first"
    )
    world = SimpleNamespace(alice=coach)
    for days_ago in (56, 28, 0):
        answered_pulse(world, engagement, [(p, pulse_answers()) for p in people], days_ago=days_ago)
    return engagement


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
            org, coach, admin, member, group, _, team = seed(size)
            teammate = team.participants.filter(role="coachee").first().member
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
                ("business goals, admin", admin, reverse("teams:business", args=[org.slug])),
                ("org dashboard, admin", admin, reverse("outcomes:dashboard", args=[org.slug])),
                ("team page, coach", coach, reverse("teams:detail", args=[org.slug, team.uuid])),
                ("team page, member", teammate, reverse("teams:detail", args=[org.slug, team.uuid])),
                ("team page, admin", admin, reverse("teams:detail", args=[org.slug, team.uuid])),
                ("charter history, member", teammate, reverse("teams:charter_history", args=[org.slug, team.uuid])),
                ("team check-ins, coach", coach, reverse("teams:check_ins", args=[org.slug, team.uuid])),
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
