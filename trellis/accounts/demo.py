"""The demo's people: two organizations and their members, created idempotently.

What every app's demo seed builds on (`DemoOrgs`); trellis/web/demo.py composes the whole demo
from the top: these people first, then each app's `seed(demo)` in trellis/<app>/demo.py.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from trellis.accounts import services as account_services
from trellis.accounts.models import Invitation, Membership, Organization, Team, User

DEMO_PASSWORD = "coach-demo-2026"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    roles: tuple[str, ...]
    team: str = ""
    manager: str = ""
    time_zone: str = "Europe/London"
    note: str = ""
    language: str = ""  # blank: the browser's choice


NORTHWIND = [
    Person(
        "olga@northwind.example", "Olga Petrova", ("admin",), "People & Culture", note="org admin"
    ),
    Person(
        "dana@northwind.example",
        "Dana Whitfield",
        ("sponsor",),
        "People & Culture",
        "olga@northwind.example",
        note="HR partner who sponsors coaching",
    ),
    Person(
        "greg@northwind.example",
        "Greg Hollis",
        ("sponsor", "coachee"),
        "Engineering",
        "olga@northwind.example",
        note="engineering manager, sponsor and coachee",
    ),
    Person(
        "alice@northwind.example",
        "Alice Moreau",
        ("coach",),
        "People & Culture",
        "olga@northwind.example",
        note="coach",
    ),
    Person(
        "marcus@northwind.example",
        "Marcus Chen",
        ("coach",),
        "People & Culture",
        "olga@northwind.example",
        time_zone="America/New_York",
        note="coach",
    ),
    Person(
        "sofia@northwind.example",
        "Sofia Alvarez",
        ("coach", "admin"),
        "Operations",
        "olga@northwind.example",
        time_zone="Europe/Madrid",
        note="coach and admin",
    ),
    Person(
        "bob@northwind.example",
        "Bob Okafor",
        ("coachee",),
        "Engineering",
        "greg@northwind.example",
        note="coachee",
    ),
    Person(
        "hannah@northwind.example",
        "Hannah Fischer",
        ("coachee",),
        "Sales",
        "dana@northwind.example",
        time_zone="Europe/Berlin",
    ),
    Person(
        "jamal@northwind.example",
        "Jamal Wright",
        ("coachee",),
        "Engineering",
        "greg@northwind.example",
        time_zone="America/New_York",
    ),
    Person(
        "lena@northwind.example",
        "Lena Novak",
        ("coachee",),
        "Operations",
        "sofia@northwind.example",
    ),
    Person("tom@northwind.example", "Tom Becker", ("coachee",), "Sales", "dana@northwind.example"),
    Person(
        "yuki@northwind.example",
        "Yuki Tanaka",
        ("coachee",),
        "Engineering",
        "greg@northwind.example",
        time_zone="Asia/Tokyo",
    ),
    Person(
        "ravi@northwind.example",
        "Ravi Kumar",
        ("coachee", "coach"),
        "Operations",
        "sofia@northwind.example",
        time_zone="Asia/Kolkata",
        note="coachee who also peer-coaches",
    ),
    Person(
        "klaus@northwind.example",
        "Klaus Wagner",
        ("coachee",),
        manager="dana@northwind.example",
        time_zone="Europe/Berlin",
        note="coachee who reads Trellis in German",
        language="de",
    ),
    Person(
        "beatriz@northwind.example",
        "Beatriz Santos",
        ("coachee",),
        manager="sofia@northwind.example",
        time_zone="America/Sao_Paulo",
        note="coachee who reads Trellis in Portuguese (Brazil)",
        language="pt-br",
    ),
]

GLOBEX = [
    Person(
        "carol@globex.example",
        "Carol Diaz",
        ("admin", "coach"),
        "Leadership",
        time_zone="America/Chicago",
        note="another organization: sees nothing of Northwind",
    ),
    Person(
        "ed@globex.example",
        "Ed Brennan",
        ("coachee",),
        "Leadership",
        "carol@globex.example",
        time_zone="America/Chicago",
    ),
]


@dataclass(frozen=True)
class DemoOrgs:
    """What an app's demo seed builds on: the two organizations and their members by first name."""

    northwind: Organization
    nw: dict[str, Membership]
    globex: Organization
    gx: dict[str, Membership]


def _user(person: Person) -> User:
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        user = User(
            email=person.email,
            name=person.name,
            time_zone=person.time_zone,
            language=person.language,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    elif person.language and user.language != person.language:  # a demo from before languages
        user.language = person.language
        user.save(update_fields=["language"])
    EmailAddress.objects.get_or_create(
        user=user, email=person.email, defaults={"verified": True, "primary": True}
    )
    return user


def _org(slug: str, name: str, people: list[Person]) -> tuple[Organization, dict[str, Membership]]:
    org = Organization.objects.filter(slug=slug).first() or Organization.objects.create(
        slug=slug, name=name
    )
    members: dict[str, Membership] = {}
    for person in people:
        user = _user(person)
        team = Team.objects.get_or_create(org=org, name=person.team)[0] if person.team else None
        member, _ = Membership.objects.get_or_create(
            org=org, user=user, defaults={"team": team, **{f"is_{r}": True for r in person.roles}}
        )
        members[person.email.split("@")[0]] = member
    for person in people:
        if person.manager:
            member = members[person.email.split("@")[0]]
            member.manager = members[person.manager.split("@")[0]]
            member.save(update_fields=["manager"])
    return org, members


def logins() -> list[tuple[str, str, str]]:
    """(email, password, who) of the people `make demo` introduces."""
    return [(p.email, DEMO_PASSWORD, p.note) for p in NORTHWIND + GLOBEX if p.note]


def orgs() -> DemoOrgs:
    """Create or refresh the two organizations and their members."""
    northwind, nw = _org("northwind", "Northwind Learning", NORTHWIND)
    globex, gx = _org("globex", "Globex Corporation", GLOBEX)
    return DemoOrgs(northwind=northwind, nw=nw, globex=globex, gx=gx)


def seed(demo: DemoOrgs) -> None:
    """Accounts' own part: a coach invited who has not accepted yet."""
    if not Invitation.objects.filter(org=demo.northwind, email="priya@northwind.example").exists():
        account_services.invitation_create(
            actor=demo.nw["olga"], email="priya@northwind.example", roles=["coach"]
        )
