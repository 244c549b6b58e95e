"""Page access rows for instructional coaching (collected by the page access matrix). Alice
coaches Bob, a teacher, through an Impact Cycle with an observation; Dana sponsors the engagement
(she sees that the cycle runs, never its content); Olga administers Acme (likewise); Carol learns
nothing of Acme."""

from trellis.instructional.tests.helpers import cycle_for, observation_for
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    observation_for(world, cycle_for(world))


def _cycle(w):
    return [w.org.slug, w.cycle.uuid]


def _visit(w):
    return [w.org.slug, w.observation.uuid]


def _writes(route, code, args=_cycle):
    """A write of the cycle's content: the coach and the teacher only (`code` for an empty form)."""
    return row(route, "POST", args, anon=LOGIN, alice=code, bob=code, dana=403, olga=403, carol=404)


PAGES = [
    row("instructional:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    # only the coach of an instructional engagement starts a cycle (an empty form: 400)
    row(
        "instructional:start",
        "POST",
        anon=LOGIN,
        alice=400,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("instructional:rubrics", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row(
        "instructional:rubric_import",
        anon=LOGIN,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    # the sponsor and the admin see the cycle's stage and visits, never its content
    row(
        "instructional:cycle",
        args=_cycle,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    _writes("instructional:cycle_save", 400, lambda w: [w.org.slug, w.cycle.uuid, "identify"]),
    _writes("instructional:peers", 200),
    _writes("instructional:stage", 302),  # no stage named: back to the cycle with the reason
    _writes("instructional:check_add", 400),
    _writes("instructional:visit_add", 400),
    # only the teacher shares their cycle
    row(
        "instructional:share",
        "POST",
        _cycle,
        anon=LOGIN,
        alice=403,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "instructional:visit",
        args=_visit,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    # changing a visit: the coach and the teacher only (an empty form: 400)
    row(
        "instructional:visit_edit",
        args=_visit,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    _writes("instructional:visit_edit", 400, _visit),
    _writes("instructional:visit_checklist", 302, _visit),  # nothing ticked: saved, back
    _writes("instructional:note_save", 400, _visit),  # no note id
    _writes("instructional:rating_save", 400, _visit),  # no indicator
    _writes("instructional:tally_add", 400, _visit),  # no counts
    row(
        "instructional:debrief",
        args=_visit,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
]
