"""The program's first checks (the self-efficacy instrument and any other the template gives at
its start), given to each person at their enrolment."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from trellis.accounts.models import Membership
from trellis.core.instruments import UnknownInstrumentError
from trellis.programs.models import Program


def first_checks(
    *, program: Program, members: Sequence[Membership], now: datetime | None = None
) -> int:
    """Give newly enrolled people the program's first checks (the self-efficacy instrument and
    any other the template gives at its start) at their enrolment, not at the program's start, so
    someone who enrols late is measured from where they began. The first enrolment makes the
    program's start administration (the baseline the end one is measured against; the program
    pass then does not send it again); each later enrolment joins it while it is open. An
    instrument the organization cannot give is skipped: it never stops an enrolment."""
    from trellis.core.programs import plan
    from trellis.instruments.services import administration_add, administration_create
    from trellis.programs.models import ProgramInstrument

    actor = program.created_by
    if actor is None or not members:
        return 0
    now = now or timezone.now()
    given = 0
    keys = dict.fromkeys(
        key
        for key, moment, _ in plan(program.template, program.starts_on).instruments
        if moment == "start"
    )
    for key in keys:
        placed = (
            ProgramInstrument.objects.filter(program=program, key=key, moment="start")
            .select_related("administration")
            .first()
        )
        try:
            if placed is None:
                administration = administration_create(
                    actor=actor,
                    key=key,
                    target="cohort",
                    title=f"{program.name}: start",
                    cohort=f"{program.cohort} start"[:120],
                    cohort_members=members,
                    program=program,
                    now=now,
                )
                ProgramInstrument.objects.create(
                    program=program,
                    key=key,
                    moment="start",
                    due_on=timezone.localdate(now),
                    administration=administration,
                    sent_at=now,
                )
                given += len(members)
            elif placed.administration is not None and placed.administration.is_open:
                for member in members:
                    if administration_add(
                        administration=placed.administration, member=member, now=now
                    ):
                        given += 1
            else:  # the start check has closed: late enrolments get their own first check
                given += _late_first_check(program, key, actor, members, now)
        except (ValidationError, PermissionDenied, UnknownInstrumentError):
            continue
    return given


def _late_first_check(
    program: Program, key: str, actor: Membership, members: Sequence[Membership], now: datetime
) -> int:
    """A first check for people who enrol after the start one closed: an open administration of
    the program measured against nothing (a first check, like the start one; the end one is
    measured against the start and counts everyone who answered a first check), made once and
    joined by each later enrolment while it is open. Someone already given a first check is not
    asked again."""
    from trellis.instruments.models import Administration, Respondent
    from trellis.instruments.services import administration_add, administration_create

    firsts = Administration.objects.filter(
        program=program, instrument__key=key, baseline__isnull=True
    )
    asked = set(
        Respondent.objects.filter(administration__in=firsts).values_list("member_id", flat=True)
    )
    fresh = [m for m in members if m.pk not in asked]
    if not fresh:
        return 0
    late = firsts.filter(status=Administration.Status.OPEN).order_by("-id").first()
    if late is None:
        administration_create(
            actor=actor,
            key=key,
            target="cohort",
            title=f"{program.name}: start (late enrolments)",
            cohort=f"{program.cohort} start, late"[:120],
            cohort_members=fresh,
            program=program,
            now=now,
        )
        return len(fresh)
    return sum(
        1 for m in fresh if administration_add(administration=late, member=m, now=now) is not None
    )
