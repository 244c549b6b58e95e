"""Insights pages in the access matrix. Bob (coachee) uses language insight and shares his trend
with Alice, his coach; Dana (sponsor) and Olga (admin) never see it; the inclusive hint is for
coaches; Carol sees nothing of Acme."""

from trellis.insights import services
from trellis.web.tests.access import LOGIN, row

PEOPLE = ("alice", "bob", "dana", "olga", "carol")

COACHEE_ONLY = {"anon": LOGIN, "alice": 403, "bob": 200, "dana": 403, "olga": 403, "carol": 404}


def prepare(world):
    services.preference_update(
        actor=world.bob, language_insight=True, trend_shared_with=world.alice
    )
    services.reflection_create(actor=world.bob, text="I decided to ask for the brief on Monday.")


def bob(w):
    return [w.org.slug, w.bob.uuid]


def dana(w):
    return [w.org.slug, w.dana.uuid]


PAGES = [
    row("insights:settings", **COACHEE_ONLY),
    row("insights:reflect", **COACHEE_ONLY),
    # clearing the trend answers with a redirect back to the settings
    row("insights:forget", "POST", **{**COACHEE_ONLY, "bob": 302}),
    # the live stance panel: only for a coachee who opted in
    row("insights:stance", "POST", **COACHEE_ONLY),
    # the inclusive hint: for coaches
    row(
        "insights:inclusive",
        "POST",
        anon=LOGIN,
        alice=200,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    # Bob's trend: his own, and Alice's because he shares it with her
    row(
        "insights:member_trend",
        args=bob,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    # Dana is no coachee: she has no language trend for anyone to read
    row("insights:member_trend", args=dana, anon=LOGIN, **dict.fromkeys(PEOPLE, 404)),
]
