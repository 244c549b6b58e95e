"""Outcome dashboards as the people who read them see them: real numbers for groups of five or
more, "fewer than 5" for anything smaller, a team filter that would single out a few hidden."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trellis.outcomes import selectors
from trellis.outcomes.tests.helpers import cohort

pytestmark = pytest.mark.django_db


def cells(board, key):
    return {c.key: c.value for c in board.panel(key).cells}


def test_it_counts_the_organization_for_an_admin(world):
    cohort(world, teams={"Platform": 6, "Sales": 6})
    board = selectors.dashboard_for(member=world.olga).board
    assert board.people == 13  # twelve and Bob
    funnel = cells(board, "funnel")
    assert funnel["accepted"] == 13
    # twelve met their coach, Bob did not: showing 12 beside 13 would single him out
    assert funnel["first_session"] is None
    attendance = cells(board, "attendance")
    assert attendance["held"] == 24 and attendance["no_show"] == 12


def test_it_hides_a_team_that_would_leave_out_fewer_than_five(world):
    cohort(world, teams={"Platform": 10, "Sales": 3})
    teams = {c.label: c.value for c in selectors.dashboard_for(member=world.olga).scope.teams}
    platform = selectors.dashboard_for(member=world.olga, team=teams["Platform"]).board
    sales = selectors.dashboard_for(member=world.olga, team=teams["Sales"]).board
    assert platform.hidden  # the org minus Platform is Sales and Bob: four people
    assert sales.hidden


def test_a_sponsor_of_fewer_than_five_sees_no_number(world, login):
    cohort(world, teams={"Platform": 3}, sponsor=world.dana)
    page = login(world.dana).get(reverse("outcomes:dashboard", args=[world.org.slug]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "nothing is shown" in body
    # the people they sponsor are listed, but with no contract there is no attendance to show
    assert "Platform 1" in body and "Not in the contract" in body


def test_the_page_shows_charts_with_tables_behind_them(world, login):
    cohort(world, teams={"Platform": 6})
    page = login(world.olga).get(reverse("outcomes:dashboard", args=[world.org.slug]))
    body = page.content.decode()
    assert 'role="img"' in body and "The table behind the chart" in body
    assert "fewer than 5" in body  # Bob alone has no held session: hidden, not shown as 1
    assert "<script>" not in body


def test_a_dashboard_answers_in_constant_queries(world):
    cohort(world, teams={"Platform": 2})
    with CaptureQueriesContext(connection) as small:
        selectors.dashboard_for(member=world.olga)
    cohort(world, teams={"Sales": 12, "Support": 8}, sessions=5)
    with CaptureQueriesContext(connection) as large:
        selectors.dashboard_for(member=world.olga)
    assert len(large) == len(small)


def test_the_csv_says_fewer_than_5_and_never_a_small_number(world, login):
    cohort(world, teams={"Platform": 6})
    response = login(world.olga).get(reverse("outcomes:dashboard_csv", args=[world.org.slug]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Attendance (sessions),Held,12," in text
    assert "fewer than 5" in text


def _give(world, team_name, **attributes):
    from trellis.accounts.models import Membership

    for member in Membership.objects.filter(org=world.org, team__name=team_name):
        member.attributes = {**member.attributes, **attributes}
        member.save(update_fields=["attributes"])


def test_an_admin_filters_by_the_organizations_own_attributes(world, login, client, api_token):
    cohort(world, teams={"Platform": 6, "Sales": 7})
    _give(world, "Platform", location="Lisbon")
    _give(world, "Sales", location="Berlin")
    choices = {
        c.label: c.value for c in selectors.dashboard_for(member=world.olga).scope.attributes
    }
    assert choices == {"location: Berlin": "location:Berlin", "location: Lisbon": "location:Lisbon"}
    page = login(world.olga).get(
        reverse("outcomes:dashboard", args=[world.org.slug]) + "?attribute=location:Berlin"
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert 'value="location:Berlin" selected' in body
    berlin = selectors.dashboard_for(member=world.olga, attribute="location:Berlin").board
    assert berlin.people == 7 and cells(berlin, "attendance")["held"] == 14
    api = client.get(
        "/api/v1/outcomes/dashboard",
        {"attribute": "location:Berlin"},
        headers={"Authorization": f"Bearer {api_token(world.olga)}"},
    )
    assert api.status_code == 200, api.content
    assert api.json()["people"] == 7
    # Lisbon (6) is hidden: with Berlin shown, the organization minus both would be Bob alone,
    # who has no location; so the next-smallest sibling is hidden with him
    assert selectors.dashboard_for(member=world.olga, attribute="location:Lisbon").board.hidden


def test_an_attribute_that_would_single_out_a_few_is_hidden(world):
    cohort(world, teams={"Platform": 10, "Sales": 2})
    _give(world, "Platform", department="Engineering")
    # Engineering is ten people, but the organization minus them is Sales and Bob: three people
    board = selectors.dashboard_for(member=world.olga, attribute="department:Engineering").board
    assert board.hidden
