"""The demo shows a team engagement (most accepted, one declined, one pending, a newcomer to invite),
a peer circle with its rotation and a group a member left (why: the coach's only), to a newcomer
signing in."""

from trellis.engagements import demo_kinds
from trellis.engagements.models import Engagement
from trellis.web import demo


def _login(client, email):
    client.post("/accounts/login/", {"login": email, "password": demo.DEMO_PASSWORD})


def test_it_seeds_a_team_and_a_peer_engagement_a_newcomer_sees(db, client, capsys):
    demo.seed()
    demo.seed()  # idempotent
    team = Engagement.objects.get(kind="team", topic=demo_kinds.TEAM_TOPIC)
    answers = list(team.participants.filter(role="coachee").values_list("acceptance", flat=True))
    assert len(answers) >= 7  # six members and their leader
    assert answers.count("declined") == 1 and answers.count("pending") == 1
    assert answers.count("accepted") == len(answers) - 2
    assert team.status == "active" and team.team.members.count() >= 7
    alice = team.participants.get(role="co_coach").member.user
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")  # (MFA aside)
    listing = client.get("/o/northwind/engagements/").content.decode()
    assert "Team coaching" in listing and "5 accepted, 1 waiting" in listing
    page = client.get(f"/o/northwind/engagements/{team.uuid}/").content.decode()
    assert "Noor Rahman" in page and "Declined" in page and "Pablo Ruiz" in page
    assert "Quinn Adeyemi" not in page  # a co-coach does not invite
    client.force_login(team.coach.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/northwind/engagements/{team.uuid}/").content.decode()
    assert "Quinn Adeyemi" in page  # joined since: the lead coach may invite him
    peer = Engagement.objects.get(kind="peer", topic=demo_kinds.PEER_TOPIC)
    client.post("/accounts/logout/")
    _login(client, "bob@northwind.example")
    page = client.get(f"/o/northwind/engagements/{peer.uuid}/").content.decode()
    assert "Lena Novak</strong> coaches <strong>Bob Okafor" in page
    assert "Jamal Wright coached Lena Novak" in page
    group = Engagement.objects.get(kind="group", topic=demo_kinds.GROUP_TOPIC)
    assert group.status == "active"
    assert group.participants.filter(left_at__isnull=False, role="coachee").count() == 1
    client.force_login(group.coach.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/northwind/engagements/{group.uuid}/").content.decode()
    assert "Left (Coachee: Omar Haddad)" in page and demo_kinds.LEAVE_REASON in page
    client.post("/accounts/logout/")
    ines = group.participants.filter(left_at__isnull=True, role="coachee").first().member.user
    client.force_login(ines, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/o/northwind/engagements/{group.uuid}/").content.decode()
    assert "Left (Coachee: Omar Haddad)" in page and "night shift" not in page
