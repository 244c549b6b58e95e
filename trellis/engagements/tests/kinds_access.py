"""Access rows for team, group and peer engagements (pages and API), added to access_rows.py and
api_access_rows.py of this app through lifecycle_access.

`world.team_team`: "Platform squad", Erin and Finn, managed by Lena (Bob is invited into its engagements).
`world.team_proposed`: Olga proposed team coaching for it with Alice coaching and Dana sponsoring;
nobody answered: it grants nothing (Bob sees it to answer, opens nothing in it).
`world.team_active`: the same team with Alice; Erin and Finn accepted, Bob declined (he is not in
it: he sees nothing), Lena has not answered; Gus joined the team since (a newcomer to invite).
`world.peer`: Alice facilitates Bob and Erin, who both accepted; Dana is not in it.
"""

from trellis.api.tests.access import op
from trellis.web.tests.access import LOGIN, row


def kinds_prepare(world):
    from trellis.accounts.models import Membership, Team, User
    from trellis.engagements import kinds, lifecycle

    def person(email, name, **fields):
        user = User.objects.create(email=email, name=name)
        return Membership.objects.create(org=world.org, user=user, **fields)

    team = Team.objects.create(org=world.org, name="Platform squad")
    lena = person("lena.kinds@acme.test", "Lena Lead")
    erin = person("erin.kinds@acme.test", "Erin Member", team=team, manager=lena, is_coachee=True)
    finn = person("finn.kinds@acme.test", "Finn Member", team=team, manager=lena)
    world.team_team = team
    world.team_proposed = kinds.engagement_propose_team(
        actor=world.olga, team=team, coach=world.alice, sponsor=world.dana
    )
    # Bob is asked too (invited, as a person from outside the team would be)
    kinds.engagement_invite(actor=world.olga, engagement=world.team_proposed, member=world.bob)
    active = kinds.engagement_propose_team(actor=world.alice, team=team, coach=world.alice)
    for member in (erin, finn):
        lifecycle.engagement_accept(actor=member, engagement=active)
    kinds.engagement_invite(actor=world.alice, engagement=active, member=world.bob)
    lifecycle.engagement_decline(actor=world.bob, engagement=active, reason="Not now")
    world.team_active = active
    world.newcomer = person("gus.kinds@acme.test", "Gus New", team=team)
    world.erin = erin
    peer = kinds.engagement_propose_peer(
        actor=world.alice, coach=world.alice, peers=[world.bob, erin]
    )
    for member in (world.bob, erin):
        lifecycle.engagement_accept(actor=member, engagement=peer)
    world.peer = peer


def _cells(anon, alice, bob, dana, olga, carol=404):
    return {"anon": anon, "alice": alice, "bob": bob, "dana": dana, "olga": olga, "carol": carol}


def _on(name):
    return lambda w: [w.org.slug, getattr(w, name).uuid]


def _kind(kind):
    return lambda w: [w.org.slug, kind]


KINDS_PAGES = [
    # proposing: admins and coaches (a post without data comes back as the form, fields named)
    row("engagements:propose", args=_kind("team"), **_cells(LOGIN, 200, 403, 403, 200)),
    row("engagements:propose", args=_kind("group"), **_cells(LOGIN, 200, 403, 403, 200)),
    row("engagements:propose", args=_kind("peer"), **_cells(LOGIN, 200, 403, 403, 200)),
    row("engagements:propose", "POST", _kind("team"), **_cells(LOGIN, 200, 403, 403, 200)),
    row("engagements:propose", args=_kind("nonsense"), **_cells(LOGIN, 404, 403, 403, 404)),
    # a proposed team engagement: its people see it to answer; nothing in it opens
    row("engagements:detail", args=_on("team_proposed"), **_cells(LOGIN, 200, 200, 200, 200)),
    row("goals:engagement_plan", args=_on("team_proposed"), **_cells(LOGIN, 403, 403, 403, 403)),
    row(
        "engagements:session_start",
        "POST",
        _on("team_proposed"),
        **_cells(LOGIN, 403, 403, 403, 403),
    ),
    # an active one Bob declined: he is not in it and sees nothing of it
    row("engagements:detail", args=_on("team_active"), **_cells(LOGIN, 200, 403, 403, 200)),
    row("goals:engagement_plan", args=_on("team_active"), **_cells(LOGIN, 200, 403, 403, 403)),
    # inviting a newcomer: the lead coach or an admin (no one chosen: a message)
    row("engagements:invite", "POST", _on("team_active"), **_cells(LOGIN, 302, 403, 403, 302)),
    # the peers' rotation: the facilitator and the peers (an empty order: a message)
    row("engagements:detail", args=_on("peer"), **_cells(LOGIN, 200, 200, 403, 200)),
    row("engagements:rotation", "POST", _on("peer"), **_cells(LOGIN, 302, 302, 403, 403)),
]


def _id(name):
    return lambda w: {"engagement_id": str(getattr(w, name).uuid)}


def _ops(anon, alice, bob, dana, olga, carol=404):
    return {"anon": anon, "alice": alice, "bob": bob, "dana": dana, "olga": olga, "carol": carol}


E = "/api/v1/engagements/{engagement_id}"

KINDS_OPERATIONS = [
    # Carol's token speaks for Globex, where Acme's people and team do not exist: a named field
    op(
        "POST",
        "/api/v1/engagements/team",
        body=lambda w: {"team": "Platform squad", "coach_id": str(w.alice.uuid)},
        **_ops(401, 201, 403, 403, 201, 400),
    ),
    op(
        "POST",
        "/api/v1/engagements/group",
        body=lambda w: {
            "coach_id": str(w.alice.uuid),
            "coachee_ids": [str(w.bob.uuid), str(w.erin.uuid)],
        },
        **_ops(401, 201, 403, 403, 201, 400),
    ),
    op(
        "POST",
        "/api/v1/engagements/peer",
        body=lambda w: {
            "coach_id": str(w.alice.uuid),
            "peer_ids": [str(w.bob.uuid), str(w.erin.uuid)],
        },
        **_ops(401, 201, 403, 403, 201, 400),
    ),
    op("GET", E, fill=_id("team_active"), **_ops(401, 200, 403, 403, 200)),
    op("GET", E + "/lifecycle", fill=_id("team_proposed"), **_ops(401, 200, 200, 200, 200)),
    op(
        "POST",
        E + "/invite",
        fill=_id("team_active"),
        body=lambda w: {"member_id": str(w.newcomer.uuid)},
        **_ops(401, 200, 403, 403, 200),
    ),
    op("GET", E + "/rotation", fill=_id("peer"), **_ops(401, 200, 200, 403, 200)),
    op(
        "POST",
        E + "/rotation",
        fill=_id("peer"),
        body=lambda w: {"order": [str(w.erin.uuid), str(w.bob.uuid)]},
        **_ops(401, 200, 200, 403, 403),
    ),
]
