"""Career events, trigger rules as data, and the focused sessions they open."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.accounts.models import Membership, User
from trellis.engagements.models import CoachingSession
from trellis.scheduling import services
from trellis.scheduling.models import CareerEvent, Reminder, TriggerFiring, TriggerRule
from trellis.scheduling.services.events import (
    ERROR_CUSTOM_TYPE,
    ERROR_DAYS,
    ERROR_NOT_YOURS,
    fire_due_triggers,
    log_overdue_actions,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def promotion_rule(world, **extra):
    return services.trigger_rule_create(
        actor=world.olga,
        event_type=CareerEvent.Type.PROMOTION_DECISION,
        when=TriggerRule.When.ON_LOG,
        framework_key="tgrow",
        **extra,
    )


def log_promotion(world, actor=None):
    return services.career_event_log(
        actor=actor or world.dana,
        coachee=world.bob,
        type=CareerEvent.Type.PROMOTION_DECISION,
        date=date(2026, 3, 20),
        title="Promotion panel for senior engineer",
        notes="Panel with two directors",
    )


@time_machine.travel(NOW, tick=False)
def test_it_opens_a_prepared_tgrow_session_when_a_promotion_decision_is_logged(
    world, django_capture_on_commit_callbacks
):
    promotion_rule(world)
    with django_capture_on_commit_callbacks(execute=True):
        event = log_promotion(world)
    session = CoachingSession.objects.get()
    assert session.framework_version.key == "tgrow"
    assert session.kind == CoachingSession.Kind.EVENT
    assert (session.coach, session.coachee, session.engagement) == (
        world.alice,
        world.bob,
        world.engagement,
    )
    assert "Promotion panel" in session.topic
    firing = TriggerFiring.objects.get()
    assert firing.event == event and firing.coaching_session_uuid == session.uuid
    # the coach and the coachee are told (the sponsor rule is off by default)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@acme.test", "bob@acme.test"]
    assert all("TGROW session is ready" in m.subject for m in mail.outbox)


@time_machine.travel(NOW, tick=False)
def test_it_tells_a_sponsor_that_a_session_exists_but_not_what_it_is_about(world):
    promotion_rule(world, notify_sponsor=True)
    log_promotion(world, actor=world.olga)
    to_dana = Reminder.objects.get(recipient=world.dana)
    assert "Promotion panel" not in to_dana.subject + to_dana.body and not to_dana.url


@time_machine.travel(NOW, tick=False)
def test_it_fires_a_rule_once_per_event(world):
    rule = promotion_rule(world)
    event = log_promotion(world)
    from trellis.scheduling.services.events import fire_on_log

    assert fire_on_log(event=event) == []
    assert TriggerFiring.objects.filter(rule=rule).count() == 1
    assert CoachingSession.objects.count() == 1


def test_it_fires_a_rule_some_days_before_the_event(world):
    services.trigger_rule_create(
        actor=world.olga,
        event_type=CareerEvent.Type.JOB_INTERVIEW,
        when=TriggerRule.When.BEFORE,
        days=3,
    )
    with time_machine.travel(NOW, tick=False):
        services.career_event_log(
            actor=world.bob, coachee=world.bob, type="job_interview", date=date(2026, 3, 12)
        )
        assert fire_due_triggers(now=NOW) == 0  # ten days ahead: too early
    with time_machine.travel(datetime(2026, 3, 9, 7, 0, tzinfo=UTC), tick=False):
        assert fire_due_triggers(now=datetime(2026, 3, 9, 7, 0, tzinfo=UTC)) == 1
        assert fire_due_triggers(now=datetime(2026, 3, 9, 8, 0, tzinfo=UTC)) == 0
    assert CoachingSession.objects.get().framework_version.key == "tgrow"


def test_it_fires_a_rule_some_days_after_the_event_but_not_for_old_ones(world):
    services.trigger_rule_create(
        actor=world.olga, event_type="setback", when="after", days=2, framework_key="oskar"
    )
    with time_machine.travel(NOW, tick=False):
        services.career_event_log(
            actor=world.bob, coachee=world.bob, type="setback", date=date(2026, 3, 1)
        )
        services.career_event_log(
            actor=world.bob, coachee=world.bob, type="setback", date=date(2025, 6, 1)
        )
    later = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        assert fire_due_triggers(now=later) == 1
    assert CoachingSession.objects.get().framework_version.key == "oskar"


@time_machine.travel(NOW, tick=False)
def test_either_side_starts_an_event_driven_session_by_hand(world, login):
    event = log_promotion(world, actor=world.bob)
    client = login(world.alice)
    response = client.post(
        reverse("scheduling:event_session", args=[world.org.slug, event.uuid]),
        {"framework_key": "grow"},
    )
    assert response.status_code == 302
    firing = TriggerFiring.objects.get()
    assert firing.rule is None and firing.started_by == world.alice
    assert firing.coaching_session_uuid is not None
    session = CoachingSession.objects.get(uuid=firing.coaching_session_uuid)
    assert session.framework_version.key == "grow"
    # Bob is told; Alice started it herself
    assert list(Reminder.objects.values_list("recipient", flat=True)) == [world.bob.pk]


@time_machine.travel(NOW, tick=False)
def test_it_lets_hr_log_an_event_but_not_a_coach_for_someone_else(world):
    log_promotion(world, actor=world.olga)
    log_promotion(world, actor=world.dana)
    user = User.objects.create(email="max@acme.test", name="Max Coach")
    other_coach = Membership.objects.create(org=world.org, user=user, is_coach=True)
    for stranger in (other_coach, world.carol):  # not Bob's coach; another organization's admin
        with pytest.raises(ValidationError) as caught:
            services.career_event_log(
                actor=stranger, coachee=world.bob, type="offer", date=date(2026, 4, 1)
            )
        assert caught.value.message_dict == {"coachee": [ERROR_NOT_YOURS]}
    assert CareerEvent.objects.count() == 2


@time_machine.travel(NOW, tick=False)
def test_it_asks_what_kind_of_event_other_is(world):
    with pytest.raises(ValidationError) as caught:
        services.career_event_log(
            actor=world.bob, coachee=world.bob, type="custom", date=date(2026, 4, 1)
        )
    assert caught.value.message_dict == {"custom_type": [ERROR_CUSTOM_TYPE]}
    event = services.career_event_log(
        actor=world.bob,
        coachee=world.bob,
        type="custom",
        custom_type="Conference talk",
        date=date(2026, 4, 1),
    )
    assert event.label == "Conference talk"


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_timed_rule_without_days(world):
    with pytest.raises(ValidationError) as caught:
        services.trigger_rule_create(actor=world.olga, event_type="offer", when="before", days=0)
    assert caught.value.message_dict == {"days": [ERROR_DAYS]}


@time_machine.travel(NOW, tick=False)
def test_it_imports_events_from_csv_all_or_nothing(world):
    bad = (
        "email,type,date,title,notes\n"
        "bob@acme.test,promotion_decision,2026-04-01,Panel,\n"
        "nobody@acme.test,offer,2026-04-02,,\n"
        "bob@acme.test,party,2026-13-01,,\n"
    )
    with pytest.raises(services.EventImportError) as caught:
        services.career_events_import(actor=world.olga, data=bad.encode())
    assert caught.value.errors == [
        "events.csv: line 3, email: expected the email of a coachee of Acme Learning, found nobody@acme.test",
        "events.csv: line 4, type: expected one of performance_review, promotion_decision, "
        "role_change, new_project, job_interview, offer, setback, custom, found the text 'party'",
        "events.csv: line 4, date: expected a date as YYYY-MM-DD, from 1900 to 2199, found the text '2026-13-01'",
    ]
    assert not CareerEvent.objects.exists()
    promotion_rule(world)
    good = "Email,Type,Date,Title\nBOB@acme.test,Promotion decision,2026-04-01,Panel\n"
    events = services.career_events_import(actor=world.olga, data=good.encode())
    assert [(e.coachee, e.type, e.source) for e in events] == [
        (world.bob, "promotion_decision", "imported")
    ]
    assert CoachingSession.objects.count() == 1  # imported events fire rules too


def test_it_logs_an_overdue_action_as_a_missed_deadline_once_where_setbacks_have_a_rule(world):
    from trellis.goals.tests.helpers import bob_plan

    with time_machine.travel(NOW, tick=False):
        plan = bob_plan(world)  # Bob's first action is due on 6 March
    later = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        assert log_overdue_actions(now=later) == 0  # no rule for setbacks: nothing to open
        services.trigger_rule_create(actor=world.olga, event_type="setback", when="on_log")
        assert log_overdue_actions(now=later) == 1
        assert log_overdue_actions(now=later) == 0
    event = CareerEvent.objects.get()
    assert event.type == CareerEvent.Type.SETBACK and event.source_uuid == plan.first.uuid
    assert event.title == "Missed deadline"
    assert "Draft next week's planning agenda" in event.notes
    assert CoachingSession.objects.get().topic.startswith("Missed deadline")
    much_later = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)  # Alice's action, due 20 March, is hers
    with time_machine.travel(much_later, tick=False):
        assert log_overdue_actions(now=much_later) == 0


@time_machine.travel(NOW, tick=False)
def test_it_hides_event_notes_from_a_sponsor_and_an_admin(world, login):
    event = log_promotion(world)
    url = reverse("scheduling:event", args=[world.org.slug, event.uuid])
    assert "Panel with two directors" in login(world.bob).get(url).content.decode()
    for persona in (world.dana, world.olga):
        body = login(persona).get(url).content.decode()
        assert "Panel with two directors" not in body


@time_machine.travel(NOW, tick=False)
def test_it_logs_an_event_from_the_page_and_says_a_session_opened(world, login):
    promotion_rule(world)
    response = login(world.bob).post(
        reverse("scheduling:events", args=[world.org.slug]),
        {"coachee": world.bob.uuid, "type": "promotion_decision", "date": "2026-03-20"},
        follow=True,
    )
    assert "Promotion decision logged and opened 1 focused session." in response.content.decode()
