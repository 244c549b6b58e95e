"""The demo organizations: realistic people and coaching, created idempotently.

Composed from the top: the people come from trellis/accounts/demo.py, the engagements between them
from here, then each app adds its part in `trellis/<app>/demo.py` (a `seed(demo)` function,
idempotent), so that a newcomer who runs `make demo` sees every feature. No domain app imports this
module (an import-linter contract says so).
"""

import importlib

from django.apps import apps
from django.db import transaction

from trellis.accounts import demo as people
from trellis.accounts.demo import DEMO_PASSWORD, DemoOrgs, logins
from trellis.engagements.lifecycle import engagement_places_from_pair
from trellis.engagements.models import Engagement

__all__ = ["DEMO_PASSWORD", "DemoOrgs", "logins", "seed"]

ENGAGEMENTS = [
    # coach, coachee, sponsor, topic, status
    ("alice", "bob", "dana", "Stepping up to tech lead", "active"),
    ("alice", "hannah", "dana", "Negotiating larger accounts with confidence", "active"),
    ("alice", "ravi", "", "Preparing for the operations manager role", "active"),
    ("marcus", "jamal", "greg", "Getting ready for the promotion panel", "active"),
    ("marcus", "greg", "", "Leading a team through a reorganisation", "active"),
    ("sofia", "lena", "", "Finding focus after a difficult quarter", "active"),
    ("sofia", "tom", "dana", "Back to target after a slow start", "active"),
    ("sofia", "yuki", "greg", "Presenting to senior stakeholders", "paused"),
    # they read Trellis in German and in Portuguese (Brazil); their topics are in their words
    ("alice", "klaus", "dana", "Vertrieb in der DACH-Region neu aufstellen", "active"),
    ("marcus", "beatriz", "", "Liderar a equipe de operações em São Paulo", "active"),
]


def seed() -> list[tuple[str, str, str]]:
    """Create or refresh the demo data; return (email, password, who) for the printed logins."""
    with transaction.atomic():
        demo = people.orgs()
        northwind, nw, globex, gx = demo.northwind, demo.nw, demo.globex, demo.gx
        for coach, coachee, sponsor, topic, status in ENGAGEMENTS:
            # the first engagement of the pair: later apps' demos may add another (a program's)
            engagement = (
                Engagement.objects.filter(org=northwind, coach=nw[coach], coachee=nw[coachee])
                .order_by("pk")
                .first()
            ) or Engagement.objects.create(
                org=northwind,
                coach=nw[coach],
                coachee=nw[coachee],
                sponsor=nw.get(sponsor),
                topic=topic,
                status=status,
            )
            # agreed before the demo begins: every place accepted (access comes from the places)
            engagement_places_from_pair(engagement=engagement)
        engagement, _ = Engagement.objects.get_or_create(
            org=globex,
            coach=gx["carol"],
            coachee=gx["ed"],
            defaults={"topic": "First 90 days as a director"},
        )
        engagement_places_from_pair(engagement=engagement)
    for config in apps.get_app_configs():
        # each app seeds its own part in trellis/<app>/demo.py: seed(demo), idempotent
        if config.name.startswith("trellis.") and config.name != "trellis.web":
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.seed(demo)
    from trellis.web import demo_homes

    _first_steps_in_their_language(demo)
    demo_homes.seed(demo)  # the home pages' items of today (and their reminders), on top of all
    return logins()


# Klaus reads Trellis in German and Beatriz in Portuguese (Brazil): a goal, an action due tomorrow
# and their next session, in their own words, so their homes show the interface in their language
FIRST_STEPS = [
    # coachee, coach, goal, action
    (
        "klaus",
        "alice",
        "Zwei Großkunden in Österreich gewinnen",
        "Gesprächsleitfaden für das Erstgespräch entwerfen",
    ),
    (
        "beatriz",
        "marcus",
        "Reduzir o tempo de entrega em 20%",
        "Mapear as etapas do processo com a equipe",
    ),
]


def _first_steps_in_their_language(demo: DemoOrgs) -> None:
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from trellis.goals import services as goals
    from trellis.goals.models import Goal
    from trellis.scheduling import services as scheduling

    for coachee, coach, title, what in FIRST_STEPS:
        person = demo.nw[coachee]
        engagement = Engagement.objects.filter(
            org=demo.northwind, coach=demo.nw[coach], coachee=person
        ).first()
        if engagement is None or Goal.objects.filter(owner=person, title=title).exists():
            continue
        today = goals.local_today(person)
        goal = goals.goal_create(actor=person, owner=person, engagement=engagement, title=title)
        goals.action_create(actor=person, goal=goal, what=what, due_date=today + timedelta(days=1))
        zone = person.user.time_zone
        start = datetime.combine(today + timedelta(days=3), time(10), tzinfo=ZoneInfo(zone))
        scheduling.session_schedule(
            actor=demo.nw[coach],
            engagement=engagement,
            start=start,
            title=title,
            timezone_name=zone,
            invite=False,
        )
