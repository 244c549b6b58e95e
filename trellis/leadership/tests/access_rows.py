"""Page access rows for leadership development (collected by the page access matrix). Bob has a
leadership goal in his engagement with Alice (Dana sponsors it) and a decision record of that
engagement; Olga administers Acme (mission and values, competency models; no goal or decision
content); Carol learns nothing of Acme."""

from trellis.engagements.services import coaching_session_create
from trellis.leadership import services
from trellis.leadership.models import DecisionRecord
from trellis.leadership.tests.helpers import leadership_goal_for
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    world.leadership = leadership_goal_for(world)
    world.behaviour = world.leadership.current_behaviours()[0]
    world.experiment = services.experiment_add(
        leadership=world.leadership, hypothesis="Silence first gives more ideas", test="Try twice"
    )
    world.mission_part = services.mission_part_save(
        org=world.org, kind="value", name="Candour", description=""
    )
    world.leader_session = coaching_session_create(
        actor=world.alice, engagement=world.engagement, framework_key="grow"
    )
    world.decision = DecisionRecord.objects.create(
        org=world.org,
        owner=world.bob,
        engagement=world.engagement,
        question="Move Sam now?",
        options="Now\nLater",
    )


def _goal(w):
    return [w.org.slug, w.leadership.uuid]


def _behaviour(w):
    return [w.org.slug, w.leadership.uuid, w.behaviour.uuid]


def _experiment(w):
    return [w.org.slug, w.leadership.uuid, w.experiment.uuid]


def _decision(w):
    return [w.org.slug, w.decision.uuid]


def _engagement(w):
    return [w.org.slug, w.engagement.uuid]


def _part(w):
    return [w.org.slug, w.mission_part.uuid]


def _session(w):
    return [w.org.slug, w.leader_session.uuid]


def _model(w):
    return [w.org.slug, "communication"]


EVERYONE = {"anon": LOGIN, "alice": 200, "bob": 200, "dana": 200, "olga": 200, "carol": 404}
GOAL_PEOPLE = {"anon": LOGIN, "alice": 200, "bob": 200, "dana": 403, "olga": 403, "carol": 404}
GOAL_WRITE = {"anon": LOGIN, "alice": 302, "bob": 302, "dana": 403, "olga": 403, "carol": 404}

PAGES = [
    row("leadership:mine", **EVERYONE),
    row("leadership:models", **EVERYONE),
    row("leadership:model", args=_model, **EVERYONE),
    # an empty upload: 400 with the form, for admins only
    row(
        "leadership:model_import",
        "POST",
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=400,
        carol=404,
    ),
    row("leadership:mission", **EVERYONE),
    row(
        "leadership:mission_archive",
        "POST",
        _part,
        anon=LOGIN,
        alice=403,
        bob=403,
        dana=403,
        olga=302,
        carol=404,
    ),
    # the coach and the coachee of the engagement; its sponsor and admins see no goal content
    row("leadership:goal_new", args=_engagement, **GOAL_PEOPLE),
    row("leadership:goal", args=_goal, **GOAL_PEOPLE),
    row("leadership:behaviour_revise", "POST", _behaviour, **GOAL_WRITE),
    row("leadership:experiment_add", "POST", _goal, **GOAL_WRITE),
    row("leadership:experiment_conclude", "POST", _experiment, **GOAL_WRITE),
    # anyone records their own decision; one of an engagement is its coachee's and its coach's
    row("leadership:decision_new", **EVERYONE),
    row("leadership:decision", args=_decision, **GOAL_PEOPLE),
    row("leadership:decision_revisit", "POST", _decision, **GOAL_WRITE),
    # the session's coach and coachee say what it worked on; nobody else reads or writes it
    row("leadership:session_mission", "POST", _session, **GOAL_WRITE),
]
