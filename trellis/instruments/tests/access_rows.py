"""Page access rows for instruments (collected by the page access matrix). Alice sent the coaching
alliance check to her engagement with Bob; Dana sponsors it; Olga administers Acme; Carol learns
nothing of Acme. The answer page opens only with a valid link: a wrong one is 404 for everyone."""

from trellis.instruments.tests.helpers import alliance_for
from trellis.web.tests.access import LOGIN, everyone, row


def prepare(world):
    world.administration = alliance_for(world)


def _administration(w):
    return [w.org.slug, w.administration.uuid]


PAGES = [
    row("instruments:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("instruments:upload", anon=LOGIN, alice=200, bob=403, dana=403, olga=200, carol=404),
    row(
        "instruments:detail",
        args=lambda w: [w.org.slug, "team-pulse"],
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    row(
        "instruments:administer",
        args=lambda w: [w.org.slug, "team-pulse"],
        anon=LOGIN,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    row(
        "instruments:administration",
        args=_administration,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=200,
        olga=200,
        carol=404,
    ),
    row(
        "instruments:remind",
        "POST",
        _administration,
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    row(
        "instruments:close",
        "POST",
        _administration,
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    row("instruments:answer", args=lambda w: ["not-a-real-link"], **everyone(404)),
]
