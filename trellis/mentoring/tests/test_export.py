"""A person's data export holds their pairs (not the admin's proposals they never saw) and the
peer circles they are in."""

import pytest

from trellis.privacy.services import person_export

from .. import selfmatch, services
from ..models import Circle, Pair
from .helpers import answers, enrol_many, mentoring_program, person

pytestmark = pytest.mark.django_db


def _uuids(export, table):
    return {row["uuid"] for row in export["tables"].get(table, {}).get("rows", [])}


def test_the_export_holds_their_pairs_but_not_proposals_they_never_saw(world):
    program = mentoring_program(world.olga)
    mia = person(world.org, "mia@acme.test", "Mia Mentor")
    services.enrol(actor=mia, program=program, role="mentor", answers=answers(0, "mentor"))
    services.enrol(actor=world.bob, program=program, role="mentee", answers=answers(0, "mentee"))
    services.match_request(actor=world.olga, program=program)
    pair = Pair.objects.get(program=program)
    assert _uuids(person_export(user=world.bob.user), "mentoring.Pair") == set()  # a proposal
    services.publish(actor=world.olga, program=program)
    pair.refresh_from_db()
    services.pair_answer(actor=mia, pair=pair, yes=True)
    services.pair_answer(actor=world.bob, pair=pair, yes=True)
    for who in (world.bob, mia):
        assert _uuids(person_export(user=who.user), "mentoring.Pair") == {str(pair.uuid)}
    assert _uuids(person_export(user=world.dana.user), "mentoring.Pair") == set()
    # the partners are named, as people are everywhere in the export, not by an enrolment's id
    (row,) = person_export(user=world.bob.user)["tables"]["mentoring.Pair"]["rows"]
    org = world.org.name
    assert (row["left"], row["right"]) == (
        f"Mia Mentor ({org})",
        f"{world.bob.user.display_name} ({org})",
    )


def test_the_export_holds_the_circles_they_are_in(world):
    program = mentoring_program(world.olga, kind="peer", mode="circles", coach=world.alice)
    people = enrol_many(program, world.org, 6, by=world.olga)
    selfmatch.circles_form(actor=world.olga, program=program)
    one = people[0]
    circle = Circle.objects.get(members=one)
    rows = person_export(user=one.member.user)["tables"]["mentoring.Circle"]["rows"]
    assert [r["name"] for r in rows] == [circle.name]
    assert "mentoring.Circle" not in person_export(user=world.dana.user)["tables"]
