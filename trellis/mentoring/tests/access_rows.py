"""Page access rows for peer and mentoring programs (collected by the page access matrix). Olga
runs a mentoring program in which Alice mentors and Bob is mentored (a published pair); Dana is
not enrolled; Carol learns nothing of Acme."""

from trellis.accounts.models import Team
from trellis.mentoring import services
from trellis.mentoring.models import Pair
from trellis.mentoring.tests.helpers import answers, mentoring_program
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    program = mentoring_program(world.olga, coach=world.alice)
    services.enrol(actor=world.alice, program=program, role="mentor", answers=answers(0, "mentor"))
    services.enrol(actor=world.bob, program=program, role="mentee", answers=answers(4, "mentee"))
    services.match_request(actor=world.olga, program=program)
    services.publish(actor=world.olga, program=program)
    world.mentoring_program = program
    world.mentoring_pair = Pair.objects.get(program=program)
    world.mentoring_bob = program.mentoring_enrolments.get(member=world.bob)
    Team.objects.get_or_create(org=world.org, name="Mentoring API team")  # the team API's row


def _p(w):
    return [w.org.slug, w.mentoring_program.slug]


def _pair(w):
    return [w.org.slug, w.mentoring_program.slug, w.mentoring_pair.uuid]


def _person(w):
    return [w.org.slug, w.mentoring_program.slug, w.mentoring_bob.uuid]


ADMIN_ONLY = {"anon": LOGIN, "alice": 403, "bob": 403, "dana": 403, "carol": 404}

PAGES = [
    row("mentoring:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    # anyone in the organization sees the program page (to enrol); the admin also runs it
    row(
        "mentoring:program", args=_p, anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404
    ),
    row("mentoring:status", args=_p, olga=200, **ADMIN_ONLY),
    # the admin's setup pages: a new program, and a program's kind, mode and rules (an empty
    # form posted: 400 naming the fields)
    row("mentoring:setup_new", olga=200, **ADMIN_ONLY),
    row("mentoring:setup_new", "POST", olga=400, **ADMIN_ONLY),
    row("mentoring:setup", args=_p, olga=200, **ADMIN_ONLY),
    row("mentoring:setup", "POST", _p, olga=400, **ADMIN_ONLY),
    # enrolling oneself: already enrolled, or an empty form: 400 naming the answers
    row(
        "mentoring:enrol", "POST", _p, anon=LOGIN, alice=400, bob=400, dana=400, olga=400, carol=404
    ),
    # one's own answers: an empty form is a 400 naming the questions; not enrolled, a 400 too
    row(
        "mentoring:answers",
        "POST",
        _p,
        anon=LOGIN,
        alice=400,
        bob=400,
        dana=400,
        olga=400,
        carol=404,
    ),
    row("mentoring:enrol_people", args=_p, olga=200, **ADMIN_ONLY),
    row("mentoring:run", "POST", _p, olga=302, **ADMIN_ONLY),
    row("mentoring:publish", "POST", _p, olga=302, **ADMIN_ONLY),  # nothing left: the reason
    row("mentoring:circles", "POST", _p, olga=302, **ADMIN_ONLY),
    row("mentoring:health_csv", args=_p, olga=200, **ADMIN_ONLY),
    # a self-match request without a partner: back to the page with the reason
    row(
        "mentoring:request",
        "POST",
        _p,
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=302,
        olga=302,
        carol=404,
    ),
    row("mentoring:review", "POST", _pair, olga=302, **ADMIN_ONLY),
    # each person answers for their own pair; nobody else (the admin neither)
    row(
        "mentoring:answer",
        "POST",
        _pair,
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    # either person, or the admin, ends it (without a reason: back with the reason asked for)
    row(
        "mentoring:end",
        "POST",
        _pair,
        anon=LOGIN,
        alice=302,
        bob=302,
        dana=403,
        olga=302,
        carol=404,
    ),
    row("mentoring:rematch", "POST", _person, olga=302, **ADMIN_ONLY),
]
