"""The executive-career track's event-driven sessions are real: a career event of a kind the track's
template names, logged for someone enrolled in it, opens a focused session in their engagement and
tells them and their coach; other kinds, other engagements and a second opening do not."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from hypothesis import HealthCheck, given, settings

from trellis.accounts.models import Membership, User
from trellis.core.programs import builtin_templates
from trellis.core.tests.bad_files import outcome, toml_files
from trellis.engagements.models import CoachingSession
from trellis.programs import services
from trellis.scheduling.models import CareerEvent, TriggerFiring
from trellis.scheduling.services import outbox
from trellis.scheduling.services.events import TYPE_KEYS, career_event_log

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("UTC"))
CAREER_FILE = (
    Path(__file__).resolve().parents[2] / "core" / "programs" / "builtin" / "executive-career.toml"
)


def enrolled_executive(world):
    user = User.objects.create(email="zoe@acme.test", name="Zoe Exec")
    zoe = Membership.objects.create(org=world.org, user=user, is_coachee=True)
    run = services.program_create(
        actor=world.olga,
        template_key="executive-career",
        name="",
        starts_on=NOW.date(),
        pool=[services.PoolPlace(world.alice, 3, "Coaches executives through moves.")],
    )
    (enrolment,) = services.program_enrol(actor=world.olga, program=run, members=[zoe])
    engagement = services.enrolment_choose_coach(actor=zoe, enrolment=enrolment, coach=world.alice)
    return zoe, engagement


@time_machine.travel(NOW, tick=False)
def test_a_career_event_on_the_executive_career_track_opens_a_focused_session(world):
    zoe, engagement = enrolled_executive(world)
    event = career_event_log(
        actor=zoe, coachee=zoe, type="promotion_decision", date=date(2027, 1, 20), title="Panel"
    )
    (firing,) = TriggerFiring.objects.filter(event=event)
    assert firing.error == "" and firing.framework_key == "tgrow"
    assert firing.coaching_session_uuid is not None
    session = CoachingSession.objects.get(uuid=firing.coaching_session_uuid)
    assert session.engagement_id == engagement.pk
    assert session.topic == "Panel (20 Jan 2027)" and session.kind == "event"
    outbox.send_due(now=NOW)
    told = {m.to[0] for m in mail.outbox if "session is ready" in m.subject}
    assert told == {"zoe@acme.test", world.alice.user.email}


@time_machine.travel(NOW, tick=False)
def test_other_kinds_and_engagements_off_the_track_open_nothing(world):
    zoe, _ = enrolled_executive(world)
    new_project = career_event_log(actor=zoe, coachee=zoe, type="new_project", date=NOW.date())
    assert not TriggerFiring.objects.filter(event=new_project).exists()
    # Bob's engagement with Alice came from no program: his events open nothing by themselves
    setback = career_event_log(actor=world.bob, coachee=world.bob, type="setback", date=NOW.date())
    assert not TriggerFiring.objects.filter(event=setback).exists()


@time_machine.travel(NOW, tick=False)
def test_an_org_rule_that_already_opened_a_session_is_enough(world):
    from trellis.scheduling.services.events import trigger_rule_create

    zoe, _ = enrolled_executive(world)
    trigger_rule_create(actor=world.olga, event_type="offer", when="on_log")
    event = career_event_log(actor=zoe, coachee=zoe, type="offer", date=NOW.date())
    assert TriggerFiring.objects.filter(event=event).count() == 1


def test_the_templates_career_events_are_the_kinds_a_coachee_logs():
    from trellis.core.programs.template import CAREER_EVENTS

    assert CAREER_EVENTS == TYPE_KEYS == tuple(CareerEvent.Type.values)
    career = next(t for t in builtin_templates() if t.key == "executive-career")
    assert career.event_sessions is not None and "setback" in career.event_sessions.on


def test_an_unknown_event_kind_is_refused_naming_the_field():
    from trellis.core.datafiles import DataFileError
    from trellis.core.programs import parse_template

    text = """key = "ours"
name = "Ours"
purpose = "Test."
kind = "one_to_one"
frameworks = ["grow"]

[sessions]
count = 2
every = "monthly"

[event_sessions]
on = ["promotion_decision", "lottery_win"]
"""
    with pytest.raises(DataFileError) as refused:
        parse_template(text, "ours.toml")
    assert "ours.toml" in str(refused.value) and "event_sessions.on[1]" in str(refused.value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toml_files(CAREER_FILE.read_bytes()))
def test_spoiled_track_files_are_refused_naming_the_file_or_accepted(data):
    from trellis.core.programs import parse_template

    # "refused" means every problem starts with the file name and says what was expected
    assert outcome(lambda d: parse_template(d, "career.toml"), data, "career.toml") in {
        "accepted",
        "refused",
    }
