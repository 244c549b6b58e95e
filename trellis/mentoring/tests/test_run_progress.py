"""A large program's match goes to the worker and the program page shows how far it got: queued,
then each stage of the engine (scoring, solving, explaining), then how many were matched."""

import pytest
from django.urls import reverse

from .. import services
from ..models import MentoringProgram
from .helpers import enrol_many, mentoring_program

pytestmark = pytest.mark.django_db


def test_a_large_match_is_queued_and_its_stages_are_shown(world, login, settings):
    settings.MENTORING_BACKGROUND_ABOVE = 5  # nine people: large here
    program = mentoring_program(world.olga)
    enrol_many(program, world.org, 9, by=world.olga)
    client = login(world.olga)
    status = reverse("mentoring:status", args=["acme", program.slug])

    # queued (the worker's task runs after the commit; here it has not run yet)
    response = client.post(reverse("mentoring:run", args=["acme", program.slug]))
    assert response.status_code in (200, 302)
    page = client.get(status).content.decode()
    assert "The match is queued for the worker" in page and 'hx-trigger="every 2s"' in page

    # the worker's run: at each stage the page the admin polls names it
    MentoringProgram.objects.filter(program=program).update(
        run_state=MentoringProgram.RunState.RUNNING
    )
    seen: list[str] = []

    def watch(stage: str, done: int, total: int) -> None:
        seen.append(client.get(status).content.decode())

    services.match_run(program=program, progress=watch)
    assert seen and all('hx-trigger="every 2s"' in p for p in seen)
    assert any("Matching: scoring" in p for p in seen)
    page = client.get(status).content.decode()
    assert "people matched in" in page and "every 2s" not in page  # done: polling stops
