"""In Chromium: Bob, a member of the Platform team, opens the team page, answers the team pulse
through his own link, and sees the team's aggregate only once his is the fifth answer."""

import pytest

from trellis.engagements.tests.test_browser_lifecycle import sign_in
from trellis.instruments.services import answers_submit
from trellis.teams import services
from trellis.teams.tests.helpers import pulse_answers, team_for

pytestmark = pytest.mark.browser


def test_a_member_sees_the_aggregate_only_after_the_fifth_answer(
    transactional_db, world, live_server, browser
):
    team = team_for(world)
    pulse = services.pulse_send(actor=world.alice, engagement=team)
    for person in world.team_people[1:4]:  # three of the five answered
        respondent = pulse.administration.respondents.get(member=person)
        answers_submit(respondent=respondent, answers=pulse_answers(4, 2, 4))
    base = live_server.url
    team_page = f"{base}/o/acme/teams/{team.uuid}/"
    bob = sign_in(browser, base, world.bob)
    bob.goto(team_page)
    bob.get_by_text("No pulse has figures yet").wait_for()
    bob.get_by_role("link", name="Answer the team pulse").click()
    for index in range(10):
        bob.locator("fieldset").nth(index).get_by_label("Agree", exact=True).check()
    bob.get_by_role("button", name="Send my answers").click()
    bob.get_by_text("your answers are in").wait_for()
    bob.goto(team_page)  # four answers: still nothing to see
    bob.get_by_text("No pulse has figures yet").wait_for()
    assert bob.locator("#pulse-figures").count() == 0

    last = pulse.administration.respondents.get(member=world.team_people[4])
    answers_submit(respondent=last, answers=pulse_answers(4, 2, 4))  # the fifth answer
    bob.reload()
    figures = bob.locator("#pulse-figures")
    figures.wait_for()
    assert "Communication" in figures.inner_text()
    bob.get_by_text("Weakest dimension: Communication").wait_for()
    assert bob.get_by_role("link", name="Answer the team pulse").count() == 0
