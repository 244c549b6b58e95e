"""Page access rows for self-efficacy. In the "Peers 2027" program Bob is enrolled (a
participant), Alice coaches in its pool, Olga administers Acme; Dana is not in it. Wins and moods
are each person's own page; Carol learns nothing of Acme."""

from trellis.efficacy import services
from trellis.efficacy.tests.helpers import SLUG, peer_program
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    world.efficacy_program = peer_program(world)
    world.efficacy_story = services.story_submit(
        actor=world.bob,
        program=world.efficacy_program,
        title="My first stand-up",
        text="I ran the team's stand-up for the first time.",
    )


def _program(w):
    return [w.org.slug, SLUG]


def _story(w):
    return [w.org.slug, w.efficacy_story.uuid]


MINE = {"anon": LOGIN, "alice": 200, "bob": 200, "dana": 200, "olga": 200, "carol": 404}
# an empty form is refused on one's own page, the field named (400)
BACK = {"anon": LOGIN, "alice": 400, "bob": 400, "dana": 400, "olga": 400, "carol": 404}

PAGES = [
    row("efficacy:mine", **MINE),
    row("efficacy:win_add", "POST", **BACK),
    row("efficacy:mood_add", "POST", **BACK),
    row("efficacy:hint", "POST", **MINE),
    row("efficacy:guide", **MINE),
    row(
        "efficacy:program",
        args=_program,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=200,
        carol=404,
    ),
    # participants write stories and notes (an empty form: 400 naming the fields)
    row(
        "efficacy:story_add",
        "POST",
        _program,
        anon=LOGIN,
        alice=403,
        bob=400,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "efficacy:note_send",
        "POST",
        _program,
        anon=LOGIN,
        alice=403,
        bob=400,
        dana=403,
        olga=403,
        carol=404,
    ),
    # the program's admin and its pool coaches review stories; never the author alone
    row(
        "efficacy:story_review",
        "POST",
        _story,
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
]
