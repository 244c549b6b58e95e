"""A running program: its sessions put on the calendar, its instruments given at their moment, and
the periodic pass the worker runs over every program."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from trellis.accounts.chains import next_slot, queue_once
from trellis.accounts.models import Membership
from trellis.core.programs import plan
from trellis.engagements.models import Engagement, EngagementParticipant
from trellis.instruments.models import Administration
from trellis.programs.models import Enrolment, Program, ProgramInstrument
from trellis.programs.services.cascade import program_cascade


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
    # a team, group or circle has one series for all its people, scheduled once
    scheduled = set(
        Enrolment.objects.filter(program=program, scheduled_at__isnull=False).values_list(
            "engagement_id", flat=True
        )
    )

    def flush(batch: list[Enrolment]) -> int:
        specs = []
        for enrolment in batch:
            engagement = enrolment.engagement
            assert engagement is not None
            enrolment.scheduled_at = now
            if engagement.pk in scheduled:
                continue
            scheduled.add(engagement.pk)
            # a one-to-one at the coachee's local time; a shared one at its coach's
            zone = (
                engagement.coach if engagement.is_several else engagement.coachee
            ).user.time_zone
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


def accepted_place() -> Q:
    """Enrolments whose person holds an accepted place in an active or paused engagement: in a
    shared team, group or circle each person's own answer counts, not the engagement's status."""
    return Q(
        engagement__status__in=(Engagement.Status.ACTIVE, Engagement.Status.PAUSED),
        engagement__participants__member=F("member"),
        engagement__participants__role=EngagementParticipant.Role.COACHEE,
        engagement__participants__acceptance=EngagementParticipant.Acceptance.ACCEPTED,
        engagement__participants__left_at__isnull=True,
    )


def program_send_due_instruments(*, program: Program, now: datetime | None = None) -> int:
    """Give the cohort each instrument whose moment (start, midpoint, end) has come, once."""
    from trellis.instruments.services import administration_create

    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = set(ProgramInstrument.objects.filter(program=program).values_list("key", "moment"))
    actor = program.created_by
    members = [
        e.member for e in program.enrolments.select_related("member__user").filter(accepted_place())
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
    instruments whose moment has come, open a cascade whose week has come. Idempotent; run by
    the worker and `trellis programs pass`."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    scheduled = sent = cascaded = 0
    for program in Program.objects.filter(starts_on__lte=today + timedelta(days=90)):
        if plan(program.template, program.starts_on).ends_on < today - timedelta(days=7):
            continue
        scheduled += program_schedule_accepted(program=program, now=now)
        sent += program_send_due_instruments(program=program, now=now)
        opened = program_cascade(program=program, now=now)
        cascaded += opened.teams + opened.leaders
    return {"scheduled": scheduled, "instruments": sent, "cascaded": cascaded}


PASS_EVERY = timedelta(minutes=15)


def queue_next_pass(*, now: datetime | None = None) -> bool:
    """Queue the next program pass (at most one per quarter hour, whoever asks)."""
    from trellis.programs.tasks import run_program_pass

    run_at = next_slot(now or timezone.now(), PASS_EVERY)
    return queue_once(
        run_program_pass, name="programs:pass", run_at=run_at, keep=timedelta(hours=1)
    )
