"""Access rows for an engagement's people and life (pages and API), added to access_rows.py and
api_access_rows.py of this app.

`world.proposed`: Alice proposed coaching Bob with Dana as sponsor; nobody has answered. It grants
nothing: Alice and Dana may see that it exists (to answer for their place), nobody reads or starts
anything in it, and the plan and calendar pages refuse everyone but an admin's counts.
`world.ended`: Alice coached Bob with Dana; it ended. Coach and coachee reopen it or review it.
`world.engagement` (active, Alice/Bob/Dana) carries an agreement at version 1.
Posts carry no data: a refused change comes back as a message (302), a form as the page (200).
"""

from trellis.api.tests.access import op
from trellis.engagements.tests.kinds_access import KINDS_OPERATIONS, KINDS_PAGES, kinds_prepare
from trellis.web.tests.access import LOGIN, row


def lifecycle_prepare(world):
    from trellis.engagements import contracts, lifecycle

    world.proposed = lifecycle.engagement_propose(
        actor=world.alice, coach=world.alice, coachee=world.bob, sponsor=world.dana, topic="Pitch"
    )
    world.ended = lifecycle.engagement_open_agreed(
        org_member=world.alice, coach=world.alice, coachee=world.bob, sponsor=world.dana
    )
    lifecycle.engagement_end(actor=world.alice, engagement=world.ended, reason="Goals met")
    kinds_prepare(world)  # team, group and peer engagements (kinds_access.py)
    world.agreement = contracts.agreement_write(
        actor=world.alice,
        engagement=world.engagement,
        goals="Lead the team",
        length="Six months",
        cadence="Every two weeks",
        confidentiality_limits="A risk of serious harm",
        sponsor_sees=["attendance"],
    )


def _on(name):
    return lambda w: [w.org.slug, getattr(w, name).uuid]


def _cells(anon, alice, bob, dana, olga, carol=404):
    return {"anon": anon, "alice": alice, "bob": bob, "dana": dana, "olga": olga, "carol": carol}


LIFECYCLE_PAGES = [
    # a proposed engagement: its people see it to answer; nothing in it opens
    row("engagements:detail", args=_on("proposed"), **_cells(LOGIN, 200, 200, 200, 200)),
    row("goals:engagement_plan", args=_on("proposed"), **_cells(LOGIN, 403, 403, 403, 403)),
    row("engagements:session_start", "POST", _on("proposed"), **_cells(LOGIN, 403, 403, 403, 403)),
    # answering: each participant for their own place (Alice has nothing waiting: a message)
    row("engagements:accept", "POST", _on("proposed"), **_cells(LOGIN, 302, 302, 302, 403)),
    row("engagements:decline", "POST", _on("proposed"), **_cells(LOGIN, 302, 302, 302, 403)),
    # pause and resume: coach or coachee (resuming an active one is refused with a message)
    row("engagements:pause", "POST", _on("engagement"), **_cells(LOGIN, 302, 302, 403, 403)),
    row("engagements:resume", "POST", _on("engagement"), **_cells(LOGIN, 302, 302, 403, 403)),
    # ending: coach, coachee or admin (the form comes back without a reason)
    row("engagements:end", args=_on("engagement"), **_cells(LOGIN, 200, 200, 403, 200)),
    row("engagements:end", "POST", _on("engagement"), **_cells(LOGIN, 200, 200, 403, 200)),
    row("engagements:reopen", "POST", _on("ended"), **_cells(LOGIN, 302, 302, 403, 403)),
    # leaving: anyone with an accepted place leaves their own (with no reason posted, the refusal
    # comes back as a message): the coach, a peer or coachee, the sponsor; an admin has no place
    row("engagements:leave", "POST", _on("peer"), **_cells(LOGIN, 302, 302, 403, 403)),
    row("engagements:leave", "POST", _on("engagement"), **_cells(LOGIN, 302, 302, 302, 403)),
    row("engagements:closing_review", args=_on("ended"), **_cells(LOGIN, 200, 200, 403, 403)),
    # people: the lead coach or an admin (an empty post removes the sponsor)
    row(
        "engagements:change_person",
        "POST",
        lambda w: [w.org.slug, w.engagement.uuid, "sponsor"],
        **_cells(LOGIN, 302, 403, 403, 302),
    ),
    # the agreement: the lead coach writes it; coachee and sponsor accept it
    row("engagements:agreement", args=_on("engagement"), **_cells(LOGIN, 200, 403, 403, 403)),
    row(
        "engagements:agreement_accept",
        "POST",
        _on("engagement"),
        **_cells(LOGIN, 302, 302, 302, 403),
    ),
]


def _id(name):
    return lambda w: {"engagement_id": str(getattr(w, name).uuid)}


def _ops(anon, alice, bob, dana, olga, carol=404):
    return {"anon": anon, "alice": alice, "bob": bob, "dana": dana, "olga": olga, "carol": carol}


E = "/api/v1/engagements/{engagement_id}"

LIFECYCLE_OPERATIONS = [
    op("GET", E + "/lifecycle", fill=_id("proposed"), **_ops(401, 200, 200, 200, 200)),
    op("GET", E + "/history", fill=_id("proposed"), **_ops(401, 200, 200, 200, 200)),
    op("POST", E + "/accept", fill=_id("proposed"), **_ops(401, 400, 200, 200, 403)),
    op(
        "POST",
        E + "/decline",
        fill=_id("proposed"),
        body=lambda w: {},
        **_ops(401, 400, 200, 200, 403),
    ),
    op(
        "POST",
        E + "/pause",
        fill=_id("engagement"),
        body=lambda w: {},
        **_ops(401, 200, 200, 403, 403),
    ),
    op(
        "POST",
        E + "/resume",
        fill=_id("engagement"),
        body=lambda w: {},
        **_ops(401, 400, 400, 403, 403),
    ),
    op(
        "POST",
        E + "/end",
        fill=_id("engagement"),
        body=lambda w: {"reason": "Goals met"},
        **_ops(401, 200, 200, 403, 200),
    ),
    op(
        "POST",
        E + "/leave",
        fill=_id("peer"),
        body=lambda w: {"reason": "Moving to another team"},
        **_ops(401, 200, 200, 403, 403),
    ),
    op(  # the only coach leaving ends it; the sponsor leaving closes their place
        "POST",
        E + "/leave",
        fill=_id("engagement"),
        body=lambda w: {"reason": "Moving to another team"},
        **_ops(401, 200, 200, 200, 403),
    ),
    op(
        "POST", E + "/reopen", fill=_id("ended"), body=lambda w: {}, **_ops(401, 200, 200, 403, 403)
    ),
    op(
        "POST",
        E + "/coach",
        fill=_id("engagement"),
        body=lambda w: {"member_id": str(w.alice.uuid)},  # already the lead coach: refused
        **_ops(401, 400, 403, 403, 400),
    ),
    op(
        "POST",
        E + "/sponsor",
        fill=_id("engagement"),
        body=lambda w: {"member_id": None},
        **_ops(401, 200, 403, 403, 200),
    ),
    op("GET", E + "/agreement", fill=_id("engagement"), **_ops(401, 200, 200, 200, 403)),
    op(
        "POST",
        E + "/agreement",
        fill=_id("engagement"),
        body=lambda w: {
            "goals": "g",
            "length": "l",
            "cadence": "c",
            "confidentiality_limits": "x",
            "sponsor_sees": ["attendance"],
        },
        **_ops(401, 201, 403, 403, 403),
    ),
    # the matrix world's agreement is already accepted by Bob and Dana (other rows need it in force):
    # the door lets them through and the service answers 400; accepting is proven in the lifecycle tests
    op("POST", E + "/agreement/accept", fill=_id("engagement"), **_ops(401, 400, 400, 400, 403)),
    op(
        "POST",
        E + "/closing-review",
        fill=_id("ended"),
        body=lambda w: {"what_changed": "Leads the stand-up"},
        **_ops(401, 201, 201, 403, 403),
    ),
]

LIFECYCLE_PAGES += KINDS_PAGES
LIFECYCLE_OPERATIONS += KINDS_OPERATIONS
