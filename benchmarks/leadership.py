"""Leadership and stakeholder pages, the demo beside a large organization: time and queries.

Usage: .venv/bin/python benchmarks/leadership.py [--coachees 2000] [--leaders 50]

Into a throwaway SQLite file (or PostgreSQL when DATABASE_URL points at a scratch database):
Northwind from the demo with its leader (Greg, on the new-manager track: a leadership goal with two
behaviours, six monthly stakeholder rounds from four stakeholders, a start and end 360, a decision
record). Each page is asked twice by the person named (the first warms caches), the second timed and
its queries counted. Then Northwind grows (trellis/web/tests/bulk.grow: `--coachees` people across
100 coaches) and `--leaders` of them get a leadership goal each with four stakeholders and six
answered rounds, and the same pages are measured again. Queries should be the same on both sides.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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


def seed_demo():
    from trellis.accounts.demo import orgs
    from trellis.leadership import demo as leadership_demo
    from trellis.stakeholders import demo as stakeholders_demo

    people = orgs()
    leadership_demo.seed(people)
    stakeholders_demo.seed(people)
    return people


def grow_leaders(org, coach, coachees: int, leaders: int) -> None:
    """`coachees` more people; `leaders` of them with a leadership goal, four stakeholders and six
    answered monthly rounds, as the demo's leader has."""
    from django.utils import timezone

    from trellis.engagements.models import Engagement
    from trellis.leadership import services as leadership
    from trellis.stakeholders import services as stakeholders
    from trellis.stakeholders.models import Ask, FeedbackRound, Stakeholder, StakeholderPlan
    from trellis.web.tests.bulk import grow

    grow(org, coachees=coachees, coach=coach, for_coach=leaders, extra_coaches=99)
    rng = random.Random(14)
    now = timezone.now()
    engagements = Engagement.objects.filter(org=org, coach=coach, kind="one_to_one").exclude(
        coachee__user__email__endswith="@northwind.example"
    )[:leaders]
    for n, engagement in enumerate(engagements):
        goal = leadership.leadership_goal_create(
            actor=coach,
            engagement=engagement,
            model_key="action-centred-leadership",
            competency_key="team",
            title=f"Bring the team into decisions {n}",
            behaviours=["Asks the team for options before deciding", "Explains each decision"],
            gas=["", "", "The team is asked for options on most decisions", "", ""],
        )
        plan = StakeholderPlan.objects.create(leadership_goal=goal)
        people = [
            Stakeholder.objects.create(
                plan=plan, name=f"Rater {k}", email=f"r{n}-{k}@raters.example", relation="peer"
            )
            for k in range(4)
        ]
        behaviours = list(goal.current_behaviours())
        for month in range(6):
            opened = now - timedelta(days=175 - 30 * month)
            feedback_round = FeedbackRound.objects.create(
                plan=plan, number=month + 1, opened_at=opened
            )
            feedback_round.behaviours.set(behaviours)
            for person in people:
                ask = Ask.objects.create(round=feedback_round, stakeholder=person, sent_at=opened)
                answers = {b.pk: (rng.randint(-1, 3), "", "") for b in behaviours}
                stakeholders.answers_submit(ask=ask, answers=answers, now=opened)


def measure(client, member, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        answer = client.get(url)
        took = (time.perf_counter() - start) * 1000
    assert answer.status_code == 200, (url, answer.status_code)
    return took, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coachees", type=int, default=2000)
    parser.add_argument("--leaders", type=int, default=50)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_django(Path(scratch))
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse

        from trellis.leadership.demo import demo_goal
        from trellis.leadership.models import DecisionRecord

        settings.ALLOWED_HOSTS = ["*"]
        people = seed_demo()
        org, nw = people.northwind, people.nw
        goal = demo_goal(org)
        assert goal is not None
        decision = DecisionRecord.objects.filter(org=org).first()
        greg, marcus, olga = nw["greg"], nw["marcus"], nw["olga"]
        slug = org.slug
        pages = [
            ("leadership home, leader", greg, reverse("leadership:mine", args=[slug])),
            ("goal page, leader", greg, reverse("leadership:goal", args=[slug, goal.uuid])),
            ("goal page, coach", marcus, reverse("leadership:goal", args=[slug, goal.uuid])),
            ("stakeholders, leader", greg, reverse("stakeholders:plan", args=[slug, goal.uuid])),
            ("stakeholders, coach", marcus, reverse("stakeholders:plan", args=[slug, goal.uuid])),
            ("stakeholder goals, coach", marcus, reverse("stakeholders:list", args=[slug])),
            ("mission, leader", greg, reverse("leadership:mission", args=[slug])),
            ("mission, admin", olga, reverse("leadership:mission", args=[slug])),
            ("competency models, admin", olga, reverse("leadership:models", args=[slug])),
        ]  # fmt: skip
        if decision is not None:
            pages.append(
                ("decision, leader", greg, reverse("leadership:decision", args=[slug, decision.uuid]))
            )  # fmt: skip
        client = Client()
        results: dict[tuple[str, str], tuple[float, int]] = {}
        for name, who, url in pages:
            results[(name, "demo")] = measure(client, who, url)
        started = time.perf_counter()
        grow_leaders(org, marcus, options.coachees, options.leaders)
        grown = f"+{options.coachees} coachees, {options.leaders} leaders"
        print(f"grew Northwind ({grown}) in {time.perf_counter() - started:.0f} s", flush=True)
        for name, who, url in pages:
            results[(name, grown)] = measure(client, who, url)
        sides = ("demo", grown)
        print(f"{'page':28}" + "".join(f"{side:>40}" for side in sides))
        for name, _, _ in pages:
            cells = "".join(
                f"{f'{results[(name, s)][0]:.0f} ms, {results[(name, s)][1]} q':>40}" for s in sides
            )
            print(f"{name:28}{cells}")


if __name__ == "__main__":
    main()
