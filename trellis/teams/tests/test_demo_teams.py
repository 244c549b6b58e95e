"""The demo shows team coaching: the Engineering team's charter in two versions, three pulses with
a trend the team, the sponsor and the admin see as aggregates, and a Team CLEAR session on the
weakest dimension."""

from django.urls import reverse

from trellis.teams import selectors


def test_it_seeds_a_team_with_a_charter_three_pulses_and_a_team_session(db, client):
    from trellis.accounts.demo import orgs
    from trellis.accounts.models import Membership
    from trellis.engagements.models import CoachingSession, Engagement
    from trellis.teams import demo
    from trellis.web.demo import seed

    seed()
    demo.seed(orgs())  # idempotent
    team = Engagement.objects.get(kind="team", topic="Engineering team coaching")
    assert [v.version for v in selectors.charter_history(team)] == [2, 1]
    views = selectors.pulse_views(team)
    assert len(views) == 3 and all(v.figures is not None for v in views)
    communication = [v.figures.dimensions[1].mean for v in views if v.figures]
    assert (
        communication == sorted(communication) and views[-1].figures.weakest.key == "communication"
    )
    session = CoachingSession.objects.get(engagement=team)
    assert session.framework_version.key == "team-clear" and session.finished_at is not None
    for email in ("olga", "dana", "jamal"):
        member = Membership.objects.get(
            org__slug="northwind", user__email=f"{email}@northwind.example"
        )
        client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
        page = client.get(reverse("teams:detail", args=["northwind", team.uuid]))
        assert page.status_code == 200 and 'id="pulse-figures"' in page.content.decode()
    business_coaching_is_in_the_demo(client)


def business_coaching_is_in_the_demo(client):
    """Business coaching: the leadership team coached as one team (three accepted, one deciding)
    and the cascade it opened, on the program page Olga opens first."""
    from trellis.accounts.models import Membership
    from trellis.engagements.models import Engagement
    from trellis.programs.models import Program
    from trellis.programs.selectors import cohort_rows, funnel

    program = Program.objects.get(name="Northwind business coaching")
    (leadership,) = {e.engagement for e in program.enrolments.all()}
    assert leadership.kind == "team" and leadership.status == "active"
    assert funnel(cohort_rows(program=program))["invited"] == 1
    cascaded = Engagement.objects.filter(topic__startswith="Northwind business coaching: ")
    assert {e.topic for e in cascaded if e.kind == "team"} == {
        "Northwind business coaching: Sales",
        "Northwind business coaching: Operations",
    }  # Engineering is in team coaching already
    assert sum(e.kind == "one_to_one" for e in cascaded) == 4  # each leader
    olga = Membership.objects.get(user__email="olga@northwind.example")
    client.force_login(olga.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("programs:detail", args=["northwind", program.slug])).content.decode()
    assert "Northwind business coaching" in page and "Greg Hollis" in page
