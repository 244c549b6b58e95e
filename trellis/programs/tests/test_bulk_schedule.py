"""Scheduling a cohort's series is bulk: about the same queries for 3 people as for 12 (one batch), with
every series, its occurrences and both invitations written as one at a time would write them."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.engagements.lifecycle import engagement_accept
from trellis.programs import services
from trellis.programs.tests.test_programs import NOW, coachee, program
from trellis.scheduling.models import Reminder, ScheduledSession, SessionSeries

pytestmark = pytest.mark.django_db


def _accepted_cohort(world, size, capacity=20):
    run = program(world, capacity=capacity)
    people = [coachee(world, f"P{size}x{i}", "America/New_York") for i in range(size)]
    for enrolment in services.program_enrol(actor=world.olga, program=run, members=people):
        engagement_accept(actor=enrolment.member, engagement=enrolment.engagement)
    return run, people


@time_machine.travel(NOW, tick=False)
def test_scheduling_a_cohort_takes_the_same_queries_whatever_its_size(world):
    small, _ = _accepted_cohort(world, 3)
    with CaptureQueriesContext(connection) as three:
        assert services.program_schedule_accepted(program=small) == 3
    large, _ = _accepted_cohort(world, 12)
    with CaptureQueriesContext(connection) as twelve:
        assert services.program_schedule_accepted(program=large) == 12
    # no query per person: only the database's limit on parameters per insert may split one
    assert len(twelve.captured_queries) <= len(three.captured_queries) + 2
    assert len(twelve.captured_queries) < 12
    series = SessionSeries.objects.filter(engagement__enrolment__program=large)
    assert series.count() == 12
    assert ScheduledSession.objects.filter(series__in=series).count() == 12 * 6
    one = series.select_related("coachee__user").first()
    first = one.occurrences.order_by("start").first()
    invitations = Reminder.objects.filter(kind=Reminder.INVITATION, object_uuid=one.uuid)
    assert {r.recipient_id for r in invitations} == {one.coachee_id}  # the coach scheduled it
    (invitation,) = invitations
    assert invitation.ics_method == "REQUEST" and "RRULE:FREQ=MONTHLY;COUNT=6" in invitation.ics
    assert str(first.uuid) in invitation.url
