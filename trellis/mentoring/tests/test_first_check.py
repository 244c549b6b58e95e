"""The self-efficacy first check is given at each enrolment (a late enrolment is measured from
where that person began), once per person, and the program's health shows the change exactly as
trellis/efficacy computes it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.efficacy.selectors import efficacy_change
from trellis.instruments.models import Administration, Respondent
from trellis.instruments.services import administration_close, administration_create
from trellis.programs.models import ProgramInstrument
from trellis.programs.services import program_send_due_instruments

from .. import health, services
from .helpers import answers, mentoring_program, person

pytestmark = pytest.mark.django_db


def _answers(value: int) -> dict[str, int]:
    from trellis.core.instruments import load_builtin

    instrument = load_builtin("career-confidence")
    return {i.key: (6 - value if i.reverse else value) for i in instrument.spec.items}


def _enrol(world, program, n: int, role: str = "mentee"):
    member = person(world.org, f"p{n}@acme.test", f"Person {n}")
    services.enrol(actor=member, program=program, role=role, answers=answers(n, role))
    return member


def _start(program) -> Administration:
    placed = ProgramInstrument.objects.get(program=program, key="career-confidence", moment="start")
    assert placed.administration is not None
    return placed.administration


def test_each_enrolment_gets_the_first_check_when_they_enrol(world):
    program = mentoring_program(world.olga, starts_on=timezone.localdate() - timedelta(days=40))
    first = _enrol(world, program, 1, "mentor")
    start = _start(program)
    assert list(start.respondents.values_list("member_id", flat=True)) == [first.pk]
    late = _enrol(world, program, 2)  # weeks after the start: still measured from now
    assert set(start.respondents.values_list("member_id", flat=True)) == {first.pk, late.pk}
    # the program pass does not give the start check again
    program_send_due_instruments(program=program)
    assert Administration.objects.filter(program=program).count() == 1
    assert Respondent.objects.filter(member=late).count() == 1


def test_the_health_shows_the_change_as_efficacy_computes_it(world):
    program = mentoring_program(world.olga)
    people = [_enrol(world, program, n, "mentor" if n % 3 == 0 else "mentee") for n in range(6)]
    start = _start(program)
    Respondent.objects.filter(administration=start).update(
        answers=_answers(2), answered_at=timezone.now()
    )
    administration_close(actor=world.olga, administration=start)
    figures, hidden = health.efficacy_change(program)
    assert figures is None and not hidden  # no end yet
    end = administration_create(
        actor=world.olga,
        key="career-confidence",
        target="cohort",
        cohort_members=people,
        program=program,
        baseline=start,
    )
    Respondent.objects.filter(administration=end).update(
        answers=_answers(4), answered_at=timezone.now()
    )
    administration_close(actor=world.olga, administration=end)
    figures, hidden = health.efficacy_change(program)
    measured = efficacy_change(program=program).change
    assert measured is not None and figures is not None and not hidden
    assert figures["people"] == measured.n == 6
    assert (figures["before"], figures["after"]) == (
        round(measured.pre, 2),
        round(measured.post, 2),
    )
    assert figures["change"] == round(measured.post - measured.pre, 2)
