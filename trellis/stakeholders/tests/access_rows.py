"""Page access rows for stakeholder feedback (collected by the page access matrix). Bob (coachee)
has a leadership goal in his engagement with Alice (coach) and four stakeholders from outside
Trellis; Dana sponsors the engagement but sees no stakeholder feedback; Olga administers Acme (sets
the threshold, sees no one's feedback); Carol learns nothing of Acme. The answer page opens only
with a valid link: a wrong one is 404 for everyone (the links have their own tests)."""

from trellis.stakeholders.tests.helpers import plan_with_stakeholders
from trellis.web.tests.access import LOGIN, everyone, row


def prepare(world):
    world.stakeholder_plan = plan_with_stakeholders(world)
    world.stakeholder = world.stakeholder_plan.stakeholders.first()


def _goal(w):
    return [w.org.slug, w.stakeholder_plan.leadership_goal.uuid]


def _person(w):
    return [w.org.slug, w.stakeholder_plan.leadership_goal.uuid, w.stakeholder.uuid]


PAGES = [
    row("stakeholders:list", anon=LOGIN, alice=200, bob=200, dana=200, olga=200, carol=404),
    row("stakeholders:settings", anon=LOGIN, alice=403, bob=403, dana=403, olga=200, carol=404),
    # the coachee and the coach; the sponsor and an admin see none of it
    row(
        "stakeholders:plan",
        args=_goal,
        anon=LOGIN,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    # an empty form: 400 naming the fields, for the coachee only
    row(
        "stakeholders:add",
        "POST",
        _goal,
        anon=LOGIN,
        alice=403,
        bob=400,
        dana=403,
        olga=403,
        carol=404,
    ),
    row(
        "stakeholders:remove",
        "POST",
        _person,
        anon=LOGIN,
        alice=403,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    # no cadence given: back to the page with the reason
    row(
        "stakeholders:cadence",
        "POST",
        _goal,
        anon=LOGIN,
        alice=403,
        bob=302,
        dana=403,
        olga=403,
        carol=404,
    ),
    # the coach sends the 360; no phase given: back to the page with the reason
    row(
        "stakeholders:threesixty",
        "POST",
        _goal,
        anon=LOGIN,
        alice=302,
        bob=403,
        dana=403,
        olga=403,
        carol=404,
    ),
    row("stakeholders:answer", args=lambda w: ["not-a-real-link"], **everyone(404)),
]
