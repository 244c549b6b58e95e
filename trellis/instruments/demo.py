"""Demo instruments: a closed team pulse with seven answers (its aggregate shows), a career
confidence check before and after coaching (reliable change), an open coaching-alliance check
on Alice and Bob's engagement, a session rating waiting for Bob, and a stakeholder check-in
answered by people outside Trellis. Idempotent: each administration is recognised by its title."""

import random
from pathlib import Path

from trellis.accounts import policy
from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement
from trellis.instruments import services
from trellis.instruments.models import Administration

COHORT = ("bob", "hannah", "jamal", "lena", "tom", "yuki", "ravi")
PULSE = "Team pulse: spring coaching cohort"
BEFORE = "Career confidence: spring cohort, before coaching"
AFTER = "Career confidence: spring cohort, after coaching"
ALLIANCE = "Coaching alliance: Alice and Bob"
RATING = "Session rating: Bob, latest session"
STAKEHOLDERS = "Stakeholder check-in about Bob"
EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/instruments/stakeholder-check.toml"


def seed(demo: DemoOrgs) -> None:
    nw = demo.nw
    olga, alice = nw["olga"], nw["alice"]
    cohort = [nw[name] for name in COHORT]
    rng = random.Random(12)
    if not _exists(demo, PULSE):
        pulse = _send(
            olga,
            "team-pulse",
            PULSE,
            target="cohort",
            cohort="Spring coaching cohort",
            cohort_members=cohort,
        )
        _answer(pulse, lambda: rng.choice((3, 4, 4, 5)), count=7)
        services.administration_close(actor=olga, administration=pulse)
    if not _exists(demo, BEFORE):
        before = _send(
            olga,
            "career-confidence",
            BEFORE,
            target="cohort",
            cohort="Spring coaching cohort",
            cohort_members=cohort,
        )
        _answer(before, lambda: rng.choice((1, 2, 2, 3, 3)), count=7)
        services.administration_close(actor=olga, administration=before)
        after = _send(
            olga,
            "career-confidence",
            AFTER,
            target="cohort",
            cohort="Spring coaching cohort",
            cohort_members=cohort,
            baseline=before,
        )
        _answer(after, lambda: rng.choice((3, 4, 4, 5)), count=6)
        services.administration_close(actor=olga, administration=after)
    engagement = Engagement.objects.filter(
        org=demo.northwind, coach=alice, coachee=nw["bob"]
    ).first()
    if engagement is not None and not _exists(demo, ALLIANCE):
        # the coach sends it; an admin does when the engagement's places are not seated yet
        sender = alice if "coach" in policy.relations(alice, engagement) else olga
        alliance = _send(
            sender, "coaching-alliance", ALLIANCE, target="engagement", engagement=engagement
        )
        _answer(alliance, lambda: rng.choice((4, 4, 5)), count=2)
    if not _exists(demo, RATING):
        _send(alice, "session-rating", RATING, target="person", subject=nw["bob"])
    if not _exists(demo, STAKEHOLDERS):
        services.instrument_import(
            org=demo.northwind, text=EXAMPLE.read_bytes(), source=EXAMPLE.name, actor=alice
        )
        check = _send(
            alice,
            "stakeholder-check",
            STAKEHOLDERS,
            target="person",
            subject=nw["bob"],
            stakeholders=[
                ("priya.partner@example.com", "Priya (client)"),
                ("sam.peer@example.com", "Sam (peer)"),
                ("lee.lead@example.com", "Lee (team lead)"),
            ],
        )
        _answer(check, lambda: rng.choice((3, 4, 4)), count=2)


def _exists(demo: DemoOrgs, title: str) -> bool:
    return Administration.objects.filter(org=demo.northwind, title=title).exists()


def _send(actor: Membership, key: str, title: str, **target: object) -> Administration:
    return services.administration_create(actor=actor, key=key, title=title, **target)  # type: ignore[arg-type]


def _answer(administration: Administration, pick: object, *, count: int) -> None:
    from trellis.instruments.selectors import instrument_of

    items = instrument_of(administration.instrument).spec.items
    for respondent in administration.respondents.order_by("id")[:count]:
        answers = {item.key: pick() for item in items}  # type: ignore[operator]
        services.answers_submit(respondent=respondent, answers=answers)
