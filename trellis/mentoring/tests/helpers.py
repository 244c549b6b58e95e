"""Building a mentoring program with people for the tests, the demo and the benchmark."""

from datetime import date
from pathlib import Path
from typing import Any

from django.utils import timezone

from trellis.accounts.models import Membership, Organization, User
from trellis.programs.models import Program
from trellis.programs.services import PoolPlace, program_create

from ..models import Enrolment, MentoringProgram
from ..services import mentoring_setup

RULES = Path(__file__).resolve().parents[1] / "rules"

DEPARTMENTS = ["Engineering", "Product", "Sales", "Finance", "People", "Legal"]
SKILLS = [
    "architecture",
    "hiring",
    "public speaking",
    "negotiation",
    "roadmaps",
    "budgets",
    "writing",
    "feedback",
    "stakeholders",
    "data",
]
ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "Europe/Madrid"]


def rules_text(kind: str = "mentoring") -> str:
    return (RULES / f"{kind}.toml").read_text()


def person(org: Organization, email: str, name: str, **roles: bool) -> Membership:
    user = User.objects.create(email=email, name=name)
    return Membership.objects.create(org=org, user=user, **roles)


def mentoring_program(
    actor: Membership,
    *,
    kind: str = "mentoring",
    mode: str = MentoringProgram.Mode.ADMIN,
    name: str = "Mentoring 2027",
    starts_on: date | None = None,
    coach: Membership | None = None,
) -> Program:
    template = "mentoring" if kind == "mentoring" else "peer-coaching-circle"
    pool = [PoolPlace(coach, 10)] if coach is not None else []
    program = program_create(
        actor=actor,
        template_key=template,
        name=name,
        starts_on=starts_on or timezone.localdate(),
        pool=pool,
    )
    mentoring_setup(actor=actor, program=program, rules_text=rules_text(kind), kind=kind, mode=mode)
    return program


def answers(i: int, role: str) -> dict[str, Any]:
    """Varied, plausible answers for person i (mentors more senior)."""
    grade = 6 + i % 3 if role == "mentor" else 2 + i % 3
    return {
        "grade": str(grade),
        "department": DEPARTMENTS[i % len(DEPARTMENTS)],
        "offers": [SKILLS[(i + k) % len(SKILLS)] for k in range(3)],
        "needs": [SKILLS[(i * 3 + k) % len(SKILLS)] for k in range(2)],
        "timezone": ZONES[i % len(ZONES)],
        "languages": ["English"] + (["German"] if i % 4 == 1 else []),
        "availability": "Tuesday afternoons",
        "about": "",
    }


def enrol_many(
    program: Program, org: Organization, count: int, *, by: Membership, prefix: str = "p"
) -> list[Enrolment]:
    """`count` new people enrolled directly (a third mentors in a mentoring program)."""
    setup = program.mentoring
    peer = setup.kind == MentoringProgram.Kind.PEER
    rows = []
    users = User.objects.bulk_create(
        User(email=f"{prefix}{i}@{org.slug}.test", name=f"Person {prefix}{i}") for i in range(count)
    )
    members = Membership.objects.bulk_create(
        Membership(org=org, user=u, is_coachee=True) for u in users
    )
    for i, m in enumerate(members):
        role = "person" if peer else ("mentor" if i % 3 == 0 else "mentee")
        rows.append(
            Enrolment(
                program=program,
                member=m,
                role=role,
                capacity=1 if peer or role == "mentee" else 2,
                answers=answers(i, role),
                enrolled_by=by,
            )
        )
    return Enrolment.objects.bulk_create(rows)
