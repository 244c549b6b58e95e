"""Writes for programs: templates, programs, enrolments, coach choice, scheduling, instruments.

Enrolling a cohort is one transaction: every person is checked first, then the enrolments and
(where the template assigns coaches) the proposed engagements are written in bulk, so a bad row
leaves nothing behind and thousands of people cost a constant number of queries each.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from trellis.accounts import policy
from trellis.accounts.chains import next_slot, queue_once
from trellis.accounts.models import Membership, Organization
from trellis.core.datafiles import DataFileError, Problem, describe, read_csv
from trellis.core.programs import (
    ProgramTemplate,
    ProgramTemplateError,
    builtin_templates,
    load_builtin,
    parse_template,
    plan,
)
from trellis.engagements.bulk import Opening, engagements_open
from trellis.engagements.models import Engagement
from trellis.frameworks import selectors as frameworks
from trellis.instruments import selectors as instruments
from trellis.instruments.models import Administration
from trellis.programs.models import (
    Enrolment,
    Program,
    ProgramCoach,
    ProgramInstrument,
    ProgramTemplateVersion,
)

NOT_A_COACHEE = "{name} does not have the coachee role in this organization."
NOT_A_COACH = "{name} does not have the coach role in this organization."
ALREADY_ENROLLED = "{name} is already enrolled in {program}."
NO_COACH_FREE = (
    "Every coach in the pool is full ({places} places taken): add a coach or raise a capacity."
)
COACH_FULL = "{name} has no free place in this program: choose another coach."
NOT_IN_POOL = "{name} is not one of this program's coaches."
ALREADY_HAS_COACH = "You already have a coach in this program."
UNKNOWN_TEMPLATE = "No program template has the key {key!r}; known: {known}."
SHADOWS_BUILTIN = "a key that is not a built-in template's ({key}); rename it"
UNKNOWN_FRAMEWORK = "a framework this organization can run ({known})"
UNKNOWN_INSTRUMENT = "an instrument this organization has ({known})"
STARTS_TOO_FAR = "The start date must be within two years of today."
CHEMISTRY_SUBJECT = "{name} would like a 20-minute chemistry conversation about coaching"


# -- templates -----------------------------------------------------------------------------------


def templates_for(*, org: Organization) -> list[tuple[ProgramTemplate, int | None]]:
    """Built-in templates and the organization's own (latest version), with the stored version."""
    stored: dict[str, ProgramTemplateVersion] = {}
    for row in ProgramTemplateVersion.objects.filter(org=org).order_by("key", "-version"):
        stored.setdefault(row.key, row)
    found: list[tuple[ProgramTemplate, int | None]] = [(t, None) for t in builtin_templates()]
    found += [(parse_template(row.text, f"{row.key}.toml"), row.version) for row in stored.values()]
    return found


def template_text(*, org: Organization, key: str) -> tuple[str, int]:
    """The TOML text and version of a template the organization can run."""
    row = ProgramTemplateVersion.objects.filter(org=org, key=key).order_by("-version").first()
    if row is not None:
        return row.text, row.version
    try:
        template = load_builtin(key)
    except KeyError:
        known = ", ".join(t.key for t, _ in templates_for(org=org))
        raise ValidationError({"template": UNKNOWN_TEMPLATE.format(key=key, known=known)}) from None
    from trellis.core.programs.template import BUILTIN

    return BUILTIN.joinpath(f"{key}.toml").read_text(encoding="utf-8"), template.version


def template_check(*, org: Organization, text: str | bytes, source: str) -> ProgramTemplate:
    """Parse a template and check its frameworks and instruments exist for the organization."""
    template = parse_template(text, source)
    problems: list[Problem] = []
    if template.key in {t.key for t in builtin_templates()}:
        problems.append(Problem(source, "key", SHADOWS_BUILTIN.format(key=template.key), ""))
    runnable = {entry.framework.key for entry in frameworks.frameworks_for(org=org)}
    for n, key in enumerate(template.frameworks):
        if key not in runnable and not any(
            key in entry.framework.aliases for entry in frameworks.frameworks_for(org=org)
        ):
            what = UNKNOWN_FRAMEWORK.format(known=", ".join(sorted(runnable)))
            problems.append(Problem(source, f"frameworks[{n}]", what, f"the text {key!r}"))
    have = {entry.instrument.key for entry in instruments.instruments_for(org=org)}
    for n, item in enumerate(template.instruments):
        if item.key not in have:
            what = UNKNOWN_INSTRUMENT.format(known=", ".join(sorted(have)))
            problems.append(
                Problem(source, f"instruments[{n}].key", what, f"the text {item.key!r}")
            )
    if problems:
        raise ProgramTemplateError(problems)
    return template


def template_import(
    *, org: Organization, text: str | bytes, source: str, actor: Membership | None = None
) -> tuple[ProgramTemplateVersion, bool]:
    """Store an organization's own template; the same text again is a no-op, a changed one the
    next version. Raises ProgramTemplateError listing every problem; nothing is written then."""
    template = template_check(org=org, text=text, source=source)
    body = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    digest = ProgramTemplateVersion.hash_of(body)
    with transaction.atomic(durable=True):
        latest = (
            ProgramTemplateVersion.objects.select_for_update()
            .filter(org=org, key=template.key)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.content_hash == digest:
            return latest, False
        row = ProgramTemplateVersion.objects.create(
            org=org,
            key=template.key,
            version=(latest.version + 1) if latest else 1,
            name=template.name,
            text=body,
            content_hash=digest,
            uploaded_by=actor,
        )
    return row, True


# -- programs ------------------------------------------------------------------------------------


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
        errors.setdefault("starts_on", []).append(STARTS_TOO_FAR)
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
    """How many open engagements each pool coach has in the program (not ended or declined)."""
    rows = Enrolment.objects.filter(program=program, engagement__isnull=False).exclude(
        engagement__status__in=(Engagement.Status.ENDED, Engagement.Status.DECLINED)
    )
    return dict(Counter(rows.values_list("engagement__coach_id", flat=True)))


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
    assign = template.coach_assignment == "assign"
    coaches: list[Membership] = []
    if assign and not errors:
        pool = list(program.coaches.select_related("coach__user"))
        load = _load(program)
        free = {p.coach_id: p.capacity - load.get(p.coach_id, 0) for p in pool}
        by_id = {p.coach_id: p.coach for p in pool}
        for member in members:
            open_ = [c for c in free if free[c] > 0 and c != member.pk]
            if not open_:
                taken = sum(load.values()) + len(coaches)
                errors.append(NO_COACH_FREE.format(places=taken))
                break
            chosen = max(open_, key=lambda c: (free[c], -c))
            free[chosen] -= 1
            coaches.append(by_id[chosen])
    if errors:
        raise ValidationError({"members": errors})
    now = timezone.now()
    with transaction.atomic(durable=True):
        engagements: list[Engagement | None] = [None] * len(members)
        if assign:
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


def _tell_enrolled(program: Program, enrolments: Sequence[Enrolment], assigned: bool) -> None:
    from trellis.programs.selectors import program_url

    for enrolment in enrolments:
        what = (
            "Your coach is proposed on your program page: accept or decline there."
            if assigned
            else "Choose your coach from the program's pool (or ask for a chemistry conversation first)."
        )
        send_mail(
            subject=f"You are enrolled in {program.name}",
            message=(
                f"{program.template.purpose}\n\nIt starts on {program.starts_on:%d %B %Y}. {what}\n"
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


def enrolment_request_chemistry(
    *, actor: Membership, enrolment: Enrolment, coach: Membership
) -> Enrolment:
    """Ask a pool coach for a 20-minute chemistry conversation before choosing; the coach is
    emailed with the person's time zone and books the slot with them."""
    policy.require(actor, "program.enrolment.choose", enrolment)
    if not enrolment.program.coaches.filter(coach=coach).exists():
        raise ValidationError({"coach": NOT_IN_POOL.format(name=coach.user)})
    with transaction.atomic(durable=True):
        Enrolment.objects.filter(pk=enrolment.pk).update(
            chemistry_with=coach, chemistry_requested_at=timezone.now()
        )
        person = enrolment.member.user
        transaction.on_commit(
            lambda: send_mail(
                subject=CHEMISTRY_SUBJECT.format(name=person),
                message=(
                    f"{person} is choosing a coach in {enrolment.program.name} and would like a "
                    f"20-minute conversation with you first. Their time zone is "
                    f"{person.time_zone}. Reply to {person.email} with two or three times.\n"
                ),
                from_email=None,
                recipient_list=[coach.user.email],
            )
        )
    enrolment.refresh_from_db()
    return enrolment


# -- the program's calendar and instruments ------------------------------------------------------


def first_session_at(program: Program, zone: str, now: datetime) -> datetime:
    """The first session's start in the coachee's zone: the plan's first date at the template's
    local time, or the same weekday next week when that is already past."""
    template = program.template
    day = plan(template, program.starts_on).sessions[0]
    local = datetime.combine(day, time(0), ZoneInfo(zone or "UTC"))
    at = local.replace(hour=template.sessions.at.hour, minute=template.sessions.at.minute)
    while at <= now:
        at += timedelta(days=7)
    return at


def program_schedule_accepted(*, program: Program, now: datetime | None = None) -> int:
    """Put the program's sessions on the calendar of every engagement accepted since the last
    pass (weekly, fortnightly or monthly in the coachee's zone). Returns how many. Streamed in
    batches of 500, each written with a constant number of bulk queries (series, occurrences,
    invitations, enrolments), whatever the cohort's size."""
    from trellis.scheduling.services.bulk import SeriesSpec, schedule_many

    now = now or timezone.now()
    template = program.template
    # The plan counts a month as four weeks; the calendar repeats on the same day of the month.
    freq, interval = {
        "weekly": ("weekly", 1),
        "fortnightly": ("weekly", 2),
        "monthly": ("monthly", 1),
    }[template.sessions.every]
    waiting = (
        Enrolment.objects.filter(
            program=program, scheduled_at__isnull=True, engagement__status=Engagement.Status.ACTIVE
        )
        .select_related("engagement__coach__user", "engagement__coachee__user", "engagement__org")
        .order_by("pk")
    )
    done = 0

    def flush(batch: list[Enrolment]) -> int:
        specs = []
        for enrolment in batch:
            engagement = enrolment.engagement
            assert engagement is not None
            zone = engagement.coachee.user.time_zone
            specs.append(
                SeriesSpec(
                    actor=engagement.coach,
                    engagement=engagement,
                    start=first_session_at(program, zone, now),
                    duration_minutes=template.sessions.minutes,
                    timezone_name=zone,
                    freq=freq,
                    interval=interval,
                    count=template.sessions.count,
                    title=program.name,
                )
            )
            enrolment.scheduled_at = now
        schedule_many(specs, now=now)
        Enrolment.objects.bulk_update(batch, ["scheduled_at"])
        return len(batch)

    with transaction.atomic(durable=True):
        batch: list[Enrolment] = []
        for enrolment in waiting.iterator(chunk_size=500):  # streamed: a cohort of thousands
            batch.append(enrolment)
            if len(batch) == 500:
                done, batch = done + flush(batch), []
        if batch:
            done += flush(batch)
    return done


def _mentoring_participants(program: Program, exclude: set[int]) -> list[Membership]:
    """A peer or mentoring program's participants (trellis/mentoring, when installed): everyone
    enrolled and not withdrawn, mentors and circle peers included, who has no engagement of the
    program's own. Their later checks (the end one) measure them as their enrolment's first
    check did."""
    from django.apps import apps

    if not apps.is_installed("trellis.mentoring"):
        return []
    return list(
        Membership.objects.filter(
            mentoring_enrolments__program=program,
            mentoring_enrolments__status__in=("enrolled", "matched"),  # not withdrawn
            is_active=True,
        )
        .exclude(pk__in=exclude)
        .select_related("user")
        .distinct()
        .order_by("pk")
    )


def program_send_due_instruments(*, program: Program, now: datetime | None = None) -> int:
    """Give the cohort each instrument whose moment (start, midpoint, end) has come, once."""
    from trellis.instruments.services import administration_create

    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = set(ProgramInstrument.objects.filter(program=program).values_list("key", "moment"))
    actor = program.created_by
    members = [
        e.member
        for e in program.enrolments.select_related("member__user").filter(
            engagement__status__in=(Engagement.Status.ACTIVE, Engagement.Status.PAUSED)
        )
    ]
    members += _mentoring_participants(program, exclude={m.pk for m in members})
    # the first administration of each instrument is the baseline the later ones measure change
    # against (pre/post), found through the program, not a cohort name
    baselines: dict[str, Administration] = {}
    for first in (
        Administration.objects.filter(program=program).select_related("instrument").order_by("id")
    ):
        baselines.setdefault(first.instrument.key, first)
    count = 0
    for key, moment, due in plan(program.template, program.starts_on).instruments:
        if (key, moment) in sent or due > today or actor is None or not members:
            continue
        administration = administration_create(
            actor=actor,
            key=key,
            target="cohort",
            title=f"{program.name}: {moment}",
            cohort=f"{program.cohort} {moment}"[:120],
            cohort_members=members,
            program=program,
            baseline=baselines.get(key),
            now=now,
        )
        baselines.setdefault(key, administration)
        ProgramInstrument.objects.get_or_create(
            program=program,
            key=key,
            moment=moment,
            defaults={"due_on": due, "administration": administration, "sent_at": now},
        )
        count += 1
    return count


def program_pass(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic pass over running programs: schedule accepted engagements, send the
    instruments whose moment has come. Idempotent; run by the worker and `trellis programs pass`."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    scheduled = sent = 0
    for program in Program.objects.filter(starts_on__lte=today + timedelta(days=90)):
        if plan(program.template, program.starts_on).ends_on < today - timedelta(days=7):
            continue
        scheduled += program_schedule_accepted(program=program, now=now)
        sent += program_send_due_instruments(program=program, now=now)
    return {"scheduled": scheduled, "instruments": sent}


# -- enrolment files -----------------------------------------------------------------------------

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


PASS_EVERY = timedelta(minutes=15)


def queue_next_pass(*, now: datetime | None = None) -> bool:
    """Queue the next program pass (at most one per quarter hour, whoever asks)."""
    from trellis.programs.tasks import run_program_pass

    run_at = next_slot(now or timezone.now(), PASS_EVERY)
    return queue_once(
        run_program_pass, name="programs:pass", run_at=run_at, keep=timedelta(hours=1)
    )
