"""The self-efficacy checks reach every participant of a peer or mentoring program: someone who
enrols after the start check closed still gets a first check (and counts in the change), and the
end check goes to mentors, mentees and circle peers alike, whether or not they have an engagement."""

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.core.programs import plan
from trellis.efficacy.selectors import efficacy_change
from trellis.instruments.models import Administration, Respondent
from trellis.instruments.services import administration_close
from trellis.programs.models import ProgramInstrument
from trellis.programs.services import program_send_due_instruments

from .. import selfmatch, services
from .helpers import answers, enrol_many, mentoring_program, person

pytestmark = pytest.mark.django_db

KEY = "career-confidence"


def _answers(value: int) -> dict[str, int]:
    from trellis.core.instruments import load_builtin

    instrument = load_builtin(KEY)
    return {i.key: (6 - value if i.reverse else value) for i in instrument.spec.items}


def _enrol(world, program, n: int, role: str):
    member = person(world.org, f"late{n}@acme.test", f"Late {n}")
    services.enrol(actor=member, program=program, role=role, answers=answers(n, role))
    return member


def _answer_all(administration: Administration, value: int) -> None:
    Respondent.objects.filter(administration=administration).update(
        answers=_answers(value), answered_at=timezone.now()
    )


def _after_the_end(program):
    ends = plan(program.template, program.starts_on).ends_on
    return timezone.now() + (ends - timezone.localdate()) + timedelta(days=1)


def _end(program) -> Administration:
    placed = ProgramInstrument.objects.get(program=program, key=KEY, moment="end")
    assert placed.administration is not None
    return placed.administration


def test_a_late_enrolment_gets_a_first_check_and_is_measured(world):
    program = mentoring_program(world.olga)
    early = [_enrol(world, program, n, "mentor" if n % 2 else "mentee") for n in range(4)]
    start = ProgramInstrument.objects.get(program=program, key=KEY, moment="start").administration
    assert start is not None
    _answer_all(start, 2)
    administration_close(actor=world.olga, administration=start)

    late = [_enrol(world, program, n, "mentee") for n in (10, 11)]
    # their own first check, measured against nothing, one for both; nobody asked twice
    firsts = Administration.objects.filter(program=program, baseline__isnull=True)
    assert firsts.count() == 2
    late_check = firsts.exclude(pk=start.pk).get()
    assert set(late_check.respondents.values_list("member_id", flat=True)) == {m.pk for m in late}
    assert not start.respondents.filter(member__in=late).exists()
    _answer_all(late_check, 2)

    # nobody is matched (no engagement at all): the end check still reaches all six
    program_send_due_instruments(program=program, now=_after_the_end(program))
    end = _end(program)
    assert end.baseline_id == start.pk
    assert set(end.respondents.values_list("member_id", flat=True)) == {m.pk for m in early + late}
    _answer_all(end, 4)
    administration_close(actor=world.olga, administration=end)
    found = efficacy_change(program=program)
    assert found.started == 6
    assert found.change is not None and found.change.n == 6
    assert found.change.post > found.change.pre


def test_the_end_check_reaches_circle_peers_but_not_the_withdrawn(world):
    program = mentoring_program(world.olga, kind="peer", mode="circles", coach=world.alice)
    people = enrol_many(program, world.org, 7, by=world.olga)
    selfmatch.circles_form(actor=world.olga, program=program)
    gone = people[-1]
    services.withdraw(actor=gone.member, enrolment=gone)
    program_send_due_instruments(program=program, now=_after_the_end(program))
    asked = set(_end(program).respondents.values_list("member_id", flat=True))
    assert {e.member_id for e in people[:-1]} <= asked
    assert gone.member_id not in asked
