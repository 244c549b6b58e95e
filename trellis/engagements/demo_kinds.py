"""Demo of team and peer engagements, seeded by engagements/demo.py.

- Northwind's Customer Support team (Hannah Fischer leads it; six members) coached as a team by
  Marcus with Alice as co-coach, Dana sponsoring: Hannah and four members accepted, Noor declined
  (she is not in it and sees nothing of it), Pablo has not answered yet, and Quinn joined the team
  since (the page offers to invite him; nobody is added without their yes).
- A peer-coaching circle Sofia facilitates for Jamal, Lena and Bob: one peer session held (Jamal
  coached Lena; its calendar session is recorded held by scheduling/demo.py), so the rotation says
  Lena coaches Bob next.

- A small group Marcus coaches ("Presenting to the board") that Omar left with a reason: the
  history says he left; Marcus (the coach) reads why, Ines and Kai see "(private)", and Omar no
  longer sees the engagement (docs/engagements.md, "Leaving").

Sign in as Alice or Marcus (the team, the group), Bob or Sofia (the circle) to see them. Idempotent.
"""

from datetime import timedelta

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership, Organization, Team, User
from trellis.engagements import kinds, leaving, lifecycle, services
from trellis.engagements.models import Engagement

TEAM = "Customer Support"
TEAM_TOPIC = "Customer Support: one team across three shifts"
PEER_TOPIC = "Peer circle: new team leads"
GROUP_TOPIC = "Presenting to the board: group coaching"
GROUP_MEMBERS = ("ines@northwind.example", "kai@northwind.example", "omar@northwind.example")
LEAVER = "omar@northwind.example"
LEAVE_REASON = "I moved to the night shift and cannot make the sessions any more."
# (email, name, answer): the team's members; the leader is Hannah, their manager
MEMBERS = [
    ("ines@northwind.example", "Ines Duarte", "accept"),
    ("kai@northwind.example", "Kai Lindqvist", "accept"),
    ("mei@northwind.example", "Mei Chen", "accept"),
    ("omar@northwind.example", "Omar Haddad", "accept"),
    ("noor@northwind.example", "Noor Rahman", "decline"),
    ("pablo@northwind.example", "Pablo Ruiz", "wait"),
]
NEWCOMER = ("quinn@northwind.example", "Quinn Adeyemi")


def seed(demo: DemoOrgs) -> None:
    _team(demo)
    _peer(demo)
    _group_with_a_leaver(demo)


def _person(
    org: Organization, team: Team, manager: Membership, email: str, name: str
) -> Membership:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, name=name)
        user.set_unusable_password()  # in the demo to be coached, not to sign in
        user.save()
    return Membership.objects.get_or_create(
        org=org, user=user, defaults={"is_coachee": True, "team": team, "manager": manager}
    )[0]


def _team(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    if Engagement.objects.filter(org=org, kind=Engagement.Kind.TEAM, topic=TEAM_TOPIC).exists():
        return
    team = Team.objects.get_or_create(org=org, name=TEAM)[0]
    hannah = nw["hannah"]
    members = {email: _person(org, team, hannah, email, name) for email, name, _ in MEMBERS}
    engagement = kinds.engagement_propose_team(
        actor=nw["marcus"],
        team=team,
        coach=nw["marcus"],
        co_coaches=[nw["alice"]],
        sponsor=nw["dana"],
        topic=TEAM_TOPIC,
    )
    lifecycle.engagement_accept(actor=nw["dana"], engagement=engagement)
    lifecycle.engagement_accept(actor=hannah, engagement=_fresh(engagement))
    for email, _name, answer in MEMBERS:
        if answer == "accept":
            lifecycle.engagement_accept(actor=members[email], engagement=_fresh(engagement))
        elif answer == "decline":
            lifecycle.engagement_decline(
                actor=members[email],
                engagement=_fresh(engagement),
                reason="I'd rather work on this one to one first.",
            )
    Engagement.objects.filter(pk=engagement.pk).update(
        started_on=timezone.localdate() - timedelta(days=21)
    )
    _person(org, team, hannah, *NEWCOMER)  # joined since: offered an invitation, not a place


def _peer(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    if Engagement.objects.filter(org=org, kind=Engagement.Kind.PEER, topic=PEER_TOPIC).exists():
        return
    peers = [nw["jamal"], nw["lena"], nw["bob"]]
    engagement = kinds.engagement_propose_peer(
        actor=nw["sofia"], coach=nw["sofia"], peers=peers, topic=PEER_TOPIC
    )
    for peer in peers:
        lifecycle.engagement_accept(actor=peer, engagement=_fresh(engagement))
    session = services.coaching_session_create(
        actor=nw["jamal"], engagement=_fresh(engagement), framework_key="grow", topic="Delegating"
    )
    # finished; the turn moves on when its calendar session is recorded held (scheduling/demo.py)
    services.coaching_session_finish(actor=nw["jamal"], session=session)


def _group_with_a_leaver(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    if Engagement.objects.filter(org=org, kind=Engagement.Kind.GROUP, topic=GROUP_TOPIC).exists():
        return
    people = {
        m.user.email: m
        for m in Membership.objects.filter(org=org, user__email__in=GROUP_MEMBERS).select_related(
            "user"
        )
    }
    members = [people[email] for email in GROUP_MEMBERS if email in people]
    if len(members) < len(GROUP_MEMBERS):  # the team's people come first (_team)
        return
    engagement = kinds.engagement_propose_group(
        actor=nw["marcus"], coach=nw["marcus"], coachees=members, topic=GROUP_TOPIC
    )
    for member in members:
        lifecycle.engagement_accept(actor=member, engagement=_fresh(engagement))
    leaving.engagement_leave(
        actor=people[LEAVER], engagement=_fresh(engagement), reason=LEAVE_REASON
    )


def _fresh(engagement: Engagement) -> Engagement:
    return Engagement.objects.get(pk=engagement.pk)
