"""A program's emails reach each person in their own language, and its page reads in it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from trellis.accounts.models import Membership, User
from trellis.programs import services

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("UTC"))


def _coachee(world, name, language):
    user = User.objects.create(email=f"{name.lower()}@acme.test", name=name, language=language)
    return Membership.objects.create(org=world.org, user=user, is_coachee=True)


@time_machine.travel(NOW, tick=False)
def test_it_tells_each_enrolled_person_in_their_language(
    world, login, django_capture_on_commit_callbacks
):
    run = services.program_create(
        actor=world.olga,
        template_key="executive-one-to-one",
        name="",
        starts_on=NOW.date(),
        pool=[services.PoolPlace(world.alice, 5, "")],
    )
    jonas, lia = _coachee(world, "Jonas", "de"), _coachee(world, "Lia", "pt-br")
    with django_capture_on_commit_callbacks(execute=True):
        services.program_enrol(actor=world.olga, program=run, members=[jonas, lia])

    to_jonas = [m for m in mail.outbox if m.to == ["jonas@acme.test"] and run.name in m.subject]
    to_lia = [m for m in mail.outbox if m.to == ["lia@acme.test"] and run.name in m.subject]
    assert f"Sie sind in {run.name} angemeldet" in [m.subject for m in to_jonas]
    assert any("Es beginnt am 4. Januar 2027." in m.body for m in to_jonas)
    assert f"Você está inscrito em {run.name}" in [m.subject for m in to_lia]
    assert any("Começa em 4 de Janeiro de 2027." in m.body for m in to_lia)

    page = login(jonas).get(f"/o/acme/programs/{run.slug}/").content.decode()
    assert "Ihr Platz in diesem Programm" in page
