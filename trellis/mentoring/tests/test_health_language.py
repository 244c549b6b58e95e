"""A program's health counts the reasons pairs ended early; a reason too few pairs gave is not
shown, and the words that stand for those reasons are in the reader's language, counted once."""

import pytest
from django.urls import reverse

from .. import services
from ..models import Pair
from .helpers import enrol_many, mentoring_program

pytestmark = pytest.mark.django_db


def test_a_german_admin_reads_other_reasons_in_german(world, login):
    program = mentoring_program(world.olga)
    enrol_many(program, world.org, 12, by=world.olga)
    services.match_request(actor=world.olga, program=program)
    services.publish(actor=world.olga, program=program)
    pairs = list(Pair.objects.filter(program=program)[:2])
    assert len(pairs) == 2
    for pair, reason in zip(pairs, ("Different goals", "Moved to another site"), strict=True):
        services.pair_answer(actor=pair.left.member, pair=pair, yes=True)
        services.pair_answer(actor=pair.right.member, pair=pair, yes=True)
        services.pair_end(actor=pair.right.member, pair=pair, reason=reason)
    world.olga.user.language = "de"
    world.olga.user.save(update_fields=["language"])
    page = login(world.olga).get(reverse("mentoring:program", args=["acme", program.slug]))
    text = page.content.decode()
    assert "(andere Gründe): 2" in text
    assert "(other reasons)" not in text
