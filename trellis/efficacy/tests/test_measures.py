"""The program's self-efficacy change (start against end, aggregates at the threshold only) and
the peer-coach self-check sent once after a held peer session."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.instruments import InstrumentError, parse_instrument
from trellis.efficacy import selectors, services
from trellis.efficacy.tests.helpers import SLUG, participant, peer_program
from trellis.instruments.models import Administration, Respondent


def _answers(value: int) -> dict[str, int]:
    from trellis.core.instruments import load_builtin

    instrument = load_builtin("career-confidence")
    return {i.key: (6 - value if i.reverse else value) for i in instrument.spec.items}


def _administer(world, program, people, value, baseline=None):
    from trellis.instruments.services import administration_close, administration_create

    given = administration_create(
        actor=world.olga,
        key="career-confidence",
        target="cohort",
        cohort=program.cohort,
        cohort_members=people,
        program=program,
        baseline=baseline,
    )
    Respondent.objects.filter(administration=given).update(
        answers=_answers(value), answered_at=timezone.now()
    )
    administration_close(actor=world.olga, administration=given)
    return Administration.objects.get(pk=given.pk)


def _cohort(world, program, size):
    return [world.bob] + [participant(world, program, f"P{n} Person") for n in range(size - 1)]


def test_the_change_shows_once_five_answered_both(world, login):
    program = peer_program(world)
    people = _cohort(world, program, 5)
    start = _administer(world, program, people, 2)
    _administer(world, program, people, 4, baseline=start)
    found = selectors.efficacy_change(program=program)
    assert found.change is not None and found.change.n == 5
    assert (round(found.change.pre), round(found.change.post)) == (2, 4)
    body = login(world.olga).get(reverse("programs:detail", args=["acme", SLUG])).content.decode()
    assert "Self-efficacy: start and end" in body and "4.00" in body


def test_the_change_is_withheld_below_the_threshold(world):
    program = peer_program(world)
    people = _cohort(world, program, 4)
    start = _administer(world, program, people, 2)
    _administer(world, program, people, 4, baseline=start)
    found = selectors.efficacy_change(program=program)
    assert found.change is None and "Fewer than 5" in found.withheld


def test_a_participant_does_not_see_the_groups_change(world, login):
    program = peer_program(world)
    people = _cohort(world, program, 5)
    start = _administer(world, program, people, 2)
    _administer(world, program, people, 4, baseline=start)
    body = login(world.bob).get(reverse("efficacy:program", args=["acme", SLUG])).content.decode()
    assert "Self-efficacy: start and end" not in body


def test_a_held_peer_session_sends_its_coach_the_self_check_once(world):
    from trellis.engagements.kinds import engagement_propose_peer
    from trellis.scheduling.models import Outcome, ScheduledSession, SessionSeries

    erin = participant(world, peer_program(world), "Erin Peer")
    engagement = engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin], topic="Peers"
    )
    start = timezone.now() - timedelta(days=1)
    series = SessionSeries.objects.create(
        org=world.org,
        engagement=engagement,
        coach=world.bob,
        coachee=erin,
        organizer=world.bob,
        timezone="UTC",
        starts_at=start,
    )
    ScheduledSession.objects.create(
        series=series,
        org=world.org,
        coach=world.bob,
        coachee=erin,
        original_start=start,
        start=start,
        end=start + timedelta(hours=1),
        outcome=Outcome.HELD,
    )
    assert services.peer_checks_send() == 1
    assert services.peer_checks_send() == 0
    sent = Administration.objects.get(instrument__key="peer-coach-check")
    assert list(sent.respondents.values_list("member", flat=True)) == [world.bob.pk]


def test_the_self_check_file_is_a_valid_instrument():
    instrument = parse_instrument(services.SELF_CHECK.read_bytes(), services.SELF_CHECK.name)
    assert instrument.key == services.SELF_CHECK_KEY
    assert any(item.reverse for item in instrument.spec.items)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_a_mangled_self_check_is_refused_with_a_reason_never_a_crash(noise):
    text = services.SELF_CHECK.read_text()
    cut = len(noise) % len(text)
    try:
        parse_instrument(text[:cut] + noise, "peer-coach-check.toml")
    except InstrumentError as exc:
        assert "peer-coach-check.toml" in str(exc)
