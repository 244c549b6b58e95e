"""A program's stories page and one's own confidence page answer in a constant number of queries,
however many stories, notes, wins and moods there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.efficacy import services
from trellis.efficacy.tests.helpers import SLUG, participant, peer_program


def _queries(client, member, route, *args):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(route, args=[member.org.slug, *args])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, program, n):
    author = participant(world, program, f"Author{n} Person", team="Platform")
    story = services.story_submit(actor=author, program=program, title=f"Win {n}", text="Did it.")
    services.story_review(actor=world.alice, story=story, decision="publish")
    services.story_submit(actor=author, program=program, title=f"Draft {n}", text="Soon.")
    services.note_send(actor=author, program=program, recipient=world.bob, text=f"Go {n}")
    services.note_send(actor=world.bob, program=program, recipient=author, text=f"Thanks {n}")
    services.win_add(actor=world.bob, text=f"I can {n}")
    services.mood_add(actor=world.bob, level=4)


def test_the_pages_answer_in_constant_queries(world, client):
    program = peer_program(world)
    _grow(world, program, 1)
    pages = [(world.bob, "efficacy:program", SLUG), (world.alice, "efficacy:program", SLUG)]
    pages.append((world.bob, "efficacy:mine"))
    before = [_queries(client, who, route, *args) for who, route, *args in pages]
    for n in range(2, 6):
        _grow(world, program, n)
    after = [_queries(client, who, route, *args) for who, route, *args in pages]
    assert after == before
