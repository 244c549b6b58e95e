"""A German-speaking person enrolled with their team is asked by email in German, and reads
their program page in German, whatever language the admin who enrolled them reads."""

import pytest
from django.core import mail

from trellis.accounts.models import Team

from .. import services
from .helpers import mentoring_program, person

pytestmark = pytest.mark.django_db


def test_it_asks_a_german_speaker_in_german_and_shows_their_page_in_german(
    world, login, django_capture_on_commit_callbacks
):
    program = mentoring_program(world.olga)
    team = Team.objects.create(org=world.org, name="Platform")
    anna = person(world.org, "anna@acme.test", "Anna Berg")
    anna.user.language = "de"
    anna.user.save(update_fields=["language"])
    ben = person(world.org, "ben@acme.test", "Ben Ward")
    for member in (anna, ben):
        member.team = team
        member.save(update_fields=["team"])

    with django_capture_on_commit_callbacks(execute=True):
        services.enrol_team(actor=world.olga, program=program, team=team, role="mentee")

    to_anna = {m.subject: m.body for m in mail.outbox if m.to == ["anna@acme.test"]}
    to_ben = {m.subject: m.body for m in mail.outbox if m.to == ["ben@acme.test"]}
    asked = "Mentoring 2027: Sie sind angemeldet, erzählen Sie uns von sich"
    assert "Nur Sie sehen Ihre Antworten" in to_anna[asked]
    assert "Mentoring 2027: you are enrolled, tell us about yourself" in to_ben
    assert "Bitte beantworten Sie Mentoring 2027: start" in to_anna  # the program's first check
    assert "Please answer Mentoring 2027: start" in to_ben

    page = login(anna).get(f"/o/acme/mentoring/{program.slug}/").content.decode()
    assert "Erzählen Sie uns von sich" in page
    assert "Meine Antworten speichern" in page
    assert "Tell us about yourself" not in page
