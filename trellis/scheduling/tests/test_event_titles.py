"""Sponsors and admins see that a career event happened and its type, never its title: not a title
the coachee wrote, not the text of an overdue action (docs/confidentiality.md)."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from trellis.scheduling import services
from trellis.scheduling.models import CareerEvent
from trellis.scheduling.services.events import log_overdue_actions

TITLE = "Interview for the director role at Globex"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def interview(world):
    return services.career_event_log(
        actor=world.bob,
        coachee=world.bob,
        type=CareerEvent.Type.JOB_INTERVIEW,
        date=date(2026, 3, 10),
        title=TITLE,
        notes="Nervous about the case study",
    )


def pages(client, event):
    listing = client.get("/o/acme/events/").content.decode()
    detail = client.get(f"/o/acme/events/{event.uuid}/").content.decode()
    return listing + detail


def api_events(client, token):
    response = client.get(
        "/api/v1/scheduling/events", headers={"Authorization": f"Bearer {token}"}
    ).json()
    return response["items"] if isinstance(response, dict) else response


@pytest.mark.parametrize("persona", ["dana", "olga"])
def test_it_shows_sponsors_and_admins_the_type_never_the_title(world, interview, login, persona):
    page = pages(login(world.member(persona)), interview)
    assert "Job interview" in page
    assert TITLE not in page and "case study" not in page


@pytest.mark.parametrize("persona", ["bob", "alice"])
def test_it_shows_the_coachee_and_the_coach_the_title(world, interview, login, persona):
    assert TITLE in pages(login(world.member(persona)), interview)


@pytest.mark.parametrize("persona", ["dana", "olga"])
def test_it_leaves_the_title_out_of_the_api_for_sponsors_and_admins(
    world, interview, client, api_token, persona
):
    (event,) = api_events(client, api_token(world.member(persona)))
    assert event["type"] == "job_interview" and event["label"] == "Job interview"
    assert event["title"] is None and event["notes"] is None


def test_it_gives_the_coach_the_title_in_the_api(world, interview, client, api_token):
    (event,) = api_events(client, api_token(world.alice))
    assert event["title"] == TITLE


def test_it_keeps_an_overdue_actions_text_out_of_the_events_title(world, login):
    from trellis.goals.tests.helpers import bob_plan

    with time_machine.travel(NOW, tick=False):
        bob_plan(world)  # Bob's first action, "Draft next week's planning agenda", is due 6 March
        services.trigger_rule_create(actor=world.olga, event_type="setback", when="on_log")
    later = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        assert log_overdue_actions(now=later) == 1
    event = CareerEvent.objects.get()
    assert "planning agenda" not in event.title
    for persona in ("dana", "olga"):
        assert "planning agenda" not in pages(login(world.member(persona)), event)
    assert "planning agenda" in pages(login(world.alice), event)


def test_it_keeps_the_titles_from_a_coach_and_a_sponsor_who_handed_over(world, interview, login):
    from trellis.accounts.models import Membership, User
    from trellis.engagements import lifecycle
    from trellis.engagements.models import Engagement

    def person(email, name, **roles):
        return Membership.objects.create(
            org=world.org, user=User.objects.create(email=email, name=name), **roles
        )

    cody = person("cody@acme.test", "Cody Coach", is_coach=True)
    sam = person("sam@acme.test", "Sam Sponsor", is_sponsor=True)
    lifecycle.engagement_change_coach(
        actor=world.olga, engagement=world.engagement, coach=cody, reason="Alice moved team"
    )
    fresh = Engagement.objects.get(pk=world.engagement.pk)
    lifecycle.engagement_change_sponsor(actor=cody, engagement=fresh, sponsor=sam)
    for actor in (sam, world.bob):
        lifecycle.engagement_accept(actor=actor, engagement=Engagement.objects.get(pk=fresh.pk))
    assert TITLE not in login(world.alice).get("/o/acme/events/").content.decode()
    assert "No events yet." in login(world.dana).get("/o/acme/events/").content.decode()
    assert TITLE in login(cody).get("/o/acme/events/").content.decode()
    token = services.feed_token_create(member=world.alice)
    from trellis.scheduling.services.feeds import feed_build

    assert TITLE not in feed_build(token=token).decode()
