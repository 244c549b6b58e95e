"""Team coaching as its people meet it: the charter and its versions, the pulse's aggregates
(only once over and at the threshold, never one member's answers, admin included), the coach's
team session on the weakest dimension, actions with owners from the team, check-ins."""

import json

import pytest
from django.urls import reverse

from trellis.engagements.models import CoachingSession
from trellis.goals.models import Goal
from trellis.instruments.services import answers_submit
from trellis.teams import selectors, services
from trellis.teams.models import CharterVersion, TeamPulse
from trellis.teams.tests.helpers import answered_pulse, pulse_answers, team_for


@pytest.fixture
def team(world):
    return team_for(world)


def _page(client, member, route, *args, data=None):
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(route, args=[member.org.slug, *args])
    return client.post(url, data) if data is not None else client.get(url)


def _api(client, api_token, member, method, path, body=None):
    headers = {"Authorization": f"Bearer {api_token(member)}"}
    if body is None:
        return getattr(client, method)(path, headers=headers)
    return getattr(client, method)(
        path, data=json.dumps(body), content_type="application/json", headers=headers
    )


# -- charter -------------------------------------------------------------------------------------


def test_each_charter_save_is_a_new_version_every_member_and_the_sponsor_read(world, team, client):
    org_goal = Goal.objects.create(org=world.org, level="organization", title="Grow revenue 20%")
    team_goal = Goal.objects.create(
        org=world.org, level="team", team=team.team, parent=org_goal, title="Ship the billing API"
    )
    response = _page(
        client,
        world.alice,
        "teams:charter",
        team.uuid,
        data={"purpose": "Run the platform", "goals": [team_goal.pk], "note": "First draft"},
    )
    assert response.status_code == 302
    # the leader (Bob) edits too: a second version, the first kept
    response = _page(
        client,
        world.bob,
        "teams:charter",
        team.uuid,
        data={
            "purpose": "Run the platform others build on",
            "goals": [team_goal.pk],
            "working_agreements": "Cameras on; no meetings on Fridays",
            "decision_rules": "The owner decides after hearing everyone",
        },
    )
    assert response.status_code == 302
    versions = list(CharterVersion.objects.filter(engagement=team))
    assert [(v.version, v.saved_by) for v in versions] == [(2, world.bob), (1, world.alice)]
    member = world.team_people[2]  # not the leader: reads, does not write
    page = _page(client, member, "teams:detail", team.uuid).content.decode()
    assert "Run the platform others build on" in page and "Version 2" in page
    assert "Ship the billing API" in page and "Grow revenue 20%" in page  # linked, with its parent
    assert _page(client, member, "teams:charter", team.uuid).status_code == 403
    history = _page(client, world.dana, "teams:charter_history", team.uuid).content.decode()
    assert "Version 1" in history and "First draft" in history and "Alice Coach" in history
    # the admin sees the team's pulse aggregates, never its charter
    assert (
        "Run the platform"
        not in _page(client, world.olga, "teams:detail", team.uuid).content.decode()
    )


def test_a_charter_without_a_purpose_is_refused_and_nothing_is_saved(
    world, team, client, api_token
):
    response = _page(client, world.alice, "teams:charter", team.uuid, data={"purpose": " "})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    response = _api(
        client,
        api_token,
        world.alice,
        "post",
        f"/api/v1/teams/{team.uuid}/charter",
        {"purpose": "x", "goals": ["00000000-0000-0000-0000-000000000000"]},
    )
    assert response.status_code in (400, 422) and "goals" in response.content.decode()
    assert not CharterVersion.objects.filter(engagement=team).exists()


# -- pulse ---------------------------------------------------------------------------------------


def test_the_aggregate_shows_only_after_the_fifth_answer_and_never_anyones_own(
    world, team, client, api_token
):
    people = world.team_people
    pulse = services.pulse_send(actor=world.alice, engagement=team)
    distinctive = pulse_answers(unity=1, communication=1, others=1)  # Erin, alone at the bottom
    answers = [(people[1], distinctive)] + [(p, pulse_answers(5, 5, 5)) for p in people[2:]]
    for person, given in answers:
        answers_submit(
            respondent=pulse.administration.respondents.get(member=person), answers=given
        )
    # four of five answered: nobody sees figures, admin included
    for viewer in (world.alice, world.olga, world.dana, world.bob):
        page = _page(client, viewer, "teams:detail", team.uuid).content.decode()
        assert 'id="pulse-figures"' not in page and "No pulse has figures yet" in page
    body = _api(client, api_token, world.olga, "get", f"/api/v1/teams/{team.uuid}/pulse").json()
    assert body["pulses"][0]["dimensions"] == [] and body["pulses"][0]["total"] is None
    # Bob answers last (the fifth): the pulse is over, the team sees its aggregate
    page = _page(client, world.bob, "teams:detail", team.uuid).content.decode()
    assert "Answer the team pulse" in page
    answers_submit(
        respondent=pulse.administration.respondents.get(member=world.bob),
        answers=pulse_answers(5, 5, 5),
    )
    for viewer in (world.alice, world.olga, world.dana, world.bob):
        page = _page(client, viewer, "teams:detail", team.uuid).content.decode()
        assert 'id="pulse-figures"' in page and "Unity" in page
    body = _api(client, api_token, world.olga, "get", f"/api/v1/teams/{team.uuid}/pulse").json()
    unity = next(d for d in body["pulses"][0]["dimensions"] if d["key"] == "unity")
    assert unity["mean"] == pytest.approx(4.2) and unity["spread"] == pytest.approx(1.6)
    assert set(unity) == {"key", "name", "mean", "spread", "change"}
    assert "Erin" not in json.dumps(body)
    # the instrument's own pages: each person's own answers to themselves only
    path = f"/api/v1/administrations/{pulse.administration.uuid}"
    for viewer in (world.alice, world.olga, world.dana, world.bob, people[2]):
        response = _api(client, api_token, viewer, "get", path)
        if response.status_code == 200:
            mine = response.json().get("mine")
            assert mine is None or mine["answers"] == pulse_answers(5, 5, 5)
    carol = _api(client, api_token, world.carol, "get", f"/api/v1/teams/{team.uuid}/pulse")
    assert carol.status_code == 404


def test_an_open_pulse_shows_nothing_until_it_closes_even_past_the_threshold(world, client):
    team = team_for(world, extra=5)  # six members
    people = world.team_people
    pulse = answered_pulse(world, team, [(p, pulse_answers()) for p in people[:5]])
    assert selectors.pulse_views(team)[0].figures is None  # a sixth answer could be worked out
    services.pulse_pass(now=pulse.created_at.replace(year=pulse.created_at.year + 1))
    shown = selectors.pulse_views(team)[0].figures
    assert shown is not None and shown.answered == 5


def test_the_trend_and_the_coach_opens_a_session_on_the_weakest_dimension(world, team, client):
    people = world.team_people
    for days_ago, communication in ((56, 2), (28, 3), (0, 4)):
        answered_pulse(
            world,
            team,
            [(p, pulse_answers(unity=5, communication=communication)) for p in people],
            days_ago=days_ago,
        )
    views = selectors.pulse_views(team)
    assert [v.figures.dimensions[1].mean for v in views] == [2, 3, 4]  # communication rises
    assert views[-1].figures.dimensions[1].change == 1
    page = _page(client, world.alice, "teams:detail", team.uuid).content.decode()
    assert "Weakest dimension: <strong>Communication</strong>" in page and "<svg" in page
    response = _page(
        client,
        world.alice,
        "teams:pulse_session",
        team.uuid,
        data={"framework": "five-disciplines"},
    )
    session = CoachingSession.objects.get(engagement=team)
    assert response.status_code == 302 and str(session.uuid) in response["Location"]
    assert session.framework_version.key == "five-disciplines"
    assert "communication is the team's weakest dimension" in session.topic
    assert _page(client, world.bob, "teams:pulse_session", team.uuid, data={}).status_code == 403


def test_the_cadence_sends_the_next_pulse_and_a_too_small_team_gets_none(world, team):
    from datetime import timedelta

    from django.utils import timezone

    services.team_settings_save(
        actor=world.alice,
        engagement=team,
        leader=world.bob,
        pulse_every_weeks=2,
        pulse_threshold=5,
    )
    now = timezone.now()
    assert services.pulse_pass(now=now)["sent"] == 1
    assert services.pulse_pass(now=now)["sent"] == 0  # idempotent: next one in two weeks
    later = services.pulse_pass(now=now + timedelta(weeks=2, hours=1))
    assert later == {"closed": 1, "sent": 1}
    assert list(TeamPulse.objects.filter(engagement=team).values_list("number", flat=True)) == [
        2,
        1,
    ]
    services.team_settings_save(
        actor=world.alice, engagement=team, leader=None, pulse_every_weeks=2, pulse_threshold=6
    )
    with pytest.raises(Exception, match="a pulse needs at least 6"):
        services.pulse_send(actor=world.alice, engagement=team)


def test_the_coach_sets_how_long_the_team_has_to_answer_a_pulse(world, team, client, api_token):
    from datetime import timedelta

    from django.utils import timezone

    def settings(days, every=2):
        data = {
            "leader": world.bob.pk,
            "pulse_every_weeks": every,
            "pulse_threshold": 5,
            "pulse_answer_days": days,
        }
        return _page(client, world.alice, "teams:settings", team.uuid, data=data)

    refused = settings(20)  # a pulse every 2 weeks cannot stay open 20 days
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "at most 14 days with a pulse every 2 weeks" in page and 'value="20"' in page
    assert selectors.space_of(team).pulse_answer_days == 7  # nothing saved
    assert settings(0).status_code == 400
    assert settings(3).status_code == 302
    shown = _page(client, world.alice, "teams:settings", team.uuid).content.decode()
    assert 'name="pulse_answer_days" value="3"' in shown
    team_page = _page(client, world.alice, "teams:detail", team.uuid).content.decode()
    assert "answered within 3 days" in team_page

    now = timezone.now()
    pulse = services.pulse_send(actor=world.alice, engagement=team, now=now)
    assert pulse.closes_on == timezone.localdate(now) + timedelta(days=3)
    assert services.pulse_pass(now=now + timedelta(days=3))["closed"] == 0
    assert services.pulse_pass(now=now + timedelta(days=4))["closed"] == 1  # after its 3 days

    path = f"/api/v1/teams/{team.uuid}/settings"
    body = {"leader": None, "pulse_every_weeks": 4, "pulse_threshold": 5, "pulse_answer_days": 10}
    answer = _api(client, api_token, world.alice, "put", path, body)
    assert answer.status_code == 200 and answer.json()["pulse_answer_days"] == 10
    too_long = _api(client, api_token, world.alice, "put", path, {**body, "pulse_answer_days": 29})
    assert too_long.status_code in (400, 422) and "pulse_answer_days" in too_long.content.decode()


# -- actions and check-ins -----------------------------------------------------------------------


def test_actions_are_owned_by_team_members_and_check_ins_reach_the_team(
    world, team, client, api_token
):
    response = _api(
        client,
        api_token,
        world.bob,
        "post",
        f"/api/v1/teams/{team.uuid}/actions",
        {"title": "Write the runbook", "owner": str(world.dana.uuid)},
    )
    assert response.status_code == 400 and "not a member of this team" in response.content.decode()
    owner = world.team_people[3]
    response = _page(
        client,
        world.bob,
        "teams:action_add",
        team.uuid,
        data={"title": "Write the runbook", "owner": owner.pk},
    )
    assert response.status_code == 302
    response = _page(
        client, owner, "teams:check_ins", team.uuid, data={"text": "Runbook half written"}
    )
    assert response.status_code == 302
    page = _page(client, world.team_people[1], "teams:detail", team.uuid).content.decode()
    assert "Write the runbook" in page and "Runbook half written" in page
    listed = _api(client, api_token, world.alice, "get", f"/api/v1/teams/{team.uuid}/check-ins")
    assert listed.json()["items"][0]["text"] == "Runbook half written"
    assert _page(client, world.dana, "teams:check_ins", team.uuid).status_code == 403


def test_the_team_pass_runs_from_the_terminal(world, team):
    from io import StringIO

    from django.core.management import call_command

    services.team_settings_save(
        actor=world.alice, engagement=team, leader=None, pulse_every_weeks=4, pulse_threshold=5
    )
    out = StringIO()
    call_command("teams", "pass", stdout=out)
    assert out.getvalue().strip() == "Closed 0 pulse(s), sent 1."
    assert TeamPulse.objects.filter(engagement=team).count() == 1
