"""A program's instruments belong to the program by a foreign key (not a cohort name to match),
and existing administrations are carried over by the data migration without loss."""

import importlib
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps

from trellis.instruments.models import Administration
from trellis.instruments.services import administration_create
from trellis.programs import services
from trellis.programs.models import ProgramInstrument
from trellis.programs.tests.test_programs import NOW, coachee, program

pytestmark = pytest.mark.django_db

carry_over = importlib.import_module(
    "trellis.instruments.migrations.0002_administration_program"
).carry_over


@time_machine.travel(NOW, tick=False)
def test_a_programs_instruments_name_the_program_and_measure_change_from_the_start(world):
    run = program(world, "mentoring")
    zoe = coachee(world, "Zoe")
    (enrolment,) = services.program_enrol(actor=world.olga, program=run, members=[zoe])
    services.enrolment_choose_coach(actor=zoe, enrolment=enrolment, coach=world.alice)
    services.program_pass()
    (start,) = Administration.objects.filter(program=run)
    run.name = "Mentoring, renamed"  # the name no longer matches the cohort's: nothing is lost
    run.save()
    services.program_send_due_instruments(program=run, now=NOW + timedelta(days=200))
    later = Administration.objects.filter(program=run).exclude(pk=start.pk)
    assert later.exists()
    assert {a.baseline_id for a in later} == {start.pk}  # pre/post against the program's start
    assert set(run.administrations.all()) == {start, *later}


@time_machine.travel(NOW, tick=False)
def test_the_migration_carries_existing_cohort_administrations_over(world):
    run = program(world, "mentoring")
    other = program(world, "new-manager")
    zoe = coachee(world, "Zoe")
    services.program_enrol(actor=world.olga, program=run, members=[zoe])

    def sent_by_name(cohort):
        return administration_create(
            actor=world.olga,
            key="career-confidence",
            target="cohort",
            cohort=cohort,
            cohort_members=[zoe],
        )

    recorded = sent_by_name("anything")  # the program's own record names it
    ProgramInstrument.objects.create(
        program=run,
        key="career-confidence",
        moment="start",
        due_on=NOW.date(),
        administration=recorded,
    )
    by_name = sent_by_name(f"{other.cohort} midpoint")
    unknown = sent_by_name("Spring coaching cohort")
    Administration.objects.update(program=None)  # as they were before the foreign key

    carry_over(apps, None)

    found = {a.pk: a.program_id for a in Administration.objects.all()}
    assert found == {recorded.pk: run.pk, by_name.pk: other.pk, unknown.pk: None}
    assert Administration.objects.get(pk=unknown.pk).cohort == "Spring coaching cohort"
