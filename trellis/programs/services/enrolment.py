"""Programs and their people: creating a program with its coach pool, enrolling a cohort (by hand
or from a CSV), and a coachee choosing a coach (a chemistry conversation first is chemistry.py's).

Enrolling a cohort is one transaction: every person is checked first, then the enrolments and
(where the template assigns coaches) the proposed engagements are written in bulk, so a bad row
leaves nothing behind and thousands of people cost a constant number of queries each.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts import policy
from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership, Organization
from trellis.core.datafiles import DataFileError, Problem, describe, read_csv
from trellis.core.programs import parse_template
from trellis.engagements.bulk import Opening, engagements_open, places_add
from trellis.engagements.models import SEVERAL_COACHEES, Engagement, EngagementParticipant
from trellis.programs.models import Enrolment, Program, ProgramCoach
from trellis.programs.services.running import program_schedule_accepted, queue_next_pass
from trellis.programs.services.templates import template_text

NOT_A_COACHEE = _("{name} does not have the coachee role in this organization.")
NOT_A_COACH = _("{name} does not have the coach role in this organization.")
ALREADY_ENROLLED = _("{name} is already enrolled in {program}.")
NO_COACH_FREE = _(
    "Every coach in the pool is full ({places} places taken): add a coach or raise a capacity."
)
COACH_FULL = _("{name} has no free place in this program: choose another coach.")
NOT_IN_POOL = _("{name} is not one of this program's coaches.")
ALREADY_HAS_COACH = _("You already have a coach in this program.")
STARTS_TOO_FAR = _("The start date must be within two years of today.")


@dataclass(frozen=True)
class PoolPlace:
    coach: Membership
    capacity: int = 5
    profile: str = ""


def program_create(
    *,
    actor: Membership,
    template_key: str,
    name: str,
    starts_on: date,
    pool: Sequence[PoolPlace] = (),
) -> Program:
    policy.require(actor, "program.manage")
    text, version = template_text(org=actor.org, key=template_key)
    template = parse_template(text, f"{template_key}.toml")
    errors: dict[str, list[str]] = {}
    if abs((starts_on - timezone.localdate()).days) > 730:
        errors.setdefault("starts_on", []).append(str(STARTS_TOO_FAR))
    for place in pool:
        if place.coach.org_id != actor.org_id or not place.coach.is_coach:
            errors.setdefault("pool", []).append(NOT_A_COACH.format(name=place.coach.user))
    if errors:
        raise ValidationError(errors)
    name = name.strip() or template.name
    with transaction.atomic(durable=True):
        base = slugify(name)[:70] or template.key
        slug, n = base, 1
        while Program.objects.filter(org=actor.org, slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        program = Program(
            org=actor.org,
            slug=slug,
            name=name[:120],
            template_key=template.key,
            template_version=version,
            template_text=text,
            starts_on=starts_on,
            created_by=actor,
        )
        program.full_clean()
        program.save()
        ProgramCoach.objects.bulk_create(
            ProgramCoach(
                program=program, coach=p.coach, capacity=p.capacity, profile=p.profile[:500]
            )
            for p in pool
        )
    return program


def _load(program: Program) -> dict[int, int]:
    """How many people each pool coach has in the program, in open engagements (not ended or
    declined): one engagement each in a one-to-one program, places in a shared team, group or
    circle otherwise (a coach's capacity counts people either way)."""
    rows = Enrolment.objects.filter(program=program, engagement__isnull=False).exclude(
        engagement__status__in=(Engagement.Status.ENDED, Engagement.Status.DECLINED)
    )
    return dict(Counter(rows.values_list("engagement__coach_id", flat=True)))


# A team or group program coaches its people as one team or one group: one shared engagement.
ONE_SHARED = (Engagement.Kind.TEAM, Engagement.Kind.GROUP)


def _assigned_coaches(program: Program, members: Sequence[Membership]) -> list[Membership] | str:
    """Each person's pool coach (the one with the most free places, never themselves), or the
    refusal naming the places taken when the pool cannot take them all. A team or group
    program's people all go to its team's or group's coach (its first one's: the freest)."""
    pool = list(program.coaches.select_related("coach__user"))
    load = _load(program)
    free = {p.coach_id: p.capacity - load.get(p.coach_id, 0) for p in pool}
    by_id = {p.coach_id: p.coach for p in pool}
    full = str(NO_COACH_FREE.format(places=sum(load.values())))
    if program.template.kind in ONE_SHARED:
        current = _open_shared(program).first()
        people = {m.pk for m in members}
        if current is not None:  # its coach keeps it, even one since taken out of the pool
            coach = current.coach
            room = free.get(coach.pk, len(members))
        else:
            open_ = [c for c in free if free[c] > 0 and c not in people]
            if not open_:
                return full
            coach = by_id[max(open_, key=lambda c: (free[c], -c))]
            room = free[coach.pk]
        return [coach] * len(members) if room >= len(members) else full
    coaches: list[Membership] = []
    for member in members:
        open_ = [c for c in free if free[c] > 0 and c != member.pk]
        if not open_:
            return str(NO_COACH_FREE.format(places=sum(load.values()) + len(coaches)))
        chosen = max(open_, key=lambda c: (free[c], -c))
        free[chosen] -= 1
        coaches.append(by_id[chosen])
    return coaches


def _open_shared(program: Program) -> QuerySet[Engagement]:
    """The program's open team, group or circle engagements, oldest first."""
    return (
        Engagement.objects.filter(
            enrolment__program=program, kind=program.template.kind, status__in=OPEN
        )
        .distinct()
        .order_by("pk")
    )


def program_enrol(
    *, actor: Membership, program: Program, members: Sequence[Membership]
) -> list[Enrolment]:
    """Enrol people (all or none). Where the template assigns coaches, each gets the least-loaded
    pool coach with a free place and a proposed engagement they accept; where it lets people
    choose, they choose on their program page. Raises ValidationError naming each person."""
    policy.require(actor, "program.manage", program)
    template = program.template
    errors: list[str] = []
    seen: set[int] = set()
    already = set(
        Enrolment.objects.filter(program=program, member__in=members).values_list(
            "member_id", flat=True
        )
    )
    for member in members:
        if member.org_id != program.org_id or not member.is_coachee:
            errors.append(NOT_A_COACHEE.format(name=member.user))
        elif member.pk in already or member.pk in seen:
            errors.append(ALREADY_ENROLLED.format(name=member.user, program=program.name))
        seen.add(member.pk)
    # a shared team, group or circle is assigned its coach (a stored template saying "choose"
    # from before that rule included)
    assign = template.coach_assignment == "assign" or template.kind in SEVERAL_COACHEES
    coaches: list[Membership] = []
    if assign and not errors:
        assigned = _assigned_coaches(program, members)
        if isinstance(assigned, str):
            errors.append(assigned)
        else:
            coaches = assigned
    if errors:
        raise ValidationError({"members": errors})
    now = timezone.now()
    with transaction.atomic(durable=True):
        engagements: list[Engagement | None] = [None] * len(members)
        if assign and template.kind in SEVERAL_COACHEES:
            # the program's team, group or circles, one shared engagement for its people
            Program.objects.select_for_update(of=("self",)).filter(pk=program.pk).first()
            engagements = list(_seat(actor, program, members, coaches))
        elif assign:
            openings = [
                Opening(coach=c, coachee=m, kind=template.kind, topic=program.name)
                for m, c in zip(members, coaches, strict=True)
            ]
            engagements = list(engagements_open(actor=actor, openings=openings))
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(program=program, member=m, engagement=e, enrolled_by=actor, enrolled_at=now)
            for m, e in zip(members, engagements, strict=True)
        )
        transaction.on_commit(lambda: _tell_enrolled(program, enrolments, assign))
        queue_next_pass(now=now)  # keeps the program pass going while the worker runs
    return enrolments


# A peer-coaching circle is three to six people: the seventh person starts the coach's next circle.
MOST_PEOPLE: dict[str, int] = {Engagement.Kind.PEER: 6}
OPEN = (Engagement.Status.PROPOSED, Engagement.Status.ACTIVE, Engagement.Status.PAUSED)


@dataclass(eq=False)
class _Seats:
    """One shared engagement of the program (or one to open) and who joins it now."""

    coach: Membership
    people: int
    engagement: Engagement | None = None
    joining: list[Membership] = field(default_factory=list)


def _seat(
    actor: Membership, program: Program, members: Sequence[Membership], coaches: list[Membership]
) -> list[Engagement]:
    """Inside the enrolment's transaction, the program row locked: each person joins their
    coach's open team, group or circle in this program while it has room, else a new one opens
    (proposed). Either way each person is asked for their own place and shares nothing before
    they accept. Returns each person's engagement, in order."""
    kind = program.template.kind
    most = MOST_PEOPLE.get(kind)
    taken = Q(
        participants__role=EngagementParticipant.Role.COACHEE,
        participants__left_at__isnull=True,
    ) & ~Q(participants__acceptance=EngagementParticipant.Acceptance.DECLINED)
    existing = _open_shared(program).annotate(
        people=Count("participants", filter=taken, distinct=True)
    )
    by_coach: dict[int, list[_Seats]] = {}
    for shared in existing:
        by_coach.setdefault(shared.coach_id, []).append(
            _Seats(coach=shared.coach, people=shared.people, engagement=shared)
        )
    chosen: list[_Seats] = []
    for member, coach in zip(members, coaches, strict=True):
        mine = by_coach.setdefault(coach.pk, [])
        room = next((s for s in mine if most is None or s.people < most), None)
        if room is None:
            room = _Seats(coach=coach, people=0)
            mine.append(room)
        room.joining.append(member)
        room.people += 1
        chosen.append(room)
    every = [s for group in by_coach.values() for s in group if s.joining]
    for joined in every:
        if joined.engagement is not None:
            places_add(actor=actor, engagement=joined.engagement, members=joined.joining)
    fresh = [s for s in every if s.engagement is None]
    openings = [
        Opening(
            coach=s.coach,
            coachee=s.joining[0],
            more_coachees=tuple(s.joining[1:]),
            kind=kind,
            topic=program.name,
        )
        for s in fresh
    ]
    opened = engagements_open(actor=actor, openings=openings)
    for seats, engagement in zip(fresh, opened, strict=True):
        seats.engagement = engagement
    return [s.engagement for s in chosen]  # type: ignore[misc]


def _tell_enrolled(program: Program, enrolments: Sequence[Enrolment], assigned: bool) -> None:
    from trellis.programs.selectors import program_url

    for enrolment in enrolments:
        with in_language_of(enrolment.member.user):
            what = (
                gettext("Your coach is proposed on your program page: accept or decline there.")
                if assigned
                else gettext(
                    "Choose your coach from the program's pool (or book a chemistry conversation first)."
                )
            )
            subject = gettext("You are enrolled in %(program)s") % {"program": program.name}
            starts = gettext("It starts on %(day)s.") % {
                "day": date_format(program.starts_on)  # the reader's locale's own date format
            }
        send_mail(
            subject=subject,
            message=(
                f"{program.template.purpose}\n\n{starts} {what}\n"
                f"{program_url(program, enrolment)}\n"
            ),
            from_email=None,
            recipient_list=[enrolment.member.user.email],
        )


def locked_for_choice(program: Program, enrolment: Enrolment, coach: Membership) -> Enrolment:
    """Inside a transaction: the enrolment, locked and still without a coach, when `coach` is in
    the pool (their place locked) with a free place; ValidationError naming the coach otherwise."""
    enrolment = (
        Enrolment.objects.select_for_update().select_related("member__user").get(pk=enrolment.pk)
    )
    current = enrolment.engagement
    if current is not None and current.status not in (
        Engagement.Status.ENDED,
        Engagement.Status.DECLINED,
    ):
        raise ValidationError({"coach": ALREADY_HAS_COACH})
    place = program.coaches.select_for_update().filter(coach=coach).first()
    if place is None:
        raise ValidationError({"coach": NOT_IN_POOL.format(name=coach.user)})
    if _load(program).get(coach.pk, 0) >= place.capacity:
        raise ValidationError({"coach": COACH_FULL.format(name=coach.user)})
    return enrolment


def enrolment_choose_coach(
    *, actor: Membership, enrolment: Enrolment, coach: Membership
) -> Engagement:
    """The enrolled person chooses a coach from the pool: their engagement opens, active."""
    policy.require(actor, "program.enrolment.choose", enrolment)
    program = enrolment.program
    with transaction.atomic(durable=True):
        enrolment = locked_for_choice(program, enrolment, coach)
        (engagement,) = engagements_open(
            actor=actor,
            openings=[
                Opening(
                    coach=coach,
                    coachee=enrolment.member,
                    kind=program.template.kind,
                    topic=program.name,
                    chosen_by_coachee=True,
                )
            ],
        )
        enrolment.engagement = engagement
        enrolment.save(update_fields=["engagement"])
    program_schedule_accepted(program=program)
    return engagement


EXPECTED_COACHEE = "the email of a coachee in {org}"
EXPECTED_ONCE = "each person once"


class EnrolmentFileError(DataFileError):
    noun = "the enrolment file"


def members_from_csv(*, org: Organization, data: bytes | str, source: str) -> list[Membership]:
    """The coachees a CSV names in its email column, in file order. Raises EnrolmentFileError
    naming the line of every unknown, repeated or non-coachee email; nothing is read half."""
    table = read_csv(data, source, required=("email",), error=EnrolmentFileError)
    emails = [row.cells.get("email", "").strip().lower() for row in table.rows]
    found = {
        m.user.email.lower(): m
        for m in Membership.objects.filter(
            org=org, user__email__in=[e for e in emails if e]
        ).select_related("user")
    }
    problems: list[Problem] = []
    seen: set[str] = set()
    members = []
    for row, email in zip(table.rows, emails, strict=True):
        member = found.get(email)
        where = f"line {row.line}, email"
        if member is None or not member.is_coachee:
            what = EXPECTED_COACHEE.format(org=org.name)
            problems.append(Problem(source, where, what, describe(row.cells.get("email", ""))))
        elif email in seen:
            problems.append(Problem(source, where, EXPECTED_ONCE, f"{email} again"))
        else:
            members.append(member)
        seen.add(email)
    if problems:
        raise EnrolmentFileError(problems)
    return members
