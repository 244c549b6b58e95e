"""Programs: a template run for a cohort, enrolment with consent, the coach pool, the calendar
and the funnel an admin sees (counts and attendance, never content)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from trellis.accounts.models import Membership, User
from trellis.core.datafiles import DataFileError
from trellis.engagements.lifecycle import engagement_accept
from trellis.engagements.models import Engagement
from trellis.programs import selectors, services
from trellis.programs.models import Enrolment, Program
from trellis.scheduling.models import ScheduledSession

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("UTC"))


def coachee(world, name, zone="UTC"):
    user = User.objects.create(email=f"{name.lower()}@acme.test", name=name, time_zone=zone)
    return Membership.objects.create(org=world.org, user=user, is_coachee=True)


def program(world, key="executive-one-to-one", capacity=5):
    return services.program_create(
        actor=world.olga,
        template_key=key,
        name="",
        starts_on=NOW.date(),
        pool=[services.PoolPlace(world.alice, capacity, "Former CFO; coaches finance leaders.")],
    )


@time_machine.travel(NOW, tick=False)
def test_it_proposes_each_assigned_coach_and_grants_nothing_until_accepted(
    world, django_capture_on_commit_callbacks
):
    run = program(world)
    zoe = coachee(world, "Zoe", "America/New_York")
    with django_capture_on_commit_callbacks(execute=True):
        (enrolment,) = services.program_enrol(actor=world.olga, program=run, members=[zoe])
    engagement = enrolment.engagement
    assert engagement.status == Engagement.Status.PROPOSED
    assert engagement.coach == world.alice
    assert selectors.funnel(selectors.cohort_rows(program=run))["invited"] == 1
    assert any("enrolled in Executive one-to-one" in m.subject for m in mail.outbox)
    assert services.program_schedule_accepted(program=run) == 0  # nothing before the yes

    engagement_accept(actor=zoe, engagement=engagement)
    assert services.program_pass() == {"scheduled": 1, "instruments": 0, "cascaded": 0}
    sessions = list(ScheduledSession.objects.filter(series__engagement=engagement))
    assert len(sessions) == 6  # the template's count, monthly
    first = sessions[0].start.astimezone(ZoneInfo("America/New_York"))
    assert (first.hour, first.minute) == (8, 30)  # the template's local time, in Zoe's zone
    assert first.date() == date(2027, 1, 18)
    assert selectors.funnel(selectors.cohort_rows(program=run))["accepted"] == 1
    assert services.program_pass() == {"scheduled": 0, "instruments": 0, "cascaded": 0}  # once


@time_machine.travel(NOW, tick=False)
def test_it_lets_people_choose_their_coach_and_keeps_to_capacity(world):
    run = program(world, "new-manager", capacity=1)
    zoe, yan = coachee(world, "Zoe"), coachee(world, "Yan")
    enrolments = services.program_enrol(actor=world.olga, program=run, members=[zoe, yan])
    assert all(e.engagement is None for e in enrolments)

    engagement = services.enrolment_choose_coach(
        actor=zoe, enrolment=enrolments[0], coach=world.alice
    )
    assert engagement.status == Engagement.Status.ACTIVE  # her choice is her yes
    assert ScheduledSession.objects.filter(series__engagement=engagement).count() == 6
    with pytest.raises(ValidationError, match="no free place"):
        services.enrolment_choose_coach(actor=yan, enrolment=enrolments[1], coach=world.alice)
    with pytest.raises(ValidationError, match="already have a coach"):
        services.enrolment_choose_coach(actor=zoe, enrolment=enrolments[0], coach=world.alice)


@time_machine.travel(NOW, tick=False)
def test_it_enrols_everyone_or_nobody_naming_each_wrong_person(world):
    run = program(world)
    zoe = coachee(world, "Zoe")
    with pytest.raises(ValidationError) as caught:
        services.program_enrol(actor=world.olga, program=run, members=[zoe, world.dana])
    assert "Dana Sponsor does not have the coachee role" in str(caught.value)
    assert not Enrolment.objects.exists()
    assert not Engagement.objects.filter(status=Engagement.Status.PROPOSED).exists()


@time_machine.travel(NOW, tick=False)
def test_it_refuses_more_people_than_the_pool_can_take(world):
    run = program(world, capacity=1)
    with pytest.raises(ValidationError, match="Every coach in the pool is full"):
        services.program_enrol(
            actor=world.olga, program=run, members=[coachee(world, "Zoe"), coachee(world, "Yan")]
        )
    assert not Enrolment.objects.exists()


def test_it_reads_an_enrolment_file_and_names_each_bad_line(world):
    coachee(world, "Zoe")
    data = "email\nzoe@acme.test\nnobody@acme.test\nzoe@acme.test\ndana@acme.test\n"
    with pytest.raises(DataFileError) as caught:
        services.members_from_csv(org=world.org, data=data, source="cohort.csv")
    lines = caught.value.messages()
    assert lines[0].startswith("cohort.csv: line 3, email: expected the email of a coachee")
    assert "line 4, email: expected each person once" in lines[1]
    assert "line 5, email" in lines[2]
    (zoe,) = services.members_from_csv(
        org=world.org, data="Name;Email\nZoe;zoe@acme.test\n", source="excel.csv"
    )
    assert zoe.user.name == "Zoe"


@time_machine.travel(NOW, tick=False)
def test_it_marks_a_person_stalled_when_no_session_is_held(world, settings):
    settings.STALLED_AFTER_DAYS = 21
    run = program(world, "new-manager")
    zoe = coachee(world, "Zoe")
    (enrolment,) = services.program_enrol(actor=world.olga, program=run, members=[zoe])
    services.enrolment_choose_coach(actor=zoe, enrolment=enrolment, coach=world.alice)
    for occurrence in ScheduledSession.objects.filter(series__engagement__enrolment__program=run):
        occurrence.status = ScheduledSession.Status.CANCELLED
        occurrence.save()
    later = NOW + timedelta(days=40)
    rows = selectors.cohort_rows(program=run, now=later)
    assert [r.stage for r in rows] == ["stalled"]


@time_machine.travel(NOW, tick=False)
def test_it_sends_the_start_instrument_to_the_cohort_once(world):
    run = program(world, "mentoring")
    zoe = coachee(world, "Zoe")
    (enrolment,) = services.program_enrol(actor=world.olga, program=run, members=[zoe])
    services.enrolment_choose_coach(actor=zoe, enrolment=enrolment, coach=world.alice)
    assert services.program_pass()["instruments"] == 1
    assert services.program_pass()["instruments"] == 0
    (status,) = selectors.instruments_of(program=run)
    assert (status.sent.key, status.sent.moment, status.asked, status.answered) == (
        "career-confidence",
        "start",
        1,
        0,
    )


def test_it_refuses_a_template_naming_unknown_frameworks_and_instruments(world):
    text = (
        'key = "grow-fast"\nname = "Grow fast"\npurpose = "x"\nkind = "one_to_one"\n'
        'frameworks = ["grwo"]\n[sessions]\ncount = 3\nevery = "weekly"\n'
        '[[instruments]]\nkey = "nps"\nwhen = ["end"]\n'
    )
    with pytest.raises(DataFileError) as caught:
        services.template_import(org=world.org, text=text, source="fast.toml")
    message = str(caught.value)
    assert "fast.toml: frameworks[0]: expected a framework this organization can run" in message
    assert "fast.toml: instruments[0].key: expected an instrument this organization has" in message
    good = text.replace("grwo", "grow").replace('key = "nps"', 'key = "session-rating"')
    row, created = services.template_import(org=world.org, text=good, source="fast.toml")
    assert created and row.version == 1
    assert services.template_import(org=world.org, text=good, source="fast.toml")[1] is False
    assert Program.objects.count() == 0
