"""The organization's business goals as admins and sponsors see them: how many goals sit under
each, and the people's GAS trend by quarter, only where at least five people were scored."""

from datetime import date

from django.urls import reverse

from trellis.accounts.models import Membership, User
from trellis.goals.models import Goal, GoalScore, Review
from trellis.teams import selectors


def _person_scored(world, index, parent, on, score):
    user = User.objects.create(email=f"p{index}@acme.test", name=f"Person {index}")
    person = Membership.objects.create(org=world.org, user=user, is_coachee=True)
    goal = Goal.objects.create(
        org=world.org, level="person", owner=person, parent=parent, title=f"Secret goal {index}"
    )
    review = Review.objects.create(org=world.org, coachee=person, reviewed_on=on)
    GoalScore.objects.create(review=review, goal=goal, score=score)


def test_counts_and_a_trend_only_at_five_people_never_anyones_goal(world, client, api_token):
    revenue = Goal.objects.create(org=world.org, level="organization", title="Grow revenue 20%")
    team = Goal.objects.create(
        org=world.org, level="team", parent=revenue, title="Ship billing", team=None
    )
    for index in range(4):  # Q1: four people, no figure
        _person_scored(world, index, team, date(2026, 2, 1), 0)
    for index in range(4, 9):  # Q2: five people
        _person_scored(world, index, revenue if index % 2 else team, date(2026, 5, 1), 1)
    (row,) = selectors.business_goals(member=world.olga)
    assert (row.team_goals, row.person_goals, row.people) == (1, 9, 9)
    assert [(p.starts_on, p.people, p.t_score) for p in row.trend] == [
        (date(2026, 1, 1), 4, None),
        (date(2026, 4, 1), 5, 60.0),
    ]
    client.force_login(world.dana.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("teams:business", args=[world.org.slug])).content.decode()
    assert "Grow revenue 20%" in page and "fewer than 5 people" in page and "60.0" in page
    assert "Secret goal" not in page
    body = client.get(
        "/api/v1/business-goals", headers={"Authorization": f"Bearer {api_token(world.olga)}"}
    ).content.decode()
    assert '"t_score": 60.0' in body.replace('"t_score":60.0', '"t_score": 60.0')
    assert "Secret goal" not in body
