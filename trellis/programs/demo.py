"""Demo programs: Northwind's own "First-line leaders" template, imported from
docs/examples/programs, run for 30 team leads enrolled in one step (most accepted, three still
invited, one who declined, one stalled with no-shows, sessions held, the start instrument
answered); and a mentoring program where Bob chooses his mentor from the pool, with a 20-minute chemistry
conversation booked with Marcus first. Idempotent."""

import random
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership, Organization, Team, User
from trellis.engagements.lifecycle import engagement_accept, engagement_decline
from trellis.instruments import services as instruments
from trellis.instruments.selectors import instrument_of
from trellis.programs import chemistry, services
from trellis.programs.models import Program
from trellis.scheduling.models import Outcome, ScheduledSession
from trellis.scheduling.services.attendance import attendance_record

EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/programs/first-line-leaders.toml"
FIRST_LINE = "First-line leaders, spring"
MENTORING = "Mentoring circle"
LEADS = [
    ("Amara Okafor", "Europe/London"), ("Ben Carter", "Europe/London"),
    ("Chloe Dubois", "Europe/Paris"), ("Diego Ramos", "Europe/Madrid"),
    ("Elif Yilmaz", "Europe/Istanbul"), ("Farah Haddad", "Asia/Dubai"),
    ("Gabriel Costa", "America/Sao_Paulo"), ("Hana Sato", "Asia/Tokyo"),
    ("Ines Moreau", "Europe/Paris"), ("Jonas Berg", "Europe/Stockholm"),
    ("Kemi Adeyemi", "Africa/Lagos"), ("Liam Walsh", "Europe/Dublin"),
    ("Maya Levi", "Asia/Jerusalem"), ("Noah Fischer", "Europe/Berlin"),
    ("Olivia Brown", "America/New_York"), ("Pavel Novak", "Europe/Prague"),
    ("Quinn Taylor", "America/Chicago"), ("Rosa Martinez", "America/Mexico_City"),
    ("Sami Virtanen", "Europe/Helsinki"), ("Tara Singh", "Asia/Kolkata"),
    ("Uma Patel", "Europe/London"), ("Victor Lindqvist", "Europe/Stockholm"),
    ("Wen Li", "Asia/Shanghai"), ("Ximena Torres", "America/Bogota"),
    ("Yara Nasser", "Asia/Beirut"), ("Zoltan Kiss", "Europe/Budapest"),
    ("Aisha Bello", "Africa/Lagos"), ("Bruno Ferreira", "Europe/Lisbon"),
    ("Carmen Ortiz", "Europe/Madrid"), ("Daniel Kim", "Asia/Seoul"),
]  # fmt: skip
STILL_INVITED = 3
DECLINED = 1  # the next one after those still invited
STALLED = "Hana Sato"
NO_SHOW_ONCE = "Ines Moreau"


def seed(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    if not Program.objects.filter(org=org, name=FIRST_LINE).exists():
        _first_line(org, nw)
    if not Program.objects.filter(org=org, name=MENTORING).exists():
        program = services.program_create(
            actor=nw["olga"],
            template_key="mentoring",
            name=MENTORING,
            starts_on=timezone.localdate(),
            pool=[
                services.PoolPlace(nw["marcus"], 3, "Twenty years in product; mentors new leads."),
                services.PoolPlace(nw["sofia"], 2, "Runs Operations; mentors on career moves."),
            ],
        )
        services.program_enrol(actor=nw["olga"], program=program, members=[nw["bob"]])
    _chemistry(org, nw)


def _chemistry(org: Organization, nw: dict[str, Membership]) -> None:
    """Bob has booked a 20-minute chemistry conversation with Marcus before choosing his mentor
    (the first of Marcus's free slots, from the availability the scheduling demo publishes)."""
    program = Program.objects.filter(org=org, name=MENTORING).first()
    enrolment = program.enrolments.filter(member=nw["bob"]).first() if program else None
    if enrolment is None or enrolment.chemistry_booking_id or enrolment.engagement_id:
        return
    slots = chemistry.chemistry_slots(enrolment=enrolment, coach=nw["marcus"])
    if slots:
        chemistry.chemistry_book(
            actor=nw["bob"], enrolment=enrolment, coach=nw["marcus"], start=slots[0].start
        )


def _leads(org: Organization) -> list[Membership]:
    team = Team.objects.get_or_create(org=org, name="Team leads")[0]
    members = []
    for name, zone in LEADS:
        email = name.lower().replace(" ", ".") + "@northwind.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, name=name, time_zone=zone)
            user.set_unusable_password()  # in the demo to be counted, not to sign in
            user.save()
        member, _ = Membership.objects.get_or_create(
            org=org, user=user, defaults={"is_coachee": True, "team": team}
        )
        members.append(member)
    return members


def _first_line(org: Organization, nw: dict[str, Membership]) -> None:
    olga = nw["olga"]
    services.template_import(org=org, text=EXAMPLE.read_bytes(), source=EXAMPLE.name, actor=olga)
    now = timezone.now()
    starts = timezone.localdate() - timedelta(weeks=6)
    program = services.program_create(
        actor=olga,
        template_key="first-line-leaders",
        name=FIRST_LINE,
        starts_on=starts,
        pool=[
            services.PoolPlace(nw["alice"], 12, "Former engineering manager; coaches new leads."),
            services.PoolPlace(nw["marcus"], 12, "Coaches leads across time zones (New York)."),
            services.PoolPlace(nw["sofia"], 12, "Runs Operations; coaches on delegation."),
        ],
    )
    leads = _leads(org)
    enrolments = services.program_enrol(actor=olga, program=program, members=leads)
    for n, enrolment in enumerate(enrolments):
        engagement = enrolment.engagement
        assert engagement is not None
        if n < STILL_INVITED:
            continue
        if n < STILL_INVITED + DECLINED:
            engagement_decline(actor=enrolment.member, engagement=engagement, reason="Not now")
            continue
        engagement_accept(actor=enrolment.member, engagement=engagement)
    # their sessions were put on the calendar when the program began
    began = datetime.combine(starts, time(0), tzinfo=UTC)
    services.program_schedule_accepted(program=program, now=began)
    past = ScheduledSession.objects.filter(
        series__engagement__enrolment__program=program, start__lte=now
    ).select_related("series__engagement__coach", "coachee__user")
    for occurrence in past:
        name = occurrence.coachee.user.name
        outcome = Outcome.HELD
        if name == STALLED or (
            name == NO_SHOW_ONCE and occurrence.start > now - timedelta(days=15)
        ):
            outcome = Outcome.NO_SHOW_COACHEE
        attendance_record(
            actor=occurrence.series.engagement.coach, occurrence=occurrence, outcome=outcome
        )
    services.program_send_due_instruments(program=program, now=now)
    rng = random.Random(30)
    for sent in program.instruments.select_related("administration__instrument"):
        if sent.administration is None:
            continue
        items = instrument_of(sent.administration.instrument).spec.items
        for respondent in sent.administration.respondents.order_by("id")[:20]:
            answers: dict[str, object] = {item.key: rng.choice((2, 3, 3, 4)) for item in items}
            instruments.answers_submit(respondent=respondent, answers=answers)
